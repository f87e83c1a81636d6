package org.najm.simulator.spacecraft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.najm.simulator.packet.TmPacket;

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
    private long deleted;
    private long playedBack;

    public PacketStore(String name, long capacityOctets) {
        this.name = name;
        this.capacity = capacityOctets;
    }

    /** @param time creation time, GPS seconds (the packet's secondary-header time) */
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
        deleted += n;
        return n;
    }

    /** A packet of this store was framed by a playback. */
    void countPlayedBack() {
        playedBack++;
    }

    /** The packets held, oldest first: creation time, APID and sequence count of each. */
    public List<StoredPacket> contents() {
        List<StoredPacket> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(new StoredPacket(e.time(), TmPacket.apid(e.packet()), TmPacket.seqCount(e.packet())));
        }
        return out;
    }

    /** What the store holds now and its counters; {@code playingBack} comes from the playback. */
    StoreSnapshot snapshot(boolean playingBack) {
        Double oldest = null;
        Double newest = null;
        for (Entry e : entries) { // a TIME_SYNC may set the clock back: FIFO order is not time order
            oldest = oldest == null || e.time() < oldest ? e.time() : oldest;
            newest = newest == null || e.time() > newest ? e.time() : newest;
        }
        return new StoreSnapshot(name, entries.size(), fill, capacity, oldest, newest, dropped, deleted,
                playedBack, playingBack);
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

    /** Packets dropped by overflow so far. */
    public long dropped() {
        return dropped;
    }

    /** Packets removed by DELETE_STORE so far. */
    public long deleted() {
        return deleted;
    }

    /** Packets framed by playbacks so far. */
    public long playedBack() {
        return playedBack;
    }
}
