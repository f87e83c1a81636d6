package org.najm.science.neo;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.hipparchus.geometry.euclidean.threed.RotationConvention;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.random.SobolSequenceGenerator;
import org.hipparchus.special.Erf;
import org.najm.orekit.OrekitData;
import org.najm.science.Tracklet;
import org.orekit.bodies.AnalyticalSolarPositionProvider;
import org.orekit.frames.Frame;
import org.orekit.frames.Transform;
import org.orekit.orbits.KeplerianOrbit;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.UTCScale;
import org.orekit.utils.Constants;
import org.orekit.utils.PVCoordinates;

/**
 * The NEO likelihood of a tracklet by statistical ranging: the tracklet fixes the direction and angular rates of
 * the line of sight, not the distance rho or the radial velocity rho-dot. Over a fixed quasi-random (Sobol) set of
 * samples of log(rho), rho-dot and the rates within their uncertainties, each sample is a heliocentric state (the
 * observer = Earth's heliocentric state + the spacecraft's geocentric one), turned into an orbit with Orekit
 * ({@link KeplerianOrbit} about the Sun, ecliptic J2000 axes) and weighted by the {@link PopulationPrior}: the
 * score is 100 x the posterior probability of the near-Earth classes, the class the one of highest posterior.
 *
 * <p>rho-dot is sampled uniformly over the interval where the orbit is bound to the Sun (closed form for each rho),
 * so every sample is a possible orbit. The weight of a sample is rho^4 (the Jacobian of line-of-sight coordinates to
 * Cartesian phase space) x rho (log-uniform sampling) x the interval's width x the prior in phase space.
 *
 * <p>Deterministic (the same samples every time) and thread-safe. Neglected, as small at this accuracy: light time,
 * aberration, the colour of the band (its magnitude is taken as V).
 */
public final class StatisticalRanging {

    /** Default number of samples per tracklet. */
    public static final int DEFAULT_SAMPLES = 1024;
    /** Range of topocentric distance searched, au. */
    static final double RHO_MIN_AU = 0.002;
    static final double RHO_MAX_AU = 7.0;

    private static final double AU_KM = Constants.IAU_2012_ASTRONOMICAL_UNIT / 1000;
    private static final double MU_SUN_KM3 = Constants.IAU_2015_NOMINAL_SUN_GM / 1e9;
    private static final double MU_SUN_M3 = Constants.IAU_2015_NOMINAL_SUN_GM;
    /** Obliquity of the ecliptic at J2000 (IAU 2006), 84381.406 arcsec. */
    private static final double OBLIQUITY = Math.toRadians(84381.406 / 3600);
    /** ICRF -> ecliptic J2000: a rotation about x by the obliquity. */
    private static final Rotation TO_ECLIPTIC = new Rotation(Vector3D.PLUS_I, OBLIQUITY,
            RotationConvention.FRAME_TRANSFORM);
    private static final double RAD_PER_DAY_TO_PER_S = Math.toRadians(1) / 86400.0;

    private final PopulationPrior prior;
    private final List<PopulationPrior.ClassModel> models;
    private final double[] lnRho;
    private final double[] rhoDotU;
    private final double[] zRa;
    private final double[] zDec;
    private final AnalyticalSolarPositionProvider sun;
    private final Frame gcrf;
    private final Frame ecliptic;
    private final UTCScale utc;

    public StatisticalRanging() {
        this(PopulationPrior.standard(), DEFAULT_SAMPLES);
    }

    public StatisticalRanging(PopulationPrior prior, int samples) {
        if (samples < 16) {
            throw new IllegalArgumentException("statistical ranging needs at least 16 samples, not " + samples);
        }
        this.prior = prior;
        this.models = prior.models();
        var ctx = OrekitData.context();
        sun = new AnalyticalSolarPositionProvider(ctx);
        gcrf = ctx.getFrames().getGCRF();
        ecliptic = new Frame(gcrf, new Transform(AbsoluteDate.J2000_EPOCH, TO_ECLIPTIC), "ecliptic J2000 axes",
                true);
        utc = ctx.getTimeScales().getUTC();
        lnRho = new double[samples];
        rhoDotU = new double[samples];
        zRa = new double[samples];
        zDec = new double[samples];
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(4);
        sobol.skipTo(1); // the first point is all zeros
        double lo = Math.log(RHO_MIN_AU);
        double hi = Math.log(RHO_MAX_AU);
        for (int k = 0; k < samples; k++) {
            double[] p = sobol.nextVector();
            lnRho[k] = lo + p[0] * (hi - lo);
            rhoDotU[k] = 2 * p[1] - 1;
            zRa[k] = normal(p[2]);
            zDec[k] = normal(p[3]);
        }
    }

    /** Fits the tracklet's motion and assesses it. */
    public NeoAssessment assess(Tracklet tracklet) {
        return assess(TrackletMotion.fit(tracklet));
    }

    /** Assesses a fitted motion. */
    public NeoAssessment assess(TrackletMotion m) {
        AbsoluteDate date = new AbsoluteDate(m.epoch(), utc);
        PVCoordinates sunFromEarth = sun.getPVCoordinates(date, gcrf);
        // km, km/s, ICRF axes, heliocentric
        Vector3D obsR = sunFromEarth.getPosition().scalarMultiply(-1e-3).add(m.observerPositionKm());
        Vector3D obsV = sunFromEarth.getVelocity().scalarMultiply(-1e-3).add(m.observerVelocityKmPerS());
        Vector3D u = m.direction();
        Vector3D east = Vector3D.PLUS_K.crossProduct(u);
        east = east.getNorm() < 1e-9 ? Vector3D.PLUS_J : east.normalize();
        Vector3D north = u.crossProduct(east);
        double rateE = m.raRateDegPerDay() * RAD_PER_DAY_TO_PER_S;
        double rateN = m.decRateDegPerDay() * RAD_PER_DAY_TO_PER_S;
        double sigE = m.sigmaRaRateDegPerDay() * RAD_PER_DAY_TO_PER_S;
        double sigN = m.sigmaDecRateDegPerDay() * RAD_PER_DAY_TO_PER_S;
        int nc = models.size();
        double[] byClass = new double[nc];
        double[] w = new double[nc];
        for (int k = 0; k < lnRho.length; k++) {
            double rhoAu = Math.exp(lnRho[k]);
            double rho = rhoAu * AU_KM;
            Vector3D uDot = new Vector3D(rateE + zRa[k] * sigE, east, rateN + zDec[k] * sigN, north);
            Vector3D r = new Vector3D(1, obsR, rho, u);
            double rn = r.getNorm();
            Vector3D v0 = new Vector3D(1, obsV, rho, uDot);
            double b = v0.dotProduct(u);
            double disc = b * b - (v0.getNormSq() - 2 * MU_SUN_KM3 / rn);
            if (disc <= 0) {
                continue; // no bound orbit at this distance
            }
            double half = Math.sqrt(disc);
            double rhoDot = -b + rhoDotU[k] * half;
            Vector3D v = new Vector3D(1, v0, rhoDot, u);
            // vis-viva first: no class lives beyond this range of a, so most samples need no orbit
            double aVisViva = 1 / (2 / rn - v.getNormSq() / MU_SUN_KM3) / AU_KM;
            if (aVisViva < prior.minA() || aVisViva > prior.maxA()) {
                continue;
            }
            var orbit = new KeplerianOrbit(new PVCoordinates(TO_ECLIPTIC.applyTo(r.scalarMultiply(1000)),
                    TO_ECLIPTIC.applyTo(v.scalarMultiply(1000))), ecliptic, date, MU_SUN_M3);
            double aAu = orbit.getA() / 1000 / AU_KM;
            double e = orbit.getE();
            if (!(e < 1) || aAu <= 0) {
                continue;
            }
            double rAu = rn / AU_KM;
            double h = m.magnitude() - 5 * Math.log10(rAu * rhoAu) - phaseMagnitudes(r.dotProduct(u) / rn);
            double s = prior.weight(aAu, e, orbit.getI(), h, w);
            if (s > 0) {
                double jac = Math.pow(rhoAu, 5) * half;
                for (int c = 0; c < nc; c++) {
                    byClass[c] += jac * w[c];
                }
            }
        }
        double total = 0;
        double neo = 0;
        int best = -1;
        for (int c = 0; c < nc; c++) {
            total += byClass[c];
            if (models.get(c).orbitClass().isNeo()) {
                neo += byClass[c];
            }
            if (byClass[c] > 0 && (best < 0 || byClass[c] > byClass[best])) {
                best = c;
            }
        }
        if (best < 0) {
            return new NeoAssessment(0, OrbitClass.UNKNOWN, Map.of(), m);
        }
        Map<OrbitClass, Double> p = new EnumMap<>(OrbitClass.class);
        for (int c = 0; c < nc; c++) {
            p.put(models.get(c).orbitClass(), byClass[c] / total);
        }
        return new NeoAssessment(Math.min(100, 100 * neo / total), models.get(best).orbitClass(), p, m);
    }

    /**
     * The IAU H-G phase function (G = 0.15): the magnitudes an object at phase angle alpha is fainter than at
     * opposition, i.e. -2.5 log10((1 - G) phi1 + G phi2).
     *
     * @param cosPhase cosine of the Sun-object-observer angle
     */
    static double phaseMagnitudes(double cosPhase) {
        double alpha = Math.acos(Math.max(-1, Math.min(1, cosPhase)));
        double t = Math.tan(alpha / 2);
        double g = 0.15;
        double phi1 = Math.exp(-3.33 * Math.pow(t, 0.63));
        double phi2 = Math.exp(-1.87 * Math.pow(t, 1.22));
        return -2.5 * Math.log10(Math.max(1e-12, (1 - g) * phi1 + g * phi2));
    }

    private static double normal(double p) {
        double q = Math.min(1 - 1e-12, Math.max(1e-12, p));
        return Math.sqrt(2) * Erf.erfInv(2 * q - 1);
    }
}
