package org.najm.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;

import org.najm.simulator.link.BadFrames;
import org.najm.simulator.link.BadFrames.Fate;
import org.najm.simulator.link.BadFrames.Input;

/**
 * The TM fuzzing campaign's mix, as TmFuzzIT and TmFuzzBench send it: one input in {@link #OWN_EVERY} goes to the
 * contact's station as the subject's own frames ({@link BadFrames#ownVcs}), the others to a station that is not
 * the contact's ({@link BadFrames#foreign()}), paced at a rate. Counts what it sent, for the checks.
 */
public final class FuzzMix {

    /** One input in this many is one of the subject's own frames. */
    public static final int OWN_EVERY = 10;

    private final BadFrames.Stream own;
    private final BadFrames.Stream foreign;
    private long ownSent;
    private long foreignSent;
    private long onUnusedVcs;

    public FuzzMix(BadFrames.Stream own, BadFrames.Stream foreign) {
        this.own = own;
        this.foreign = foreign;
    }

    /** Waits until input {@code i}'s time at {@code rate} per second from {@code startNanos}, then sends it. */
    public void sendPaced(int i, long startNanos, int rate, UdpPort toHome, UdpPort toForeign) throws IOException {
        long due = startNanos + (long) (i * (1e9 / rate));
        while (System.nanoTime() < due) {
            LockSupport.parkNanos(100_000);
        }
        if (i % OWN_EVERY == OWN_EVERY - 1) {
            Input in = own.next();
            toHome.send(in.data());
            ownSent++;
            if (in.fate() == Fate.ROUTED && BadFrames.vc(in.data()) >= 3) {
                onUnusedVcs++;
            }
        } else {
            toForeign.send(foreign.next().data());
            foreignSent++;
        }
    }

    /** The subject's own frames sent to the contact's station. */
    public long ownSent() {
        return ownSent;
    }

    public long foreignSent() {
        return foreignSent;
    }

    /** Own frames the gateway routes on virtual channels 3-7, which the subject's TM link does not configure. */
    public long onUnusedVcs() {
        return onUnusedVcs;
    }

    /** The heap in use after three full collections, bytes. */
    public static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
