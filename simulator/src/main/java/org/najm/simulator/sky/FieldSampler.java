package org.najm.simulator.sky;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.orbits.KeplerianAnomalyUtility;
import org.orekit.time.AbsoluteDate;

/**
 * Draws the synthetic asteroids seen in a given direction: an orbit of a class (chosen with the proportions
 * {@link #DETECTED_FRACTIONS}), placed on the line of sight at the distance where its heliocentric distance
 * (from a uniform mean anomaly) is reached, kept with the probability that such an orbit is really there, and
 * only if its V magnitude is between {@link #SATURATION_V_MAG} and {@link #LIMITING_V_MAG}.
 *
 * <p>Why this gives the sky a survey sees: for one class, with uniformly random node, argument of perihelion
 * and mean anomaly, the number density at heliocentric (r, beta) is p(r) p(beta) / (2 pi r^2 cos beta). The
 * sampler draws r from p(r) (uniform mean anomaly), solves |O + rho u| = r on the line of sight u from the
 * observer O, accepts the heliocentric latitude beta of that point with a kernel of +-{@value #LATITUDE_KERNEL_DEG}
 * deg around the latitude of a random argument of latitude (so with probability proportional to p(beta)), then
 * with probability proportional to the volume element rho^2 / (r^2 cos beta dr/drho); the node and argument of
 * perihelion are then solved so that the orbit passes exactly through that point. Trojans are kept only within
 * {@value #TROJAN_SWARM_HALF_WIDTH_DEG} deg of heliocentric longitude from L4 or L5 (Jupiter's mean longitude
 * +-60 deg). Hildas' resonant clustering is neglected (uniform angles).
 *
 * <p>Not thread-safe; deterministic for the {@link Random} it is given.
 */
public final class FieldSampler {

    /** Faintest V detected (the telescope's limit; SNR 5 there). */
    public static final double LIMITING_V_MAG = 21.5;
    /** Brightest V measured (brighter saturates and is not reported). */
    public static final double SATURATION_V_MAG = 15;
    /**
     * Proportions of the classes among the detected objects near opposition (docs/simulator.md): the near-Earth
     * classes are 5 %, some five times what a survey finds, so that the ground's NEO scoring has enough to
     * validate against. Trojans appear only in fields toward a swarm; elsewhere their share goes to the others.
     */
    public static final Map<OrbitClass, Double> DETECTED_FRACTIONS = fractions();
    static final double LATITUDE_KERNEL_DEG = 1;
    static final double TROJAN_SWARM_HALF_WIDTH_DEG = 30;
    /** Closest object placed, AU (beyond the Moon). */
    static final double MIN_DISTANCE_AU = 0.005;
    private static final double LATITUDE_KERNEL_RAD = Math.toRadians(LATITUDE_KERNEL_DEG);
    private static final double TROJAN_HALF_WIDTH_RAD = Math.toRadians(TROJAN_SWARM_HALF_WIDTH_DEG);
    /**
     * Bound of the volume weight: near opposition rho &lt; r and dr/drho ~ 1, so it stays below ~1.2 but for steep
     * orbits; the rare larger weights are clipped (counted: {@link #clipped()}).
     */
    static final double MAX_VOLUME_WEIGHT = 1.3;
    private static final int TRIALS_PER_CLASS = 20_000;
    private static final int CLASS_ATTEMPTS = 20;

    private final Random rnd;
    private long objects;
    private long trials;
    private long fallbacks;
    private long clipped;

    public FieldSampler(Random rnd) {
        this.rnd = rnd;
    }

    private static Map<OrbitClass, Double> fractions() {
        Map<OrbitClass, Double> m = new EnumMap<>(OrbitClass.class);
        m.put(OrbitClass.MBA, 0.88);
        m.put(OrbitClass.HUNGARIA, 0.02);
        m.put(OrbitClass.HILDA, 0.02);
        m.put(OrbitClass.TROJAN, 0.03);
        m.put(OrbitClass.AMOR, 0.025);
        m.put(OrbitClass.APOLLO, 0.02);
        m.put(OrbitClass.ATEN, 0.005);
        return Collections.unmodifiableMap(m);
    }

    /**
     * One detectable object whose light reaches the observer at {@code date} from {@code direction}.
     *
     * @param date          observation date
     * @param observerGcrfM observer's geocentric position, ICRF axes, m
     * @param direction     line of sight, ICRF (need not be normalised)
     */
    public SkyObject draw(AbsoluteDate date, Vector3D observerGcrfM, Vector3D direction) {
        Vector3D observerAu = SkyFrames.earthHeliocentric(date).add(observerGcrfM).scalarMultiply(1 / SkyFrames.AU_M);
        Vector3D u = direction.normalize();
        objects++;
        for (int attempt = 0; attempt < CLASS_ATTEMPTS; attempt++) {
            OrbitClass c = drawClass();
            if (c == OrbitClass.TROJAN && !towardTrojanSwarm(date, observerAu, u)) {
                continue;
            }
            double[] betaRange = latitudeRange(c, observerAu, u);
            for (int k = 0; k < TRIALS_PER_CLASS; k++) {
                trials++;
                SkyObject o = trial(c, date, observerAu, u, betaRange);
                if (o != null) {
                    return o;
                }
            }
        }
        fallbacks++;
        return fallback(date, observerAu, u);
    }

    private OrbitClass drawClass() {
        double x = rnd.nextDouble();
        for (Map.Entry<OrbitClass, Double> e : DETECTED_FRACTIONS.entrySet()) {
            x -= e.getValue();
            if (x < 0) {
                return e.getKey();
            }
        }
        return OrbitClass.MBA;
    }

    private boolean towardTrojanSwarm(AbsoluteDate date, Vector3D observerAu, Vector3D u) {
        Vector3D p = onLine(observerAu, u, 5.2);
        return p != null && trojanLongitudeOk(date, SkyFrames.ICRF_TO_ECLIPTIC.applyTo(p).getAlpha());
    }

    private static boolean trojanLongitudeOk(AbsoluteDate date, double lambda) {
        double lj = SkyFrames.jupiterMeanLongitudeRad(date);
        double third = Math.PI / 3;
        return Math.abs(wrap(lambda - lj - third)) < TROJAN_HALF_WIDTH_RAD
                || Math.abs(wrap(lambda - lj + third)) < TROJAN_HALF_WIDTH_RAD;
    }

    /** The point of the ray at heliocentric distance r (AU), or null. */
    private static Vector3D onLine(Vector3D observerAu, Vector3D u, double r) {
        double b = observerAu.dotProduct(u);
        double disc = b * b - observerAu.getNormSq() + r * r;
        if (disc < 0) {
            return null;
        }
        double rho = -b + Math.sqrt(disc);
        return rho < MIN_DISTANCE_AU ? null : new Vector3D(1, observerAu, rho, u);
    }

    /**
     * The heliocentric latitudes (rad) the line of sight crosses between the class's smallest and largest
     * heliocentric distances, widened by a degree: an orbit whose latitude at a random argument of latitude is
     * outside cannot pass the latitude kernel, so it is rejected before solving Kepler's equation.
     */
    private static double[] latitudeRange(OrbitClass c, Vector3D observerAu, Vector3D u) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int steps = 16;
        for (int k = 0; k <= steps; k++) {
            Vector3D p = onLine(observerAu, u, c.rMinAu() + (c.rMaxAu() - c.rMinAu()) * k / steps);
            if (p != null) {
                double beta = Math.asin(SkyFrames.ICRF_TO_ECLIPTIC.applyTo(p).getZ() / p.getNorm());
                lo = Math.min(lo, beta);
                hi = Math.max(hi, beta);
            }
        }
        double margin = LATITUDE_KERNEL_RAD + Math.toRadians(1);
        return new double[] { lo - margin, hi + margin };
    }

    private SkyObject trial(OrbitClass c, AbsoluteDate date, Vector3D observerAu, Vector3D u, double[] betaRange) {
        OrbitClass.Shape s = c.draw(rnd);
        double argLat = 2 * Math.PI * rnd.nextDouble();
        double betaOrbit = Math.asin(Math.sin(s.iRad()) * Math.sin(argLat));
        if (betaOrbit < betaRange[0] || betaOrbit > betaRange[1]) {
            return null;
        }
        double mean = 2 * Math.PI * rnd.nextDouble();
        double ecc = KeplerianAnomalyUtility.ellipticMeanToEccentric(s.e(), mean);
        double r = s.aAu() * (1 - s.e() * Math.cos(ecc));
        Vector3D p = onLine(observerAu, u, r);
        if (p == null) {
            return null;
        }
        Vector3D ecl = SkyFrames.ICRF_TO_ECLIPTIC.applyTo(p);
        double beta = Math.asin(ecl.getZ() / r);
        double lambda = ecl.getAlpha();
        if (c == OrbitClass.TROJAN && !trojanLongitudeOk(date, lambda)) {
            return null;
        }
        if (Math.abs(betaOrbit - beta) > LATITUDE_KERNEL_RAD || Math.abs(beta) > s.iRad()) {
            return null; // not at the latitude of this orbit (or above its highest)
        }
        double rho = p.subtract(observerAu).getNorm();
        double drdrho = p.dotProduct(u) / r;
        if (drdrho <= 0) {
            return null;
        }
        double w = (rho / r) * (rho / r) / (Math.cos(beta) * drdrho);
        if (w > MAX_VOLUME_WEIGHT) {
            clipped++;
        }
        if (rnd.nextDouble() * MAX_VOLUME_WEIGHT > w) {
            return null;
        }
        double h = c.drawH(rnd);
        double phase = Vector3D.angle(p, u);
        double v = HgMagnitude.apparentV(h, HgMagnitude.DEFAULT_G, r, rho, phase);
        if (v < SATURATION_V_MAG || v > LIMITING_V_MAG) {
            return null;
        }
        double nu = KeplerianAnomalyUtility.ellipticEccentricToTrue(s.e(), ecc);
        return place(c, s, nu, Math.cos(argLat) >= 0, beta, lambda, rho, h, date);
    }

    /** The orbit of shape s with true anomaly nu passing through heliocentric (beta, lambda) at date - rho/c. */
    private static SkyObject place(OrbitClass c, OrbitClass.Shape s, double nu, boolean ascending, double beta,
            double lambda, double rhoAu, double h, AbsoluteDate date) {
        double sinU = Math.max(-1, Math.min(1, Math.sin(beta) / Math.sin(s.iRad()))); // within 1 but for rounding
        double cosU = (ascending ? 1 : -1) * Math.sqrt(1 - sinU * sinU);
        double argLat = Math.atan2(sinU, cosU);
        double node = lambda - Math.atan2(sinU * Math.cos(s.iRad()), cosU);
        AbsoluteDate emitted = date.shiftedBy(-rhoAu * SkyFrames.AU_M / SkyFrames.C_M_PER_S);
        return new SkyObject(c, SkyObject.orbit(s.aAu(), s.e(), s.iRad(), wrap(argLat - nu), wrap(node), nu, emitted),
                h, HgMagnitude.DEFAULT_G);
    }

    /**
     * Used only when no class fits the direction (far from opposition or the ecliptic, as some tests point): a
     * main-belt orbit inclined just enough to pass there, H chosen for a V uniform in the detectable range.
     */
    private SkyObject fallback(AbsoluteDate date, Vector3D observerAu, Vector3D u) {
        OrbitClass.Shape s = OrbitClass.MBA.draw(rnd);
        double mean = 2 * Math.PI * rnd.nextDouble();
        double ecc = KeplerianAnomalyUtility.ellipticMeanToEccentric(s.e(), mean);
        double r = Math.max(s.aAu() * (1 - s.e() * Math.cos(ecc)), observerAu.getNorm() + 0.2);
        double semiMajor = r / (1 - s.e() * Math.cos(ecc));
        Vector3D p = onLine(observerAu, u, r);
        Vector3D ecl = SkyFrames.ICRF_TO_ECLIPTIC.applyTo(p);
        double beta = Math.asin(ecl.getZ() / r);
        double inc = Math.min(Math.toRadians(89.9), Math.abs(beta) + Math.toRadians(OrbitClass.uniform(rnd, 0.5, 5)));
        double rho = p.subtract(observerAu).getNorm();
        double v = OrbitClass.uniform(rnd, SATURATION_V_MAG, LIMITING_V_MAG);
        double h = v - HgMagnitude.apparentV(0, HgMagnitude.DEFAULT_G, r, rho, Vector3D.angle(p, u));
        double nu = KeplerianAnomalyUtility.ellipticEccentricToTrue(s.e(), ecc);
        return place(OrbitClass.MBA, new OrbitClass.Shape(semiMajor, s.e(), inc), nu, rnd.nextBoolean(), beta,
                ecl.getAlpha(), rho, h, date);
    }

    private static double wrap(double angle) {
        return Math.IEEEremainder(angle, 2 * Math.PI);
    }

    /** Objects drawn so far. */
    public long objects() {
        return objects;
    }

    /** Orbits tried so far (the cost: about a microsecond each). */
    public long trials() {
        return trials;
    }

    /** Trials whose volume weight exceeded {@link #MAX_VOLUME_WEIGHT} (slightly under-weighted). */
    public long clipped() {
        return clipped;
    }

    /** Objects that had to use the fallback (none near opposition). */
    public long fallbacks() {
        return fallbacks;
    }
}
