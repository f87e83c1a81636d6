package org.najm.simulator.spacecraft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An onboard packet store: FIFO of whole packets with their creation time, bounded in octets. When full the
 * oldest packets are dropped. An overflow episode starts with the first drop and lasts until the ground frees
 * space with DELETE_STORE (without a delete a full FIFO stays full, so every later packet drops one).
 */
public final class PacketStore {

    public record Entry(double time, byte[] packet) {
    }

    /** What {@link #add} did. */
    public enum AddResult {
        STORED, STORED_OLDEST_DROPPED, OVERFLOW_STARTED
    }

    private final String name;
    private final long capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private long fill;
    private boolean overflowing;
    private long dropped;

    public PacketStore(String name, long capacityOctets) {
        this.name = name;
        this.capacity = capacityOctets;
    }

    /** @param time creation time, GPS seconds */
    public AddResult add(double time, byte[] packet) {
        boolean dropping = false;
        while (fill + packet.length > capacity && !entries.isEmpty()) {
            fill -= entries.removeFirst().packet().length;
            dropped++;
            dropping = true;
        }
        entries.addLast(new Entry(time, packet));
        fill += packet.length;
        if (!dropping) {
            return AddResult.STORED;
        }
        if (overflowing) {
            return AddResult.STORED_OLDEST_DROPPED;
        }
        overflowing = true;
        return AddResult.OVERFLOW_STARTED;
    }

    /** Packets whose creation time, in whole GPS seconds, lies in [from, to]. */
    public List<byte[]> select(long from, long to) {
        List<byte[]> out = new ArrayList<>();
        for (Entry e : entries) {
            long t = (long) Math.floor(e.time());
            if (t >= from && t <= to) {
                out.add(e.packet());
            }
        }
        return out;
    }

    /** Removes packets whose creation time, in whole GPS seconds, is at most {@code upTo}. */
    public int deleteUpTo(long upTo) {
        int n = 0;
        var it = entries.iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if ((long) Math.floor(e.time()) <= upTo) {
                fill -= e.packet().length;
                it.remove();
                n++;
            }
        }
        if (n > 0) {
            overflowing = false;
        }
        return n;
    }

    public String name() {
        return name;
    }

    public long fill() {
        return fill;
    }

    public long capacity() {
        return capacity;
    }

    public int count() {
        return entries.size();
    }

    public long dropped() {
        return dropped;
    }
}
