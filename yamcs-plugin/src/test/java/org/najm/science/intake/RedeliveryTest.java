package org.najm.science.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.najm.science.DetectionDecoder;
import org.najm.science.DetectionPackets;
import org.najm.science.TrackletKey;
import org.najm.telemetry.TestMdb;

/** The assembly of re-delivered packets (the archive query itself runs in ScienceIT). */
class RedeliveryTest {

    private static final DetectionDecoder DECODER = new DetectionDecoder(TestMdb.get());

    @Test
    void assemblesAfreshWhatTheArchiveHolds() {
        var assembly = new Redelivery.Assembly("NAJM-3", DECODER);
        for (int i : new int[] { 2, 0, 1, 0 }) { // tracklet 10 complete, one detection dumped twice
            assembly.add(packet(10, i, 3, false));
        }
        assembly.add(packet(11, 0, 3, false)); // tracklet 11 incomplete
        assembly.add(packet(11, 1, 3, true)); // undecodable: counted when it was first received

        Redelivery.Found found = assembly.found();
        assertEquals(5, found.detections());
        assertEquals(1, found.tracklets().size());
        assertEquals(new TrackletKey("NAJM-3", 10), found.tracklets().get(0).key());
        assertEquals(3, found.tracklets().get(0).detections().size());
    }

    @Test
    void findsNothingInNothing() {
        Redelivery.Found found = new Redelivery.Assembly("NAJM-3", DECODER).found();
        assertEquals(0, found.detections());
        assertEquals(0, found.tracklets().size());
    }

    private static byte[] packet(long trackletId, int index, int count, boolean badCrc) {
        DetectionPackets p = new DetectionPackets();
        p.trackletId = trackletId;
        p.detIndex = index;
        p.detCount = count;
        p.ra = 100 + index;
        p.badCrc = badCrc;
        return p.build();
    }
}
