package org.najm.passes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hipparchus.ode.events.Action;
import org.hipparchus.util.FastMath;
import org.najm.constellation.Station;
import org.najm.orekit.OrekitData;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.frames.TopocentricFrame;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.propagation.events.ElevationDetector;
import org.orekit.propagation.events.ElevationExtremumDetector;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;
import org.orekit.time.TimeScales;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;

/**
 * The straightforward reference: one {@link TLEPropagator} with one {@link ElevationDetector} (AOS/LOS)
 * and one {@link ElevationExtremumDetector} (TCA) per spacecraft and station, max check
 * {@value #MAX_CHECK_S} s, threshold {@value #THRESHOLD_S} s. Slow (nothing is shared); one thread by default,
 * or the pairs spread over a pool of threads (for a like-for-like timing against {@link PassPredictor}), and like
 * any 60 s max check it may miss passes shorter than 60 s. Used by the tests and the benchmark to
 * cross-check {@link PassPredictor}; same clipping convention (a pass in progress at start has AOS = start).
 */
public final class DetectorPassPredictor implements PassPrediction {

    static final double MAX_CHECK_S = 60.0;
    static final double THRESHOLD_S = 1.0e-3;

    private final Frame teme;
    private final OneAxisEllipsoid earth;
    private final TimeScale utc;
    private final TimeScales timeScales;
    private final int threads;

    public DetectorPassPredictor() {
        this(OrekitData.context());
    }

    public DetectorPassPredictor(DataContext context) {
        this(context, 1);
    }

    /** @param threads the spacecraft-station pairs are searched on this many threads */
    public DetectorPassPredictor(DataContext context, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1");
        }
        this.threads = threads;
        this.timeScales = context.getTimeScales();
        this.utc = timeScales.getUTC();
        this.teme = context.getFrames().getTEME();
        this.earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
                Constants.WGS84_EARTH_FLATTENING, context.getFrames().getITRF(IERSConventions.IERS_2010, true));
    }

    @Override
    public List<Pass> predict(List<SpacecraftTle> sats, List<Station> stations, Instant start, Instant end) {
        AbsoluteDate t0 = new AbsoluteDate(start, utc);
        AbsoluteDate t1 = new AbsoluteDate(end, utc);
        List<Pass> passes = new ArrayList<>();
        if (threads == 1) {
            for (SpacecraftTle sat : sats) {
                for (Station station : stations) {
                    passes.addAll(pair(sat, station, t0, t1));
                }
            }
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<List<Pass>>> pairs = new ArrayList<>();
                for (SpacecraftTle sat : sats) {
                    for (Station station : stations) {
                        pairs.add(pool.submit(() -> pair(sat, station, t0, t1)));
                    }
                }
                for (Future<List<Pass>> f : pairs) {
                    passes.addAll(f.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a pair's search failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }
        }
        passes.sort(PassPredictor.ORDER);
        return List.copyOf(passes);
    }

    private List<Pass> pair(SpacecraftTle sat, Station station, AbsoluteDate t0, AbsoluteDate t1) {
        // its own topocentric frame (not the product's StationGeometry), so that the reference shares no code
        // with PassPredictor beyond Orekit and the Pass record
        TopocentricFrame topo = new TopocentricFrame(earth, new GeodeticPoint(FastMath.toRadians(station.latitude()),
                FastMath.toRadians(station.longitude()), station.altitude()), station.name());
        double maskRad = FastMath.toRadians(station.mask());
        TLEPropagator prop = TLEPropagator.selectExtrapolator(sat.tle(), teme);
        List<SpacecraftState> crossings = new ArrayList<>(); // alternating AOS, LOS
        List<SpacecraftState> maxima = new ArrayList<>();
        ElevationExtremumDetector extremum = new ElevationExtremumDetector(MAX_CHECK_S, THRESHOLD_S, topo);
        SpacecraftState initial = prop.propagate(t0);
        if (topo.getElevation(initial.getPosition(), initial.getFrame(), t0) > maskRad) {
            crossings.add(initial); // in progress at start: clipped
        }
        prop.addEventDetector(new ElevationDetector(MAX_CHECK_S, THRESHOLD_S, topo)
                .withConstantElevation(maskRad)
                .withHandler((s, d, increasing) -> {
                    // AOS when rising; a LOS with no AOS before it cannot happen after the start check
                    if (increasing == (crossings.size() % 2 == 0)) {
                        crossings.add(s);
                    }
                    return Action.CONTINUE;
                }));
        prop.addEventDetector(extremum.withHandler((s, d, increasing) -> {
            if (!increasing) { // elevation rate goes from + to -: a maximum
                maxima.add(s);
            }
            return Action.CONTINUE;
        }));
        SpacecraftState last = prop.propagate(t0, t1);
        if (crossings.size() % 2 == 1) {
            crossings.add(last); // in progress at end: clipped
        }
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i + 1 < crossings.size(); i += 2) {
            SpacecraftState aos = crossings.get(i);
            SpacecraftState los = crossings.get(i + 1);
            SpacecraftState tca = null;
            double maxEl = Double.NEGATIVE_INFINITY;
            List<SpacecraftState> candidates = new ArrayList<>(List.of(aos, los));
            for (SpacecraftState m : maxima) {
                if (m.getDate().compareTo(aos.getDate()) >= 0 && m.getDate().compareTo(los.getDate()) <= 0) {
                    candidates.add(m);
                }
            }
            for (SpacecraftState c : candidates) {
                double e = topo.getElevation(c.getPosition(), c.getFrame(), c.getDate());
                if (e > maxEl) {
                    maxEl = e;
                    tca = c;
                }
            }
            passes.add(new Pass(sat.spacecraft(), station.name(), instant(aos), instant(los), instant(tca),
                    FastMath.toDegrees(maxEl), azimuthDeg(topo, aos), azimuthDeg(topo, los)));
        }
        return passes;
    }

    /** Degrees from north, clockwise, in [0, 360). */
    private static double azimuthDeg(TopocentricFrame topo, SpacecraftState s) {
        double az = FastMath.toDegrees(topo.getAzimuth(s.getPosition(), s.getFrame(), s.getDate()));
        return az < 0 ? az + 360 : az >= 360 ? az - 360 : az;
    }

    private Instant instant(SpacecraftState s) {
        return s.getDate().toInstant(timeScales);
    }
}
