package org.najm.science.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yamcs.InitException;
import org.yamcs.YConfiguration;

/** The fast-lane threshold and the ranging's samples are checked before anything starts, with a clear error. */
class ScienceServiceConfigTest {

    private static YConfiguration config(String key, Object value) throws Exception {
        Map<String, Object> ctx = Map.of("submitter", "s", "institution", "i", "measurers", List.of("m"),
                "telescopeDesign", "reflector", "aperture", 0.3);
        Map<String, Object> args = new HashMap<>(Map.of("archiveUrl", "http://127.0.0.1:1/submit", "ac2", "a@b.c",
                "observationContext", ctx));
        args.put(key, value);
        return new ScienceService().getSpec().validate(YConfiguration.wrap(args));
    }

    @Test
    void aFastLaneScoreOutsideZeroToHundredIsRefused() throws Exception {
        for (double bad : new double[] {0, -5, 100.5}) {
            var e = assertThrows(InitException.class,
                    () -> new ScienceService().init(null, "science", config("neoFastLaneScore", bad)));
            assertEquals("neoFastLaneScore must be a NEO score in (0, 100], not " + bad, e.getMessage());
        }
    }

    @Test
    void tooFewRangingSamplesAreRefused() throws Exception {
        var e = assertThrows(InitException.class,
                () -> new ScienceService().init(null, "science", config("neoSamples", 8)));
        assertEquals("neoSamples must be at least 16, not 8", e.getMessage());
    }

    @Test
    void theDefaultThresholdIs65() throws Exception {
        assertEquals(65.0, config("holdSeconds", 600.0).getDouble("neoFastLaneScore"));
    }
}
