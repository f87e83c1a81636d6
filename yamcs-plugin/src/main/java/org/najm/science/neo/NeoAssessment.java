package org.najm.science.neo;

import java.util.Map;
import java.util.Objects;

/**
 * What statistical ranging concludes from one tracklet's motion.
 *
 * @param score         0-100: 100 x the posterior probability that the object is near-Earth (q < 1.3 au)
 * @param orbitClass    the class of highest posterior probability ({@link OrbitClass#UNKNOWN} if no bound orbit of
 *                      any class fits)
 * @param probabilities posterior probability of each class (sums to 1, or empty when UNKNOWN)
 * @param motion        the motion fitted to the detections
 */
public record NeoAssessment(double score, OrbitClass orbitClass, Map<OrbitClass, Double> probabilities,
        TrackletMotion motion) {

    public NeoAssessment {
        Objects.requireNonNull(orbitClass, "orbitClass");
        Objects.requireNonNull(motion, "motion");
        if (!(score >= 0 && score <= 100)) {
            throw new IllegalArgumentException("NEO score " + score + " outside 0..100");
        }
        probabilities = Map.copyOf(probabilities);
    }
}
