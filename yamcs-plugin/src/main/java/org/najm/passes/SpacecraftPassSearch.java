package org.najm.passes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hipparchus.util.FastMath;
import org.orekit.frames.Frame;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScales;
import org.orekit.utils.PVCoordinates;

/**
 * All passes of one spacecraft over the stations, on a shared {@link EarthRotationGrid}: its grid positions (a
 * {@link SampledOrbit} of SGP4 and each epoch's exact rotation), then each station's crossings and maxima, refined.
 *
 * <ul>
 * <li>Out of sight: while the spacecraft's central angle from a station is beyond what {@link VisibilityBounds}
 * allows, the epochs it cannot come back within are skipped, not tested one by one.</li>
 * <li>Crossings: every sign change of elevation - mask between two epochs brackets an AOS or a LOS. An epoch
 * whose interpolated elevation is within the sampled orbit's error of the mask is recomputed with SGP4, so that
 * every sign is SGP4's. The crossing is found by safeguarded Newton steps (analytic elevation rate) on the sampled
 * orbit, then polished by Newton steps on SGP4 itself, rotated to ITRF by the grid's interpolated rotation (no
 * full frame chain per evaluation): what is reported is SGP4's crossing.</li>
 * <li>Passes shorter than the step that fall between two epochs: the sampled elevation's local maxima within
 * {@link VisibilityBounds#nearMissMarginRad()} of the mask (the most the true maximum can exceed the nearest
 * sample) are maximised, on SGP4 when the sampled orbit comes within its error of the mask, and any that reaches
 * the mask becomes a pass.</li>
 * <li>TCA: zero of the elevation rate by safeguarded secant steps on the sampled orbit, from the vertex of the
 * parabola through the three highest samples. The max elevation is SGP4's at that TCA.</li>
 * </ul>
 *
 * <p>Times inside are offsets from the grid's start, in seconds; angles are radians unless named Deg. Not
 * thread-safe (one SGP4 propagator and the state of the last evaluation): one instance per task.
 */
final class SpacecraftPassSearch {

    /** AOS/LOS root finding accuracy, seconds. */
    static final double ROOT_ACCURACY_S = 1.0e-4;

    /** Newton step below which a crossing is accepted (its error is then ~ the step squared), seconds. */
    static final double STOP_S = 1.0e-5;

    /** Secant step on the elevation rate below which the TCA is accepted, seconds. */
    static final double TCA_STOP_S = 1.0e-4;

    /** Newton steps on SGP4 that polish a crossing found on the sampled orbit, at most. */
    static final int POLISH_STEPS = 4;

    /** A polishing step longer than this means the sampled orbit's crossing was not SGP4's, seconds. */
    static final double POLISH_LIMIT_S = 1.0;


    private final SpacecraftTle sat;
    private final List<StationGeometry> stations;
    private final EarthRotationGrid grid;
    private final TimeScales timeScales;
    private final AbsoluteDate start;
    private final int steps;
    private final double stepS;
    private final TLEPropagator prop;
    private final Instant startInstant;
    private final Instant endInstant;
    /** no leap second in the window: an offset is the same number of seconds in UTC */
    private final boolean uniformUtc;
    private SampledOrbit orbit;
    /** grid positions in ITRF, metres, and their unit vectors */
    private final double[] gx, gy, gz;
    private final double[] ux, uy, uz;
    /** whether the grid position is SGP4's own (a node of the sampled orbit, or recomputed) */
    private final boolean[] exactAt;
    /** sin(elevation) - sin(mask) at the epochs, current station; only those of its runs are current */
    private final double[] q;
    /** the runs of sampled epochs, current station: run r is the epochs runFrom[r] to runTo[r] - 1 */
    private final int[] runFrom, runTo;
    private StationGeometry station;
    private VisibilityBounds bounds;
    /** how far the sampled orbit's q may be off SGP4's, current station */
    private double qErrorBound;
    /** position and velocity scratch, TEME then ITRF */
    private final double[] pv = new double[6];

    // the last evaluation
    private double lastX;
    private double ex, ey, ez;
    private double evx, evy, evz;
    private double el, elRate;
    /** the azimuth (degrees) at the crossing the last {@link #root} returned */
    private double rootAz;
    /** the elevation's second derivative (rad/s^2) where the last {@link #maximise} stopped, NaN if not known */
    private double curvatureAtMax;

    /**
     * @param sat        the spacecraft
     * @param stations   the stations, in the order their passes are listed
     * @param grid       the epochs and TEME to ITRF rotations
     * @param teme       Orekit's TEME frame (SGP4's output)
     * @param timeScales to report instants in UTC
     */
    SpacecraftPassSearch(SpacecraftTle sat, List<StationGeometry> stations, EarthRotationGrid grid, Frame teme,
            TimeScales timeScales) {
        this.sat = sat;
        this.stations = stations;
        this.grid = grid;
        this.timeScales = timeScales;
        this.start = grid.start();
        this.steps = grid.steps();
        this.stepS = grid.stepS();
        this.prop = TLEPropagator.selectExtrapolator(sat.tle(), teme);
        this.gx = new double[steps + 1];
        this.gy = new double[steps + 1];
        this.gz = new double[steps + 1];
        this.ux = new double[steps + 1];
        this.uy = new double[steps + 1];
        this.uz = new double[steps + 1];
        this.exactAt = new boolean[steps + 1];
        this.q = new double[steps + 1];
        this.runFrom = new int[steps + 1];
        this.runTo = new int[steps + 1];
        this.startInstant = start.toInstant(timeScales);
        this.endInstant = start.shiftedBy(steps * stepS).toInstant(timeScales);
        long nanos = Duration.between(startInstant, endInstant).toNanos();
        this.uniformUtc = Math.abs(nanos - steps * stepS * 1e9) < 1_000;
    }

    /** Every pass, station by station in the given order, each station's by AOS; then its short passes. */
    List<Pass> passes() {
        orbit = SampledOrbit.sample(prop, grid);
        for (int k = 0; k <= steps; k++) {
            orbit.positionAtEpoch(k, pv);
            exactAt[k] = orbit.isNode(k);
            setGridPosition(k);
        }
        List<Pass> passes = new ArrayList<>();
        for (StationGeometry st : stations) {
            station = st;
            bounds = VisibilityBounds.of(sat.tle(), st, stepS);
            // the sampled orbit's position error turns the unit line of sight by at most twice error / range
            qErrorBound = 2 * orbit.errorBoundM() / bounds.rangeAtMaskM();
            int runs = 0;
            int k = 0;
            while (k <= steps) {
                int out = bounds.epochsOutOfSight(ux[k] * st.ux + uy[k] * st.uy + uz[k] * st.uz);
                if (out > 0) {
                    k = Math.min(k + out, steps + 1);
                    continue;
                }
                if (runs == 0 || runTo[runs - 1] != k) {
                    runFrom[runs++] = k;
                }
                q[k] = sampleQ(k);
                runTo[runs - 1] = ++k;
            }
            stationPasses(runs, passes);
        }
        return passes;
    }

    /** Grid position k from the TEME position in pv[0..2]: rotated to ITRF, and its unit vector. */
    private void setGridPosition(int k) {
        grid.toItrfAtEpoch(k, pv);
        gx[k] = pv[0];
        gy[k] = pv[1];
        gz[k] = pv[2];
        double r = Math.sqrt(pv[0] * pv[0] + pv[1] * pv[1] + pv[2] * pv[2]);
        ux[k] = pv[0] / r;
        uy[k] = pv[1] / r;
        uz[k] = pv[2] / r;
    }

    /** q at epoch k, current station, its sign SGP4's: recomputed with SGP4 when within the sampled orbit's error. */
    private double sampleQ(int k) {
        double v = station.sinElevationAboveMask(gx[k], gy[k], gz[k]);
        if (!exactAt[k] && Math.abs(v) <= qErrorBound) {
            PVCoordinates c = prop.getPVCoordinates(grid.epoch(k));
            pv[0] = c.getPosition().getX();
            pv[1] = c.getPosition().getY();
            pv[2] = c.getPosition().getZ();
            setGridPosition(k);
            exactAt[k] = true;
            v = station.sinElevationAboveMask(gx[k], gy[k], gz[k]);
        }
        return v;
    }

    /** Elevation above the mask (radians) at sampled epoch k, from the grid. */
    private double gridEl(int k) {
        return FastMath.asin(Math.min(1, q[k] + station.sinMask)) - station.mask;
    }

    /**
     * The passes over the current station, from its runs of sampled epochs. A pass never touches a skipped epoch:
     * the bounds skip only epochs that are out of sight with the next one, so the epochs on both sides of a
     * visible one are sampled, and a run starts above the mask only at the window's start, and ends above it only
     * at its end.
     */
    private void stationPasses(int runs, List<Pass> passes) {
        double[] g = q;
        for (int r = 0; r < runs; r++) {
            int from = runFrom[r];
            int to = runTo[r];
            double aos = g[from] > 0 ? from * stepS : Double.NaN;
            double azAos = g[from] > 0 ? azimuth(aos) : Double.NaN;
            for (int k = from + 1; k < to; k++) {
                if (Double.isNaN(aos) && g[k] > 0) {
                    aos = root((k - 1) * stepS, k * stepS, gridEl(k - 1), gridEl(k), false);
                    azAos = rootAz;
                } else if (!Double.isNaN(aos) && g[k] <= 0) {
                    double los = root((k - 1) * stepS, k * stepS, gridEl(k - 1), gridEl(k), false);
                    passes.add(pass(aos, azAos, los, rootAz));
                    aos = Double.NaN;
                }
            }
            if (!Double.isNaN(aos)) {
                passes.add(pass(aos, azAos, (to - 1) * stepS, azimuth((to - 1) * stepS)));
            }
            if ((from > 0 && g[from] > 0) || (to - 1 < steps && g[to - 1] > 0)) {
                throw new IllegalStateException("the visibility bounds skipped an epoch next to a visible one: "
                        + sat.spacecraft() + " over " + station.station.name() + ", epochs " + from + "-" + to);
            }
        }
        // passes shorter than the step that fall between two epochs: probe the near misses
        // (g > -margin in elevation is q > sin(mask - margin) - sin(mask), less the sampled orbit's error)
        double margin = bounds.nearMissMarginRad();
        double nearMiss = FastMath.sin(Math.max(station.mask - margin, -0.5 * Math.PI)) - station.sinMask
                - qErrorBound;
        // the sampled orbit's error in elevation, where the elevation is near the mask
        double elErrorBound = qErrorBound / Math.cos(station.mask);
        for (int r = 0; r < runs; r++) {
            int from = runFrom[r];
            int to = runTo[r];
            for (int k = from; k < to; k++) {
                if (g[k] > 0 || g[k] <= nearMiss) {
                    continue;
                }
                // a skipped neighbour is far below: out of sight
                double left = k > from ? g[k - 1] : Double.NEGATIVE_INFINITY;
                double right = k + 1 < to ? g[k + 1] : Double.NEGATIVE_INFINITY;
                if (g[k] >= left && g[k] >= right && left <= 0 && right <= 0) {
                    nearMiss(k, from, to, elErrorBound, passes);
                }
            }
        }
    }

    /** A sampled local maximum at epoch k (in the run [from, to)) within the margin of the mask: a pass or not. */
    private void nearMiss(int k, int from, int to, double elErrorBound, List<Pass> passes) {
        int kl = Math.max(k - 1, 0);
        int kh = Math.min(k + 1, steps);
        if (kl < from) {
            q[kl] = sampleQ(kl);
        }
        if (kh >= to) {
            q[kh] = sampleQ(kh);
        }
        double lo = kl * stepS;
        double hi = kh * stepS;
        double tMax = maximise(lo, hi, k * stepS, Double.NaN, false);
        if (el <= -elErrorBound) {
            return; // below the mask by more than the sampled orbit can be off
        }
        tMax = maximise(lo, hi, tMax, Double.NaN, true);
        double elMax = el;
        if (elMax > 0) {
            double rise = root(lo, tMax, gridEl(kl), elMax, true);
            double azRise = rootAz;
            double set = root(tMax, hi, elMax, gridEl(kh), true);
            passes.add(pass(rise, azRise, set, rootAz));
        }
    }

    /**
     * The elevation above the mask and its rate at {@code x} seconds from the grid's start, from SGP4 itself
     * ({@code exact}) or the sampled orbit, rotated to ITRF by the grid: sets the position (ex, ey, ez), the
     * velocity relative to the Earth (evx, evy, evz), the elevation above the mask and its rate.
     */
    private void evaluate(double x, boolean exact) {
        if (exact) {
            PVCoordinates c = prop.getPVCoordinates(grid.date(x));
            pv[0] = c.getPosition().getX();
            pv[1] = c.getPosition().getY();
            pv[2] = c.getPosition().getZ();
            pv[3] = c.getVelocity().getX();
            pv[4] = c.getVelocity().getY();
            pv[5] = c.getVelocity().getZ();
        } else {
            orbit.pv(x, pv);
        }
        grid.toItrf(x, pv);
        lastX = x;
        ex = pv[0];
        ey = pv[1];
        ez = pv[2];
        evx = pv[3];
        evy = pv[4];
        evz = pv[5];
        StationGeometry st = station;
        double dx = ex - st.px, dy = ey - st.py, dz = ez - st.pz;
        double range = Math.sqrt(dx * dx + dy * dy + dz * dz);
        double sinEl = (dx * st.zx + dy * st.zy + dz * st.zz) / range;
        double rangeRate = (dx * evx + dy * evy + dz * evz) / range;
        double sinElRate = ((evx * st.zx + evy * st.zy + evz * st.zz) - sinEl * rangeRate) / range;
        el = FastMath.asin(sinEl) - st.mask;
        elRate = sinElRate / Math.sqrt(Math.max(1e-30, 1 - sinEl * sinEl));
    }

    /**
     * The crossing of the mask in [a, b], where the elevation above the mask is ga at a and gb at b (of
     * opposite signs, or zero, and SGP4's signs): on the sampled orbit, then polished on SGP4, or on SGP4
     * throughout ({@code exactOnly}); leaves the azimuth there in {@link #rootAz}.
     */
    private double root(double a, double b, double ga, double gb, boolean exactOnly) {
        double t = exactOnly || orbit.errorBoundM() == 0 ? solve(a, b, ga, gb, true)
                : polish(solve(a, b, ga, gb, false), a, b, ga, gb);
        if (t != lastX && Math.abs(t - lastX) < 10 * STOP_S) {
            // the last evaluation is within a Newton step: move it there along the velocity (the
            // error, acceleration x step^2, is well below a micrometre)
            double dt = t - lastX;
            rootAz = station.azimuthDeg(ex + evx * dt, ey + evy * dt, ez + evz * dt);
        } else {
            rootAz = azimuth(t);
        }
        return t;
    }

    /**
     * SGP4's crossing next to the sampled orbit's crossing {@code t}: Newton steps on SGP4 (from within tens of
     * metres of position, one or two), or, should they not settle inside [a, b], the whole search on SGP4.
     */
    private double polish(double t, double a, double b, double ga, double gb) {
        double x = t;
        for (int i = 0; i < POLISH_STEPS; i++) {
            evaluate(x, true);
            double step = -el / elRate;
            if (!Double.isFinite(step) || Math.abs(step) > POLISH_LIMIT_S) {
                break;
            }
            double next = x + step;
            if (Math.abs(step) < STOP_S) {
                if (next >= a && next <= b) {
                    return next;
                }
                break;
            }
            x = next;
        }
        return solve(a, b, ga, gb, true);
    }

    /**
     * Safeguarded Newton with the analytic elevation rate, from the linear interpolation of the two samples;
     * stops when the Newton step is below {@value #STOP_S} s (the error is then of the order of the step squared).
     */
    private double solve(double a, double b, double ga, double gb, boolean exact) {
        if (ga == 0) {
            return a;
        }
        if (gb == 0) {
            return b;
        }
        double x = ga != gb ? a + (b - a) * ga / (ga - gb) : 0.5 * (a + b);
        if (!(x > a && x < b)) {
            x = 0.5 * (a + b);
        }
        for (int i = 0; i < 60; i++) {
            evaluate(x, exact);
            double g = el;
            if (g == 0) {
                return x;
            }
            if ((g > 0) == (ga > 0)) {
                a = x;
                ga = g;
            } else {
                b = x;
                gb = g;
            }
            double next = x - g / elRate;
            if (Double.isFinite(next) && Math.abs(next - x) < STOP_S && next >= a && next <= b) {
                return next;
            }
            if (!(next > a && next < b) || !Double.isFinite(next)) {
                next = ga != gb ? a + (b - a) * ga / (ga - gb) : 0.5 * (a + b);
                if (!(next > a && next < b) || i % 4 == 3) {
                    next = 0.5 * (a + b);
                }
            }
            if (b - a < ROOT_ACCURACY_S) {
                return 0.5 * (a + b);
            }
            x = next;
        }
        return 0.5 * (a + b);
    }

    /**
     * The maximum of the elevation in [lo, hi] (unimodal there), from a guess: the zero of the
     * elevation rate by safeguarded secant steps (a bracket kept by the rate's sign), on SGP4 ({@code exact}) or
     * the sampled orbit. Returns the time of the best evaluated point and leaves it as the last evaluation (el is
     * its elevation above the mask). curvature: the second derivative at the guess if known (NaN if not).
     */
    private double maximise(double lo, double hi, double guess, double curvature, boolean exact) {
        double a = lo, b = hi;
        double x = Math.min(Math.max(guess, lo), hi);
        double bestX = Double.NaN, bestEl = Double.NEGATIVE_INFINITY;
        double prevX = Double.NaN, prevRate = Double.NaN;
        curvatureAtMax = curvature;
        for (int i = 0; i < 60; i++) {
            evaluate(x, exact);
            if (el > bestEl) {
                bestEl = el;
                bestX = x;
            }
            double rate = elRate;
            if (rate > 0) {
                a = x;
            } else if (rate < 0) {
                b = x;
            } else {
                break;
            }
            double c = !Double.isNaN(prevX) && x != prevX ? (rate - prevRate) / (x - prevX) : curvature;
            double next = c < 0 ? x - rate / c : x + (rate > 0 ? 1.0 : -1.0);
            if (c < 0) {
                curvatureAtMax = c;
            }
            if (Double.isFinite(next) && Math.abs(next - x) < TCA_STOP_S && c < 0) {
                break;
            }
            if (!(next > a && next < b) || !Double.isFinite(next) || i % 6 == 5) {
                next = 0.5 * (a + b);
            }
            if (b - a < TCA_STOP_S) {
                break;
            }
            prevX = x;
            prevRate = rate;
            x = next;
        }
        if (bestX != x) {
            evaluate(bestX, exact);
        }
        return bestX;
    }

    private Pass pass(double aos, double azAos, double los, double azLos) {
        // bracket the maximum around the highest epoch inside the pass (the elevation is unimodal there)
        int kFirst = (int) FastMath.ceil(aos / stepS);
        int kLast = Math.min((int) FastMath.floor(los / stepS), steps);
        double lo = aos;
        double hi = los;
        double guess = 0.5 * (aos + los);
        double curvature = Double.NaN;
        if (kFirst <= kLast) {
            int km = kFirst;
            for (int k = kFirst + 1; k <= kLast; k++) {
                if (q[k] > q[km]) {
                    km = k;
                }
            }
            lo = Math.max(aos, (km - 1) * stepS);
            hi = Math.min(los, (km + 1) * stepS);
            guess = km * stepS;
            if (km > 0 && km < steps) { // vertex of the parabola through the three samples
                double e0 = gridEl(km - 1), e1 = gridEl(km), e2 = gridEl(km + 1);
                double c2 = e0 - 2 * e1 + e2;
                if (c2 < 0) {
                    curvature = c2 / (stepS * stepS);
                    guess = km * stepS + 0.5 * stepS * (e0 - e2) / c2;
                }
            }
        }
        // the TCA on the sampled orbit, then one secant step on SGP4's elevation rate with the curvature found
        // there (the sampled orbit's metres move the TCA by tens of ms, where the elevation is flat); the maximum
        // elevation SGP4's at that TCA
        double tca = maximise(lo, hi, guess, curvature, orbit.errorBoundM() == 0);
        evaluate(tca, true);
        double next = tca - elRate / curvatureAtMax;
        if (curvatureAtMax < 0 && next > lo && next < hi && Math.abs(next - tca) < POLISH_LIMIT_S) {
            tca = next;
            evaluate(tca, true);
        }
        double maxEl = el;
        // a clipped pass may peak at its end
        if (aos == 0 || los == steps * stepS) {
            for (double x : new double[] {aos, los}) {
                evaluate(x, true);
                if (el > maxEl) {
                    maxEl = el;
                    tca = x;
                }
            }
        }
        return new Pass(sat.spacecraft(), station.station.name(), instant(aos), instant(los), instant(tca),
                FastMath.toDegrees(maxEl + station.mask), azAos, azLos);
    }

    private double azimuth(double x) {
        evaluate(x, true);
        return station.azimuthDeg(ex, ey, ez);
    }

    /** The instant {@code x} seconds from the start: by arithmetic when no leap second falls in the window. */
    private Instant instant(double x) {
        if (x == 0) {
            return startInstant;
        }
        if (x == steps * stepS) {
            return endInstant;
        }
        if (uniformUtc) {
            return startInstant.plusNanos(Math.round(x * 1e9));
        }
        return start.shiftedBy(x).toInstant(timeScales);
    }
}
