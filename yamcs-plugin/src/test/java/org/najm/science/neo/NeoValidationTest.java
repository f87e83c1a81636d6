package org.najm.science.neo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The NEO score against the truth of the simulator's synthetic sky, on a few hundred tracklets with a fixed seed:
 * it separates the near-Earth objects from the rest (the larger sample is the benchmark NeoScoreBench).
 */
class NeoValidationTest {

    @Test
    void theScoreSeparatesNearEarthObjectsFromTheRest() {
        // 4 spacecraft x 60 fields x ~2 tracklets: some 480 tracklets, 5 % of them near-Earth objects
        List<SkyTracklets.Labelled> sky = SkyTracklets.sample(60, 20261201L, Instant.parse("2026-12-01T00:00:00Z"));
        StatisticalRanging ranging = new StatisticalRanging();
        List<NeoValidation.Scored> scored = new ArrayList<>();
        for (SkyTracklets.Labelled l : sky) {
            scored.add(new NeoValidation.Scored(l.truth(), ranging.assess(l.tracklet()), 0));
        }
        NeoValidation v = new NeoValidation(scored);
        String figures = String.format("%d tracklets, %d NEOs: AUC %.3f, TPR %.2f, FPR %.3f at 65%n%s", v.size(),
                v.neos(), v.auc(), v.tpr(65), v.fpr(65), v.confusionTable());
        assertTrue(v.size() >= 300 && v.neos() >= 10, figures);
        assertTrue(v.auc() >= 0.9, figures);
        assertTrue(v.fpr(65) < 0.05, figures);
    }
}
