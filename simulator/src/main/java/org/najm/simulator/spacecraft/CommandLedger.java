package org.najm.simulator.spacecraft;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import org.najm.simulator.packet.TcAck;

/**
 * What became of each TC packet: its TC_ACK stages, the counters BUS_HK reports and the outcomes tests read.
 * Written on the simulation thread; the counters and outcomes may be read from any thread.
 */
final class CommandLedger {

    private static final Logger LOG = Logger.getLogger(CommandLedger.class.getName());
    /** Outcomes kept for tests: enough for any test, bounded for a long run. */
    private static final int OUTCOMES_KEPT = 10_000;

    private final String name;
    private final Downlink downlink;
    private final List<ExecutedCommand> executed = new CopyOnWriteArrayList<>();
    private volatile long accepted;
    private volatile long rejected;
    private int lastOpcode;

    CommandLedger(String name, Downlink downlink) {
        this.name = name;
        this.downlink = downlink;
    }

    /** A packet too short to name itself: counted, but there is nothing to acknowledge. */
    void unreadable() {
        rejected++;
    }

    /** A packet that failed acceptance: its single, failing stage 1. */
    void rejected(TcAck failed) {
        rejected++;
        downlink.ack(failed);
        outcome(new ExecutedCommand(failed.opcode(), failed.tcSeq(), failed.result(), failed.time()));
    }

    /** Stages 1 and 2 of an accepted packet; {@code accepted} is its stage-1 ack, the base of later stages. */
    void started(TcAck accepted) {
        this.accepted++;
        lastOpcode = accepted.opcode();
        downlink.ack(accepted);
        downlink.ack(new TcAck(accepted.time(), accepted.tcApid(), accepted.tcSeq(), accepted.opcode(),
                TcAck.STARTED, TcAck.OK));
    }

    /** Stage 3 of the packet whose stage-1 ack is {@code base}. */
    void completed(TcAck base, int result, double ob) {
        downlink.ack(new TcAck(ob, base.tcApid(), base.tcSeq(), base.opcode(), TcAck.COMPLETED, result));
        outcome(new ExecutedCommand(base.opcode(), base.tcSeq(), result, ob));
        LOG.info(String.format("%s: TC %s seq %d completed: result %d", name, Opcodes.name(base.opcode()),
                base.tcSeq(), result));
    }

    private void outcome(ExecutedCommand c) {
        executed.add(c);
        if (executed.size() > OUTCOMES_KEPT) {
            executed.remove(0);
        }
    }

    long accepted() {
        return accepted;
    }

    long rejected() {
        return rejected;
    }

    int lastOpcode() {
        return lastOpcode;
    }

    List<ExecutedCommand> executed() {
        return List.copyOf(executed);
    }
}
