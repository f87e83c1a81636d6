package org.najm.bench;

import java.util.ArrayList;
import java.util.List;

import org.najm.simulator.link.TmFramer;
import org.najm.simulator.packet.BusHk;

/**
 * One instance's frame stream for the ingest benchmark: BUS_HK packets with generation time advancing 1 ms per
 * packet (so the archive keeps every packet: no two share a time), framed on VC0 with packets spanning frames.
 * Each batch ends on a packet boundary (idle fill), so loss in one rate cannot spill into the next.
 */
final class BusHkFrames {

    /** CLCW in every OCF: COP-1 in effect, VC 0, no flags. */
    private static final int CLCW = 0x01000000;

    record Batch(List<byte[]> frames, long packets) {
    }

    private final TmFramer framer;
    private List<byte[]> sink = new ArrayList<>();
    private double gps;
    private int seq;
    private long n;

    BusHkFrames(int scid, double gpsStart) {
        this.gps = gpsStart;
        this.framer = new TmFramer(scid, () -> CLCW, f -> sink.add(f));
    }

    /** Moves the packets' generation time on by {@code seconds} without generating any. */
    void skip(double seconds) {
        gps += seconds;
    }

    /** At least {@code frames} frames, ending on a packet boundary. */
    Batch generate(int frames) {
        sink = new ArrayList<>(frames + 2);
        long packets = 0;
        TmFramer.VirtualChannel vc = framer.vc(0);
        while (sink.size() < frames) {
            vc.addPacket(busHk(gps, n).encode(seq));
            seq = (seq + 1) & 0x3FFF;
            gps += 0.001;
            n++;
            packets++;
        }
        while (vc.hasPartialFrame()) {
            vc.flush();
        }
        List<byte[]> out = sink;
        sink = new ArrayList<>();
        return new Batch(out, packets);
    }

    /** Nominal values (no alarms), a few varying so the archive does not see constants only. */
    private static BusHk busHk(double time, long n) {
        int k = (int) (n % 100);
        return new BusHk(time, 2, 28000 + k, 87, 1200 + k, 3000 - k, false, 2150 + k, 1800, -500, false,
                new float[] { 0.1f, 0.2f, 0.3f, 0.927f }, new float[] { 0.01f, -0.02f, 0.003f },
                new double[] { 6800.0 + k, 120.5, -15.25 }, new float[] { 0.1f, 7.5f, -0.2f }, 123456, 65432,
                10, 0, 1, 3600 + n / 1000, 3);
    }
}
