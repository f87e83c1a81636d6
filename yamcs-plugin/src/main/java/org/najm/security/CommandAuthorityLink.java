package org.najm.security;

import java.time.Instant;
import java.util.stream.Collectors;

import org.najm.audit.AuditRecord;
import org.najm.audit.AuditRecord.Kind;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail;
import org.najm.commanding.LocalTcLink;
import org.najm.constellation.Spacecraft;
import org.najm.gateway.StationGateway;
import org.yamcs.ConfigurationException;
import org.yamcs.YConfiguration;
import org.yamcs.cmdhistory.CommandHistoryPublisher;
import org.yamcs.cmdhistory.CommandHistoryPublisher.AckStatus;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.utils.StringConverter;
import org.yamcs.utils.ValueUtility;
import org.yamcs.xtce.MetaCommand;
import org.yamcs.xtce.Significance;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.YarchDatabase;

/**
 * The first link on a spacecraft's TC stream, hence the one place every command passes, whatever
 * sent it (REST, web UI, command stacks, timeline activities, scripts): it applies the
 * {@link CommandAuthority}, writes the outcome to command history and the audit trail, and lets
 * only released commands on to the TC link.
 * <p>
 * A released command goes on down the stream's links (this link answers "not mine"); a refused
 * one fails here and reaches no station; a held one waits in the {@link CommandAuthorityService}
 * and, once confirmed, goes back onto the TC stream, which this link then lets pass. The TC link
 * sends nothing without this link's mark ({@link #isReleased}), so commanding fails closed if
 * this link is ever missing or misplaced. Disabling this link locks the spacecraft's commanding.
 */
public class CommandAuthorityLink extends LocalTcLink {

    /** The mark of a released command, also shown in command history. */
    public static final String RELEASED_BY = "najm-authority";
    static final String AUTHORIZED_ACK = "Authorized";
    static final String CONFIRMED_ACK = "Confirmed";

    private Spacecraft spacecraft;
    private Stream tcStream;

    @Override
    public void init(String instance, String name, YConfiguration config) throws ConfigurationException {
        super.init(instance, name, config);
        spacecraft = StationGateway.get().constellation().spacecraftByInstance(instance)
                .orElseThrow(() -> new ConfigurationException(instance + " is not a spacecraft of the constellation"));
        if (!config.containsKey("stream")) {
            throw new ConfigurationException(name + ": 'stream' (the TC stream it guards) is required");
        }
        tcStream = YarchDatabase.getInstance(instance).getStream(config.getString("stream"));
        if (tcStream == null) {
            throw new ConfigurationException(name + ": no stream " + config.getString("stream"));
        }
    }

    /** Whether the command authority released {@code pc}. */
    public static boolean isReleased(PreparedCommand pc) {
        return pc.getAttribute(RELEASED_BY) != null;
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
            long now = timeService.getMissionTime();
            String reason = "Refused: the command authority failed (" + e + ")";
            commandHistory.publishAck(pc.getCommandId(), AUTHORIZED_ACK, now, AckStatus.NOK, reason);
            commandHistory.commandFailed(pc.getCommandId(), now, reason);
            return true;
        }
    }

    private boolean decideAndApply(PreparedCommand pc) {
        CommandAuthorityService service = CommandAuthorityService.running();
        if (service != null && service.takeConfirmed(pc.getId())) {
            return false; // a held command, confirmed and back on the stream: on to the TC link
        }
        String user = pc.getUsername();
        String description = describe(pc);
        Decision decision;
        if (service == null) {
            decision = Decision.refuse("the command authority service is not running");
        } else if (isDisabled()) {
            decision = Decision.refuse("commanding of " + spacecraft.name() + " is locked: link " + linkName
                    + " is disabled");
        } else {
            Significance significance = pc.getMetaCommand() == null ? null
                    : pc.getMetaCommand().getEffectiveDefaultSignificance();
            decision = service.authority().decide(user, spacecraft,
                    significance == null ? null : significance.getConsequenceLevel());
        }
        long now = timeService.getMissionTime();
        dataOut(1, 0);
        switch (decision.verdict()) {
        case RELEASE -> {
            mark(pc, user);
            commandHistory.publishAck(pc.getCommandId(), AUTHORIZED_ACK, now, AckStatus.OK, decision.reason());
            audit(pc, description, Outcome.RELEASED, decision.reason());
            return false; // on to the TC link
        }
        case REFUSE -> {
            String reason = "Refused: " + decision.reason();
            commandHistory.publishAck(pc.getCommandId(), AUTHORIZED_ACK, now, AckStatus.NOK, reason);
            commandHistory.commandFailed(pc.getCommandId(), now, reason);
            audit(pc, description, Outcome.REFUSED, decision.reason());
            return true;
        }
        case HOLD -> {
            Instant issued = Instant.now();
            var held = new HeldCommand(pc, this, spacecraft, description, issued,
                    issued.plus(service.authority().confirmationTimeout()));
            commandHistory.publishAck(pc.getCommandId(), AUTHORIZED_ACK, now, AckStatus.OK,
                    user + " may command " + spacecraft.name());
            commandHistory.publishAck(pc.getCommandId(), CONFIRMED_ACK, now, AckStatus.PENDING, decision.reason());
            audit(pc, description, Outcome.HELD, decision.reason());
            service.hold(held);
            return true;
        }
        default -> throw new IllegalStateException(decision.toString());
        }
    }

    /**
     * Releases a held command that {@code confirmer} confirmed: back onto the TC stream, so that
     * the stream's links take it in their usual order.
     */
    void release(HeldCommand held, String confirmer, CommandAuthorityService service) {
        PreparedCommand pc = held.command();
        String reason = "confirmed by " + confirmer;
        mark(pc, pc.getUsername() + ", " + reason);
        commandHistory.publishAck(pc.getCommandId(), CONFIRMED_ACK, timeService.getMissionTime(), AckStatus.OK,
                reason);
        audit(pc, held.description(), Outcome.CONFIRMED, reason);
        service.expectConfirmed(pc.getId());
        tcStream.emitTuple(CommandTuples.toTuple(pc));
    }

    /** Fails a held command that will never be released: it expired, was cancelled, or the MOC stops. */
    void drop(HeldCommand held, Outcome outcome, String reason) {
        PreparedCommand pc = held.command();
        long now = timeService.getMissionTime();
        commandHistory.publishAck(pc.getCommandId(), CONFIRMED_ACK, now, AckStatus.NOK, reason);
        commandHistory.commandFailed(pc.getCommandId(), now, "Not released: " + reason);
        audit(pc, held.description(), outcome, reason);
    }

    private void mark(PreparedCommand pc, String by) {
        pc.addStringAttribute(RELEASED_BY, by);
        commandHistory.publish(pc.getCommandId(), RELEASED_BY, by);
    }

    private void audit(PreparedCommand pc, String description, Outcome outcome, String reason) {
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
