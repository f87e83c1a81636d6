package org.najm.passes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.orekit.frames.Frame;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScales;
import org.orekit.utils.Constants;
import org.orekit.utils.PVCoordinates;

/**
 * All passes of one spacecraft over the stations, on a shared {@link EarthRotationGrid}: its grid positions (SGP4
 * and each epoch's exact rotation), then each station's crossings and maxima, refined.
 *
 * <ul>
 * <li>Crossings: every sign change of elevation - mask between two epochs brackets an AOS or a LOS, refined by
 * safeguarded Newton steps (analytic elevation rate from SGP4's velocity) on the elevation (no refraction) of
 * SGP4's position rotated to ITRF by the grid's interpolated rotation (no full frame chain per evaluation).</li>
 * <li>Passes shorter than the step that fall between two epochs: the sampled elevation's local maxima within the
 * geometric bound {@code (v + earth rotation) / (perigee altitude) * step / 2} of the mask (the most the true
 * maximum can exceed the nearest sample) are maximised, and any that reaches the mask becomes a pass.</li>
 * <li>TCA: zero of the elevation rate by safeguarded secant steps, from the vertex of the parabola through the
 * three highest samples. The max elevation is then evaluated once on Orekit's full chain at the TCA.</li>
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

    private final SpacecraftTle sat;
    private final List<StationGeometry> stations;
    private final EarthRotationGrid grid;
    private final Frame teme;
    private final TimeScales timeScales;
    private final AbsoluteDate start;
    private final int steps;
    private final double stepS;
    private final TLEPropagator prop;
    /** grid positions in ITRF, metres */
    private final double[] gx, gy, gz;
    /** sin(elevation) - sin(mask) at the epochs, current station */
    private final double[] q;
    private StationGeometry station;

    // the last evaluation
    private double lastX;
    private double ex, ey, ez;
    private double evx, evy, evz;
    private double el, elRate;
    /** the azimuth (degrees) at the crossing the last {@link #root} returned */
    private double rootAz;

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
        this.teme = teme;
        this.timeScales = timeScales;
        this.start = grid.start();
        this.steps = grid.steps();
        this.stepS = grid.stepS();
        this.prop = TLEPropagator.selectExtrapolator(sat.tle(), teme);
        this.gx = new double[steps + 1];
        this.gy = new double[steps + 1];
        this.gz = new double[steps + 1];
        this.q = new double[steps + 1];
    }

    /** Every pass, station by station in the given order, each station's by AOS; then its short passes. */
    List<Pass> passes() {
        for (int k = 0; k <= steps; k++) {
            Vector3D p = grid.toItrfAtEpoch(k, prop.getPVCoordinates(grid.epoch(k)).getPosition());
            gx[k] = p.getX();
            gy[k] = p.getY();
            gz[k] = p.getZ();
        }
        double margin = nearMissMargin();
        List<Pass> passes = new ArrayList<>();
        for (StationGeometry st : stations) {
            station = st;
            for (int k = 0; k <= steps; k++) {
                q[k] = st.sinElevationAboveMask(gx[k], gy[k], gz[k]);
            }
            stationPasses(margin, passes);
        }
        return passes;
    }

    /** Elevation above the mask (radians) at epoch k, from the grid. */
    private double gridEl(int k) {
        return FastMath.asin(Math.min(1, q[k] + station.sinMask)) - station.mask;
    }

    private void stationPasses(double margin, List<Pass> passes) {
        double[] g = q;
        double aos = g[0] > 0 ? 0 : Double.NaN;
        double azAos = g[0] > 0 ? azimuth(0) : Double.NaN;
        for (int k = 1; k <= steps; k++) {
            if (Double.isNaN(aos) && g[k] > 0) {
                aos = root((k - 1) * stepS, k * stepS, gridEl(k - 1), gridEl(k));
                azAos = rootAz;
            } else if (!Double.isNaN(aos) && g[k] <= 0) {
                double los = root((k - 1) * stepS, k * stepS, gridEl(k - 1), gridEl(k));
                passes.add(pass(aos, azAos, los, rootAz));
                aos = Double.NaN;
            }
        }
        if (!Double.isNaN(aos)) {
            passes.add(pass(aos, azAos, steps * stepS, azimuth(steps * stepS)));
        }
        // passes shorter than the step that fall between two epochs: probe the near misses
        // (g > -margin in elevation is q > sin(mask - margin) - sin(mask))
        double nearMiss = FastMath.sin(Math.max(station.mask - margin, -0.5 * Math.PI)) - station.sinMask;
        for (int k = 0; k <= steps; k++) {
            if (g[k] > 0 || g[k] <= nearMiss) {
                continue;
            }
            double left = k > 0 ? g[k - 1] : Double.NEGATIVE_INFINITY;
            double right = k < steps ? g[k + 1] : Double.NEGATIVE_INFINITY;
            if (g[k] >= left && g[k] >= right && left <= 0 && right <= 0) {
                int kl = Math.max(k - 1, 0);
                int kh = Math.min(k + 1, steps);
                double lo = kl * stepS;
                double hi = kh * stepS;
                double tMax = maximise(lo, hi, k * stepS, Double.NaN);
                double elMax = el;
                if (elMax > 0) {
                    double rise = root(lo, tMax, gridEl(kl), elMax);
                    double azRise = rootAz;
                    double set = root(tMax, hi, elMax, gridEl(kh));
                    passes.add(pass(rise, azRise, set, rootAz));
                }
            }
        }
    }

    /**
     * How far below the mask (radians) a sampled local maximum may be while the true maximum reaches it: the
     * line of sight turns at most (perigee speed + station speed) / (closest possible range) rad/s,
     * and the true maximum is within half a step of a sample that is not higher than the local one.
     */
    private double nearMissMargin() {
        TLE tle = sat.tle();
        double a = tle.computeSemiMajorAxis();
        double rp = a * (1 - tle.getE());
        double vp = FastMath.sqrt(TLEPropagator.getMU() * (2 / rp - 1 / a));
        double stationSpeed = Constants.WGS84_EARTH_ANGULAR_VELOCITY * Constants.WGS84_EARTH_EQUATORIAL_RADIUS;
        double minRange = Math.max(rp - Constants.WGS84_EARTH_EQUATORIAL_RADIUS - 10_000.0, 100_000.0);
        return (vp + stationSpeed) / minRange * stepS / 2;
    }

    /**
     * SGP4 at {@code x} seconds from the grid's start, rotated to ITRF by the grid: sets the position (ex, ey,
     * ez), the velocity relative to the Earth (evx, evy, evz), the elevation above the mask and its rate.
     */
    private void evaluate(double x) {
        PVCoordinates pv = grid.toItrf(x, prop.getPVCoordinates(grid.date(x)));
        lastX = x;
        ex = pv.getPosition().getX();
        ey = pv.getPosition().getY();
        ez = pv.getPosition().getZ();
        evx = pv.getVelocity().getX();
        evy = pv.getVelocity().getY();
        evz = pv.getVelocity().getZ();
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
     * opposite signs, or zero): safeguarded Newton with the analytic elevation rate, from the linear
     * interpolation of the two samples; stops when the Newton step is below {@value #STOP_S} s (the
     * error is then of the order of the step squared).
     */
    private double root(double a, double b, double ga, double gb) {
        double t = solve(a, b, ga, gb);
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

    private double solve(double a, double b, double ga, double gb) {
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
            evaluate(x);
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
     * elevation rate by safeguarded secant steps (a bracket kept by the rate's sign). Returns the time
     * of the best evaluated point and leaves it as the last evaluation (el is its elevation above the
     * mask). curvature: the second derivative at the guess if known (NaN if not).
     */
    private double maximise(double lo, double hi, double guess, double curvature) {
        double a = lo, b = hi;
        double x = Math.min(Math.max(guess, lo), hi);
        double bestX = Double.NaN, bestEl = Double.NEGATIVE_INFINITY;
        double prevX = Double.NaN, prevRate = Double.NaN;
        for (int i = 0; i < 60; i++) {
            evaluate(x);
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
            evaluate(bestX);
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
        double tca = maximise(lo, hi, guess, curvature);
        double maxEl = el;
        // a clipped pass may peak at its end
        if (aos == 0 || los == steps * stepS) {
            for (double x : new double[] {aos, los}) {
                evaluate(x);
                if (el > maxEl) {
                    maxEl = el;
                    tca = x;
                }
            }
        }
        // the reported maximum elevation on Orekit's full frame chain at the TCA (one evaluation), so
        // that it is exactly the elevation anyone recomputes there (the rotation model above agrees to
        // ~1e-11 rad, which is not "exactly")
        AbsoluteDate tcaDate = start.shiftedBy(tca);
        maxEl = station.elevationAboveMask(prop.getPVCoordinates(tcaDate).getPosition(), teme, tcaDate);
        return new Pass(sat.spacecraft(), station.station.name(), instant(aos), instant(los), instant(tca),
                FastMath.toDegrees(maxEl + station.mask), azAos, azLos);
    }

    private double azimuth(double x) {
        evaluate(x);
        return station.azimuthDeg(ex, ey, ez);
    }

    private Instant instant(double x) {
        return start.shiftedBy(x).toInstant(timeScales);
    }
}
