package org.najm.passes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.najm.constellation.Station;
import org.najm.orekit.OrekitData;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;
import org.orekit.time.TimeScales;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Fast pass prediction: a time grid, then root finding on SGP4 with the grid's TEME to ITRF rotations.
 *
 * <p>Design (the same passes as one ElevationDetector per spacecraft and station, many times faster:
 * docs/benchmarks.md):
 * <ol>
 * <li>Grid ({@link EarthRotationGrid}): uniform epochs from start to end, step at most {@value #DEFAULT_STEP_S} s,
 * one exact TEME to ITRF rotation per epoch (the cost of an evaluation) shared by all spacecraft and stations,
 * computed in time chunks on a small thread pool; in between, the rotation is interpolated.</li>
 * <li>Passes ({@link SpacecraftPassSearch}): one task per spacecraft, with its own SGP4 propagator (propagators
 * are not thread-safe; frames and TLEs are). SGP4 runs every few epochs only ({@link SampledOrbit}: a cubic
 * through its positions and velocities, within ~30 m of it in low Earth orbit); each station's elevation is sampled
 * only where {@link VisibilityBounds} cannot rule it out (96 % of a LEO spacecraft's epochs over a station are
 * skipped); crossings are bracketed with SGP4's signs, refined on the sampled orbit and polished on SGP4; short
 * passes between two epochs, TCA and max elevation likewise.</li>
 * <li>Why no pass of 60 s or more is missed: a pass longer than the step contains at least one epoch (with a
 * 30 s step, a 60 s pass contains two), so its rise and set are both bracketed. Two crossings cannot hide in one
 * step either: the gap between two passes of one spacecraft over one station is most of an orbit. Shorter passes
 * are caught by probing the sampled maxima that come close to the mask.</li>
 * </ol>
 *
 * <p>Passes are clipped to [start, end]: a pass in progress at {@code start} has AOS = start (and the
 * AOS azimuth there), one still in progress at {@code end} has LOS = end. Such passes are recognised by
 * {@code aos.equals(start)} or {@code los.equals(end)}; their elevation there is above the mask.
 */
public final class PassPredictor implements PassPrediction {

    /** Default grid step, seconds. */
    public static final double DEFAULT_STEP_S = 30.0;

    /** AOS, then spacecraft, then station. */
    static final Comparator<Pass> ORDER = Comparator.comparing(Pass::aos).thenComparing(Pass::spacecraft)
            .thenComparing(Pass::station);

    private final Frame teme;
    private final Frame itrf;
    private final OneAxisEllipsoid earth;
    private final TimeScale utc;
    private final TimeScales timeScales;
    private final double maxStepS;
    private final int threads;

    /** The default: Orekit data of this repository, 30 s grid, one thread per core. */
    public PassPredictor() {
        this(OrekitData.context(), DEFAULT_STEP_S, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param context     Orekit data (only UTC-TAI is needed)
     * @param stepSeconds grid step, at most {@value #DEFAULT_STEP_S} s to keep the 60 s guarantee
     * @param threads     worker threads
     */
    public PassPredictor(DataContext context, double stepSeconds, int threads) {
        if (!(stepSeconds > 0 && stepSeconds <= DEFAULT_STEP_S)) {
            throw new IllegalArgumentException("grid step must be in (0, 30] s, got " + stepSeconds);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        this.timeScales = context.getTimeScales();
        this.utc = timeScales.getUTC();
        this.teme = context.getFrames().getTEME();
        this.itrf = context.getFrames().getITRF(IERSConventions.IERS_2010, true);
        this.earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
                Constants.WGS84_EARTH_FLATTENING, itrf);
        this.maxStepS = stepSeconds;
        this.threads = threads;
    }

    @Override
    public List<Pass> predict(List<SpacecraftTle> sats, List<Station> stations, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end " + end + " must be after start " + start);
        }
        List<StationGeometry> geo = stations.stream().map(s -> new StationGeometry(s, earth)).toList();
        // daemon: workers still finishing after shutdownNow (an interrupted caller) never hold up JVM exit
        ExecutorService pool = Executors.newFixedThreadPool(threads, new DefaultThreadFactory("pass-predictor", true));
        try {
            EarthRotationGrid grid = EarthRotationGrid.compute(teme, itrf, new AbsoluteDate(start, utc),
                    new AbsoluteDate(end, utc), maxStepS, pool, threads * 4);
            List<Future<List<Pass>>> tasks = new ArrayList<>();
            for (SpacecraftTle sat : sats) {
                tasks.add(pool.submit(() -> new SpacecraftPassSearch(sat, geo, grid, teme, timeScales).passes()));
            }
            List<Pass> passes = new ArrayList<>();
            for (List<Pass> l : TaskResults.waitAll(tasks)) {
                passes.addAll(l);
            }
            passes.sort(ORDER);
            return List.copyOf(passes);
        } finally {
            pool.shutdownNow();
        }
    }
}
