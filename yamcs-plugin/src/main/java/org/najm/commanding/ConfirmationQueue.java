package org.najm.commanding;

import java.time.Instant;

import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail.AuditFailure;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.security.Decision;
import org.yamcs.ConfigurationException;
import org.yamcs.Processor;
import org.yamcs.YamcsServer;
import org.yamcs.cmdhistory.CommandHistoryPublisher.AckStatus;
import org.yamcs.commanding.ActiveCommand;
import org.yamcs.commanding.CommandQueue;
import org.yamcs.commanding.CommandQueueListener;
import org.yamcs.commanding.CommandQueueManager;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.http.ServiceUnavailableException;
import org.yamcs.time.TimeService;

/**
 * The two-person rule on Yamcs' own command queues: the queue {@code critical} of a spacecraft's
 * processor (etc/command-queue.yaml: blocked, commands of significance critical and above) holds
 * each critical command; this listener applies the partner command authority to it, marks it held
 * for the second operator, and releases it from the queue once a lead confirms it (or rejects it
 * when it expires or is cancelled). Released, it goes onto the TC stream as Yamcs builds it, past
 * the {@link CommandAuthorityLink}, which lets confirmed commands through.
 * <p>
 * A command the authority would not hold (another partner's, a locked spacecraft) is released from
 * the queue at once, so that the authority link refuses it with its reason, as any other.
 */
final class ConfirmationQueue implements CommandQueueListener {

    static final String QUEUE = "critical";
    private static final String REJECTED_BY = "the NAJM command authority";

    private final CommandAuthorityLink link;
    private final Spacecraft spacecraft;
    private final CommandQueueManager queues;
    private final TimeService time;

    ConfirmationQueue(CommandAuthorityLink link, Spacecraft spacecraft, Processor processor) {
        this.link = link;
        this.spacecraft = spacecraft;
        this.queues = processor.getCommandingManager().getCommandQueueManager();
        this.time = YamcsServer.getTimeService(processor.getInstance());
        if (queues.getQueue(QUEUE) == null) {
            throw new ConfigurationException("No command queue '" + QUEUE + "' on processor " + processor.getName()
                    + " (etc/command-queue.yaml): critical commands could not wait for a second operator");
        }
        queues.registerListener(this);
    }

    void close() {
        queues.removeListener(this);
    }

    /**
     * Yamcs calls this inside its queue lock, before it acknowledges the queueing: decide after.
     * Every command of the processor passes here before it reaches the TC stream, whatever its queue:
     * the authority link lets only those through (a tuple put on the stream otherwise is refused).
     */
    @Override
    public void commandAdded(CommandQueue q, ActiveCommand ac) {
        PreparedCommand pc = ac.getPreparedCommand();
        CommandAuthorityService service;
        try {
            service = NajmContext.running(CommandAuthorityService.class);
        } catch (ServiceUnavailableException e) {
            if (QUEUE.equals(q.getName())) {
                queues.sendCommand(pc.getCommandId()); // the authority link refuses it, with the reason
            }
            return;
        }
        service.issued(pc.getId());
        if (QUEUE.equals(q.getName())) {
            service.execute(() -> take(pc));
        }
    }

    @Override
    public void commandRejected(CommandQueue q, ActiveCommand ac) {
        forget(ac);
    }

    @Override
    public void commandUnhandled(ActiveCommand ac) {
        forget(ac);
    }

    private static void forget(ActiveCommand ac) {
        try {
            NajmContext.running(CommandAuthorityService.class).takeIssued(ac.getPreparedCommand().getId());
        } catch (ServiceUnavailableException e) {
            // nothing to forget
        }
    }

    private void take(PreparedCommand pc) {
        CommandAuthorityService service = NajmContext.running(CommandAuthorityService.class);
        Decision decision = link.decide(pc, service);
        if (decision.verdict() != Decision.Verdict.HOLD) {
            queues.sendCommand(pc.getCommandId());
            return;
        }
        long now = time.getMissionTime();
        Instant issued = Instant.now();
        String description = CommandAuthorityLink.describe(pc);
        var held = new HeldCommand(pc, CommandAuthorityLink.issuer(pc), this, spacecraft, description, issued,
                issued.plus(service.authority().confirmationTimeout()));
        try {
            link.audit(pc, description, Outcome.HELD, decision.reason());
        } catch (AuditFailure e) {
            // Fail closed: a command the trail cannot show as held is not held for release.
            link.commandHistory.publishAck(pc.getCommandId(), CommandAuthorityLink.AUTHORIZED_ACK, now,
                    AckStatus.NOK, "Refused: " + e.getMessage());
            reject(pc);
            failNotReleased(pc, e.getMessage());
            return;
        }
        link.commandHistory.publishAck(pc.getCommandId(), CommandAuthorityLink.AUTHORIZED_ACK, now, AckStatus.OK,
                held.issuer() + " may command " + spacecraft.name());
        link.commandHistory.publishAck(pc.getCommandId(), CommandAuthorityLink.CONFIRMED_ACK, now,
                AckStatus.PENDING, decision.reason());
        service.hold(held);
    }

    /**
     * Releases a held command that {@code confirmer} confirmed: out of the queue, onto the TC stream.
     *
     * @return why it was not released (it failed instead), or null
     */
    String release(HeldCommand held, String confirmer, CommandAuthorityService service) {
        PreparedCommand pc = held.command();
        if (link.isDisabled()) {
            String why = link.lockReason();
            drop(held, Outcome.REFUSED, "confirmed by " + confirmer + " but " + why);
            return why;
        }
        String reason = "confirmed by " + confirmer;
        try {
            link.audit(pc, held.description(), Outcome.CONFIRMED, reason);
        } catch (AuditFailure e) {
            drop(held, Outcome.REFUSED, e.getMessage());
            return e.getMessage();
        }
        link.commandHistory.publishAck(pc.getCommandId(), CommandAuthorityLink.CONFIRMED_ACK, time.getMissionTime(),
                AckStatus.OK, reason);
        service.expectConfirmed(pc.getId(), confirmer);
        if (queues.sendCommand(pc.getCommandId()) == null) {
            service.takeConfirmed(pc.getId());
            failNotReleased(pc, "it was no longer in command queue " + QUEUE);
            return "it was no longer in command queue " + QUEUE;
        }
        return null;
    }

    /** Fails a held command that will never be released: it expired, was cancelled, or the MOC stops. */
    void drop(HeldCommand held, Outcome outcome, String reason) {
        PreparedCommand pc = held.command();
        link.commandHistory.publishAck(pc.getCommandId(), CommandAuthorityLink.CONFIRMED_ACK, time.getMissionTime(),
                AckStatus.NOK, reason);
        reject(pc);
        failNotReleased(pc, reason);
        link.auditQuietly(pc, held.description(), outcome, reason);
    }

    private void reject(PreparedCommand pc) {
        try {
            queues.rejectCommand(pc.getCommandId(), REJECTED_BY);
        } catch (RuntimeException e) {
            // The processor may be stopping with the MOC: the command fails all the same.
        }
    }

    /** Last, so that command history shows why, after the queue's own "Rejected by". */
    private void failNotReleased(PreparedCommand pc, String reason) {
        link.commandHistory.commandFailed(pc.getCommandId(), time.getMissionTime(), "Not released: " + reason);
    }
}
