package org.najm.simulator.spacecraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.najm.simulator.packet.GpsTime;
import org.najm.simulator.sky.TruthFile;

class SkySampleTest {

    @TempDir
    Path dir;

    static String fingerprint(List<SkySample.Sampled> s) {
        StringBuilder b = new StringBuilder();
        for (SkySample.Sampled t : s) {
            b.append(t.trackletId()).append(t.truth().orbitClass()).append(t.truth().aAu());
            for (Telescope.Detection d : t.detections()) {
                b.append(',').append(d.ra()).append(',').append(d.dec()).append(',').append(d.mag());
            }
            b.append('\n');
        }
        return b.toString();
    }

    @Test
    void sameSeedSameSkyOtherSeedOtherSky() {
        var start = GpsTime.date(Harness.START);
        var a = SkySample.generate(Harness.najm1(), start, 20, 7);
        var b = SkySample.generate(Harness.najm1(), start, 20, 7);
        var c = SkySample.generate(Harness.najm1(), start, 20, 8);
        assertEquals(fingerprint(a), fingerprint(b));
        assertNotEquals(fingerprint(a), fingerprint(c));
        assertTrue(a.size() >= 20 && a.size() <= 60, "1-3 tracklets per field: " + a.size());
        for (SkySample.Sampled t : a) {
            assertEquals(t.detections().size(), t.detections().get(0).detCount());
        }
    }

    @Test
    void theSimulatorsTelescopeIsTheSample() throws Exception {
        // a spacecraft in routine operations from START records exactly what SkySample gives for its seed
        Harness h = new Harness();
        h.sc.startInRoutineOps();
        Path truth = dir.resolve("truth.csv");
        try (TruthFile file = new TruthFile(truth)) {
            h.sc.setTruthFile(file);
            h.run(3 * 360 + 60);
        }
        List<String> lines = Files.readAllLines(truth);
        long recorded = h.sc.trackletsRecorded();
        assertTrue(recorded >= 3, "tracklets recorded " + recorded);
        assertEquals(recorded + 1, lines.size(), "one truth line per tracklet stored");
        var sample = SkySample.generate(Harness.najm1(), GpsTime.date(Harness.START), 3, 7);
        assertEquals(sample.size(), recorded);
        for (int k = 0; k < sample.size(); k++) {
            String[] cols = lines.get(k + 1).split(",");
            assertEquals("NAJM-1", cols[0]);
            assertEquals(k + 1, Long.parseLong(cols[1]));
            assertEquals(sample.get(k).truth().orbitClass().name(), cols[2]);
            assertEquals(sample.get(k).truth().aAu(), Double.parseDouble(cols[3]), 1e-6);
        }
    }
}
