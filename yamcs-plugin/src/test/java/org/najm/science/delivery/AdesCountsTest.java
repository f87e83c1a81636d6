package org.najm.science.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.najm.science.Detection;
import org.najm.science.Detections;
import org.najm.science.Tracklet;
import org.najm.science.TrackletKey;
import org.najm.science.ades.AdesWriter;
import org.najm.science.ades.ObservationContext;

class AdesCountsTest {

    private static final ObservationContext CTX = new ObservationContext("NAJM Science Operations",
            "NAJM Consortium", List.of("NAJM Pipeline"), "reflector", 0.3, "CCD", "Gaia3", "NAJM {spacecraft}");

    @Test
    void theDetectionsOfASubmissionAreCountedPerSpacecraftStationCode() throws Exception {
        String xml = new AdesWriter().write(List.of(tracklet("NAJM-1", 1, 3), tracklet("NAJM-3", 2, 5),
                tracklet("NAJM-1", 3, 6)), CTX, Map.of("NAJM-1", "NJM1", "NAJM-3", "NJM3"));
        assertEquals(Map.of("NJM1", 9L, "NJM3", 5L), AdesCounts.detectionsByStationCode(xml));
    }

    @Test
    void somethingThatIsNotOurAdesCountsNothing() {
        assertEquals(Map.of(), AdesCounts.detectionsByStationCode("<html>not ADES</html>"));
    }

    private static Tracklet tracklet(String sc, long id, int count) {
        List<Detection> ds = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            ds.add(Detections.det(sc, id, i, count));
        }
        return new Tracklet(new TrackletKey(sc, id), ds);
    }
}
