package org.najm.gateway;

/**
 * The station whose frame the current link thread is decoding. Yamcs decodes a frame's packets
 * synchronously on the link thread, so the packet preprocessor can attribute a bad packet CRC
 * to the station that delivered it.
 */
public final class ReceptionContext {

    private static final ThreadLocal<StationStats> CURRENT = new ThreadLocal<>();

    private ReceptionContext() {
    }

    static void enter(StationStats station) {
        CURRENT.set(station);
    }

    static void exit() {
        CURRENT.remove();
    }

    /** Counts a bad packet CRC against the station being decoded, if any. */
    public static void countBadPacketCrc() {
        StationStats s = CURRENT.get();
        if (s != null) {
            s.countBadPacketCrc();
        }
    }
}
