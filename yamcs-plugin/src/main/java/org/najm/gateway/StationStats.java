package org.najm.gateway;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of one station's TM: frames received, routed, and dropped per reason. */
public final class StationStats {

    private final String stationName;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong routed = new AtomicLong();
    private final AtomicLong badPacketCrc = new AtomicLong();
    private final Map<FrameDropReason, AtomicLong> dropped = new EnumMap<>(FrameDropReason.class);

    public StationStats(String stationName) {
        this.stationName = stationName;
        for (FrameDropReason r : FrameDropReason.values()) {
            dropped.put(r, new AtomicLong());
        }
    }

    public String stationName() {
        return stationName;
    }

    void countReceived() {
        received.incrementAndGet();
    }

    void countRouted() {
        routed.incrementAndGet();
    }

    public void countDropped(FrameDropReason reason) {
        dropped.get(reason).incrementAndGet();
    }

    /** A packet inside a good frame failed its own CRC (counted by the packet preprocessor). */
    public void countBadPacketCrc() {
        badPacketCrc.incrementAndGet();
    }

    public long received() {
        return received.get();
    }

    public long routed() {
        return routed.get();
    }

    public long dropped(FrameDropReason reason) {
        return dropped.get(reason).get();
    }

    public long badPacketCrc() {
        return badPacketCrc.get();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append("received=").append(received()).append(", routed=")
                .append(routed());
        for (FrameDropReason r : FrameDropReason.values()) {
            long n = dropped(r);
            if (n > 0) {
                sb.append(", ").append(r.name().toLowerCase()).append('=').append(n);
            }
        }
        if (badPacketCrc() > 0) {
            sb.append(", bad_packet_crc=").append(badPacketCrc());
        }
        return sb.toString();
    }
}
