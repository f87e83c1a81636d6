package org.najm.simulator.sky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthFileTest {

    @TempDir
    Path dir;

    static TrackletTruth truth() {
        SkyObject o = SkyGeometryTest.circular(2.5, SkyGeometryTest.earthLongitude(SkyGeometryTest.DATE),
                SkyGeometryTest.DATE);
        Apparent a = o.observe(SkyGeometryTest.DATE, Vector3D.ZERO);
        Apparent b = o.observe(SkyGeometryTest.DATE.shiftedBy(300), Vector3D.ZERO);
        return TrackletTruth.of(o, a, b);
    }

    @Test
    void linesAreFlushedAsWrittenAndAppendedAcrossRestarts() throws Exception {
        Path f = dir.resolve("sub/truth.csv");
        TruthFile t = new TruthFile(f);
        TrackletTruth tr = truth();
        t.append("NAJM-1", 1, tr);
        // readable before close: flushed
        List<String> lines = Files.readAllLines(f);
        assertEquals(TruthFile.HEADER, lines.get(0));
        assertTrue(lines.get(0).startsWith("spacecraft,tracklet_id,orbit_class,a_au,e,i_deg,h_mag"));
        String[] cols = lines.get(1).split(",");
        assertEquals(TruthFile.HEADER.split(",").length, cols.length);
        assertEquals("NAJM-1", cols[0]);
        assertEquals("1", cols[1]);
        assertEquals("MBA", cols[2]);
        assertEquals(2.5, Double.parseDouble(cols[3]), 1e-6);
        assertEquals(15, Double.parseDouble(cols[6]), 1e-9);
        assertEquals(tr.rateDegPerDay(), Double.parseDouble(cols[16]), 1e-5);
        assertEquals(tr.geocentricRateDegPerDay(), Double.parseDouble(cols[18]), 1e-5);
        // from the geocentre a circular orbit at opposition moves at the textbook ~0.24 deg/day
        assertEquals(0.242, tr.geocentricRateDegPerDay(), 0.01);
        t.close();
        // a restarted simulator appends, no second header
        try (TruthFile again = new TruthFile(f)) {
            again.append("NAJM-2", 1, tr);
        }
        lines = Files.readAllLines(f);
        assertEquals(3, lines.size());
        assertEquals(1, lines.stream().filter(TruthFile.HEADER::equals).count());
        assertTrue(lines.get(2).startsWith("NAJM-2,1,MBA,"));
    }

    @Test
    void anUnwritablePathFailsClearly() throws Exception {
        Path file = dir.resolve("plain");
        Files.writeString(file, "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> new TruthFile(file.resolve("t.csv")));
        assertTrue(e.getMessage().contains("truth file"), e.getMessage());
    }
}
