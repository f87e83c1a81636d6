package org.najm.commanding;

import java.time.Instant;
import java.util.stream.Collectors;

import org.najm.audit.AuditRecord;
import org.najm.audit.AuditRecord.Kind;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail;
import org.najm.audit.AuditTrail.AuditFailure;
import org.najm.context.NajmContext;
import org.najm.security.CommandAuthority.Issuer;
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
    private String stream;
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
        stream = config.getString("stream", "the TC stream");
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

    /** Held commands do not outlive their instance: each fails, in command history and audited. */
    @Override
    protected void doStop() {
        if (confirmationQueue != null) {
            try {
                NajmContext.running(CommandAuthorityService.class).dropAll(confirmationQueue,
                        "instance " + yamcsInstance + " stopped before confirmation");
            } catch (ServiceUnavailableException e) {
                log.warn("Command authority not running: held commands of {} already failed", yamcsInstance);
            }
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
        String description = describe(pc);
        dataOut(1, 0);
        if (!service.firstDecision(pc.getId())) {
            refuseUnrecorded(pc, description, "command " + pc.getId() + " was already decided: a command id is"
                    + " decided once (a replay of an earlier command)");
            return true;
        }
        boolean issued = service.takeIssued(pc.getId());
        String confirmer = service.takeConfirmed(pc.getId());
        if (!issued) {
            // Only commands that Yamcs' commanding took in this run (REST, web UI, stacks, activities, the
            // automation) pass: a tuple put on the stream otherwise (SQL, a replayed command history
            // entry) names an issuer that nobody verified.
            refuseUnrecorded(pc, description, "command " + pc.getId() + " did not come through this MOC's commanding"
                    + " (no command queue took it): a tuple put on " + stream + " otherwise, e.g. by SQL, claiming"
                    + " to be from " + pc.getUsername());
            return true;
        }
        if (isDisabled()) {
            refuse(pc, description, lockReason(), true);
            return true;
        }
        if (confirmer != null) {
            // A held command, confirmed (and audited so) and released by the queue: on to the TC link.
            ReleaseMark.mark(pc, issuer(pc).describe() + ", confirmed by " + confirmer, commandHistory);
            return false;
        }
        Decision decision = decide(pc, service);
        switch (decision.verdict()) {
        case RELEASE -> {
            try {
                audit(pc, description, Outcome.RELEASED, decision.reason());
            } catch (AuditFailure e) {
                // Fail closed: what is not on record is not sent.
                refuse(pc, description, e.getMessage(), false);
                return true;
            }
            ReleaseMark.mark(pc, issuer(pc).describe(), commandHistory);
            commandHistory.publishAck(pc.getCommandId(), AUTHORIZED_ACK, timeService.getMissionTime(), AckStatus.OK,
                    decision.reason());
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

    String lockReason() {
        return "commanding of " + spacecraft.name() + " is locked: link " + linkName + " is disabled";
    }

    /** What the authority decides; also asked by the confirmation queue when it takes a command. */
    Decision decide(PreparedCommand pc, CommandAuthorityService service) {
        if (isDisabled()) {
            return Decision.refuse(lockReason());
        }
        Significance significance = pc.getMetaCommand() == null ? null
                : pc.getMetaCommand().getEffectiveDefaultSignificance();
        return service.authority().decide(issuer(pc), spacecraft,
                significance == null ? null : significance.getConsequenceLevel());
    }

    private void refuse(PreparedCommand pc, String description, String why, boolean audited) {
        long now = timeService.getMissionTime();
        String reason = "Refused: " + why;
        commandHistory.publishAck(pc.getCommandId(), AUTHORIZED_ACK, now, AckStatus.NOK, reason);
        commandHistory.commandFailed(pc.getCommandId(), now, reason);
        if (audited) {
            auditQuietly(pc, description, Outcome.REFUSED, why);
        }
    }

    /**
     * Refuses a command that Yamcs' commanding did not take in this run, or took and this link decided
     * already: in the audit trail and the log only, since its id may be a real command's, whose command
     * history must stay as it was.
     */
    private void refuseUnrecorded(PreparedCommand pc, String description, String why) {
        log.warn("Refused {} (issuer given: {}): {}", pc.getLoggingId(), pc.getUsername(), why);
        auditQuietly(pc, description, Outcome.REFUSED, why);
    }

    /**
     * Records {@code outcome} of {@code pc} in the audit trail.
     *
     * @throws AuditFailure if it could not: the caller must not let the command go on
     */
    void audit(PreparedCommand pc, String description, Outcome outcome, String reason) {
        Issuer issuer = issuer(pc);
        String why = reason;
        if (issuer.site() != null && (why == null || !why.startsWith("from site "))) {
            why = "from site " + issuer.site() + ": " + why;
        }
        AuditTrail.global().record(new AuditRecord(Instant.now(), Kind.COMMAND, issuer.person(),
                spacecraft.name(), description, pc.getId(), outcome, why));
    }

    /** The person {@code pc} is from (named by a partner site, or the account that sent it), and the site. */
    static Issuer issuer(PreparedCommand pc) {
        try {
            return NajmContext.running(CommandAuthorityService.class).authority().issuer(pc.getUsername(),
                    pc.getComment());
        } catch (ServiceUnavailableException e) {
            return new Issuer(pc.getUsername(), null);
        }
    }

    /** Records an outcome that stops the command anyway (refused, expired, cancelled): a failure is logged. */
    void auditQuietly(PreparedCommand pc, String description, Outcome outcome, String reason) {
        try {
            audit(pc, description, outcome, reason);
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
