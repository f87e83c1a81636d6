package org.najm.science;

import java.time.Instant;

/** Valid detections for tests, without going through packets. */
public final class Detections {

    public static final Instant T0 = Instant.parse("2026-11-20T01:00:00Z");

    private Detections() {
    }

    /** Detection {@code index} of {@code count}, 10 min apart, moving 0.01 deg per detection. */
    public static Detection det(String spacecraft, long trackletId, int index, int count) {
        return det(spacecraft, trackletId, index, count, 123.4 + 0.01 * index);
    }

    public static Detection det(String spacecraft, long trackletId, int index, int count, double ra) {
        Instant obs = T0.plusSeconds(600L * index).plusNanos(123_456_789);
        return new Detection(spacecraft, trackletId, index, count, obs, ra, -12.3 + 0.005 * index, 0.25, 0.3,
                19.5, 0.12, "G", 25, 30, -3512.123456, 5412.654321, 2300.000001, obs.plusSeconds(5));
    }
}
