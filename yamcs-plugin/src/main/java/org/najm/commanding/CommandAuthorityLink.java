package org.najm.commanding;

import java.time.Instant;
import java.util.stream.Collectors;

import org.najm.audit.AuditRecord;
import org.najm.audit.AuditRecord.Kind;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail;
import org.najm.context.NajmContext;
import org.najm.security.Decision;
import org.yamcs.ConfigurationException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.cmdhistory.CommandHistoryPublisher.AckStatus;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.http.ServiceUnavailableException;
import org.yamcs.utils.StringConverter;
import org.yamcs.utils.ValueUtility;
import org.yamcs.xtce.MetaCommand;
import org.yamcs.xtce.Significance;

/**
 * The first link on a spacecraft's TC stream, hence the one place every command passes, whatever
 * sent it (REST, web UI, command stacks, timeline activities, scripts): it applies the partner
 * command authority's {@link Decision}, writes the outcome to command history and the audit trail,
 * and lets only released commands on to the TC link, with the {@link ReleaseMark}.
 * <p>
 * A released command goes on down the stream's links (this link answers "not mine"); a refused
 * one fails here and reaches no station. Critical commands never come here straight: Yamcs' command
 * queue {@code critical} holds them ({@link ConfirmationQueue}) until a second operator confirms,
 * and releases them onto the stream, where this link lets the confirmed ones pass. A critical
 * command that arrives unconfirmed (the queue missing, enabled or accepted by hand) is refused.
 * Disabling this link locks the spacecraft's commanding.
 */
public class CommandAuthorityLink extends LocalTcLink {

    static final String AUTHORIZED_ACK = "Authorized";
    static final String CONFIRMED_ACK = "Confirmed";

    private String processorName;
    private ConfirmationQueue confirmationQueue;

    @Override
    public Spec getSpec() {
        Spec spec = getDefaultSpec();
        spec.addOption("processor", OptionType.STRING).withDefault("realtime")
                .withDescription("The processor whose command queue 'critical' holds commands for confirmation");
        return spec;
    }

    @Override
    public void init(String instance, String name, YConfiguration config) throws ConfigurationException {
        super.init(instance, name, config);
        processorName = config.getString("processor");
    }

    /** Links start after the instance's services, so the processor and its queues exist by now. */
    @Override
    protected void doStart() {
        var processor = YamcsServer.getServer().getProcessor(yamcsInstance, processorName);
        if (processor == null) {
            notifyFailed(new ConfigurationException(linkName + ": no processor " + processorName));
            return;
        }
        try {
            confirmationQueue = new ConfirmationQueue(this, spacecraft, processor);
        } catch (ConfigurationException e) {
            notifyFailed(e);
            return;
        }
        notifyStarted();
    }

    @Override
    protected void doStop() {
        if (confirmationQueue != null) {
            confirmationQueue.close();
        }
        notifyStopped();
    }

    /** Never skipped: a disabled authority link refuses, it does not step aside. */
    @Override
    public boolean isCommandingAvailable() {
        return true;
    }

    @Override
    public boolean sendCommand(PreparedCommand pc) {
        try {
            return decideAndApply(pc);
        } catch (RuntimeException e) {
            // Never let a command past because the authority failed: Yamcs would offer it to the next link.
            log.error("Command authority failed on {}: refusing it", pc.getLoggingId(), e);
            refuse(pc, describe(pc), "the command authority failed (" + e + ")", false);
            return true;
        }
    }

    private boolean decideAndApply(PreparedCommand pc) {
        CommandAuthorityService service;
        try {
            service = NajmContext.running(CommandAuthorityService.class);
        } catch (ServiceUnavailableException e) {
            refuse(pc, describe(pc), e.getMessage(), true);
            return true;
        }
        String confirmer = service.takeConfirmed(pc.getId());
        if (confirmer != null) {
            // A held command, confirmed and released by the queue: on to the TC link.
            ReleaseMark.mark(pc, pc.getUsername() + ", confirmed by " + confirmer, commandHistory);
            dataOut(1, 0);
            return false;
        }
        String description = describe(pc);
        Decision decision = decide(pc, service);
        dataOut(1, 0);
        switch (decision.verdict()) {
        case RELEASE -> {
            ReleaseMark.mark(pc, pc.getUsername(), commandHistory);
            commandHistory.publishAck(pc.getCommandId(), AUTHORIZED_ACK, timeService.getMissionTime(), AckStatus.OK,
                    decision.reason());
            audit(pc, description, Outcome.RELEASED, decision.reason());
            return false; // on to the TC link
        }
        case REFUSE -> {
            refuse(pc, description, decision.reason(), true);
            return true;
        }
        case HOLD -> {
            refuse(pc, description, "it reached the TC stream without a second operator's confirmation: command"
                    + " queue '" + ConfirmationQueue.QUEUE + "' must hold it (etc/command-queue.yaml)", true);
            return true;
        }
        default -> throw new IllegalStateException(decision.toString());
        }
    }

    /** What the authority decides; also asked by the confirmation queue when it takes a command. */
    Decision decide(PreparedCommand pc, CommandAuthorityService service) {
        if (isDisabled()) {
            return Decision.refuse("commanding of " + spacecraft.name() + " is locked: link " + linkName
                    + " is disabled");
        }
        Significance significance = pc.getMetaCommand() == null ? null
                : pc.getMetaCommand().getEffectiveDefaultSignificance();
        return service.authority().decide(pc.getUsername(), spacecraft,
                significance == null ? null : significance.getConsequenceLevel());
    }

    private void refuse(PreparedCommand pc, String description, String why, boolean audited) {
        long now = timeService.getMissionTime();
        String reason = "Refused: " + why;
        commandHistory.publishAck(pc.getCommandId(), AUTHORIZED_ACK, now, AckStatus.NOK, reason);
        commandHistory.commandFailed(pc.getCommandId(), now, reason);
        if (audited) {
            audit(pc, description, Outcome.REFUSED, why);
        }
    }

    void audit(PreparedCommand pc, String description, Outcome outcome, String reason) {
        try {
            AuditTrail.global().record(new AuditRecord(Instant.now(), Kind.COMMAND, pc.getUsername(),
                    spacecraft.name(), description, pc.getId(), outcome, reason));
        } catch (RuntimeException e) {
            log.error("Could not audit command {} ({} {}): {}", pc.getLoggingId(), outcome, reason, e.getMessage());
        }
    }

    /** e.g. "/NAJM/SET_MODE(mode=SURVEY)": the command's own arguments (not its base's, like the opcode). */
    static String describe(PreparedCommand pc) {
        MetaCommand mc = pc.getMetaCommand();
        if (mc == null) {
            return pc.getCmdName();
        }
        var assignment = pc.getArgAssignment();
        String args = assignment == null ? "" : assignment.entrySet().stream()
                .filter(e -> mc.getArgumentList().contains(e.getKey()) && e.getValue().getEngValue() != null)
                .map(e -> e.getKey().getName() + "=" + StringConverter.toString(
                        ValueUtility.toGbp(e.getValue().getEngValue())))
                .sorted().collect(Collectors.joining(", "));
        return mc.getQualifiedName() + "(" + args + ")";
    }
}
