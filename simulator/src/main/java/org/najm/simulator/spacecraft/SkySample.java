package org.najm.simulator.spacecraft;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.constellation.Spacecraft;
import org.najm.orekit.OrekitData;
import org.najm.simulator.packet.GpsTime;
import org.najm.simulator.sky.TrackletTruth;
import org.orekit.time.AbsoluteDate;

/**
 * The synthetic sky without the simulator: one spacecraft's telescope in SURVEY from {@code start}, field after
 * field, exactly as onboard (same {@link Telescope}, same cadence, the spacecraft's SGP4 orbit as observer), and
 * the tracklets it records, numbered from 1 like the onboard tracklet ids, each with its truth. No packets, no
 * stores, no link: a few thousand tracklets take seconds. The onboard clock is GPS time (no TIME_SYNC offset), so
 * a detection's {@code obsTime} is {@link GpsTime#seconds} of its mid-exposure.
 *
 * <pre>
 * List&lt;SkySample.Sampled&gt; s = SkySample.generate(new OrbitModel(spacecraft), start, 1000, 42);
 * s.get(0).detections()   // Telescope.Detection, as in SCI_DETECTION (ra, dec, rms, mag, observerKm, ...)
 * s.get(0).truth()        // TrackletTruth: orbitClass, aAu, e, iDeg, hMag, ..., rateDegPerDay
 * </pre>
 *
 * The simulator seeds its telescope from {@code new Random(new Random(seed ^ scid).nextLong())}; {@link #generate(
 * Spacecraft, AbsoluteDate, int, long)} does the same, so it gives the sky the simulator would give from the same
 * seed (not the same tracklets unless the survey also starts at {@code start}, on a whole minute).
 */
public final class SkySample {

    /**
     * One tracklet.
     *
     * @param trackletId  1, 2, ... in the order recorded
     * @param detections  its detections, det_index order
     * @param truth       the object behind it
     */
    public record Sampled(long trackletId, List<Telescope.Detection> detections, TrackletTruth truth) {
    }

    private SkySample() {
    }

    /**
     * @param orbit  the observing spacecraft's orbit
     * @param start  when the survey starts (the first exposure starts at the first whole minute from it)
     * @param fields number of fields visited ({@value Telescope#EXPOSURES_PER_FIELD} exposures, 6 min, each; 1-3
     *               tracklets per field, 2 on average)
     * @param seed   seeds the telescope's {@link Random}: same arguments, same tracklets
     */
    public static List<Sampled> generate(OrbitModel orbit, AbsoluteDate start, int fields, long seed) {
        return run(orbit, start, fields, new Random(seed));
    }

    /** As the simulator seeds this spacecraft's telescope for {@code seed} (see the class comment). */
    public static List<Sampled> generate(Spacecraft spacecraft, AbsoluteDate start, int fields, long seed) {
        Random onboard = new Random(seed ^ spacecraft.scid());
        return run(new OrbitModel(spacecraft), start, fields, new Random(onboard.nextLong()));
    }

    private static List<Sampled> run(OrbitModel orbit, AbsoluteDate start, int fields, Random rnd) {
        if (fields < 0) {
            throw new IllegalArgumentException("fields must be >= 0, not " + fields);
        }
        Telescope telescope = new Telescope(rnd);
        List<Sampled> out = new ArrayList<>();
        Instant t0 = start.toInstant(OrekitData.context().getTimeScales());
        long first = Math.floorDiv(t0.getEpochSecond() + Telescope.CADENCE_S - 1, Telescope.CADENCE_S)
                * Telescope.CADENCE_S;
        long exposures = (long) fields * Telescope.EXPOSURES_PER_FIELD;
        for (long k = 0; k < exposures; k++) {
            long minute = first + k * Telescope.CADENCE_S;
            for (int phase : new int[] { 0, Telescope.EXPOSURE_S / 2, Telescope.EXPOSURE_S }) {
                long second = minute + phase;
                AbsoluteDate date = GpsTime.date(Instant.ofEpochSecond(second));
                Vector3D p = orbit.positionGcrf(date);
                double[] km = { p.getX() / 1000, p.getY() / 1000, p.getZ() / 1000 };
                for (Telescope.Tracklet t : telescope.surveySecond(date, second, GpsTime.seconds(date), km,
                        OrbitModel.sunDirection(date, p).negate())) {
                    out.add(new Sampled(out.size() + 1, t.detections(), t.truth()));
                }
            }
        }
        return out;
    }
}
