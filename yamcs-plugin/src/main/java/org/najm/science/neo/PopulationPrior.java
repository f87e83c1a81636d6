package org.najm.science.neo;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The population the sky is assumed to hold: per {@link OrbitClass} a share of the detected objects and a density
 * over semi-major axis a, eccentricity e, inclination i (ecliptic) and absolute magnitude H. docs/science.md says
 * where each number comes from.
 *
 * <p>Each class density is written p(a, e, i) = e sin(i) g(a, e, i): the factor e sin(i) is the Jacobian between
 * Cartesian phase space and Keplerian elements (d3r d3v = 1/2 mu^3/2 a^1/2 e sin i da de di dM dw dO), so
 * {@link #weight} needs only g, which has no singularity at e = 0 or i = 0. Each g is normalised numerically once
 * so that the class densities integrate to one. Immutable and thread-safe.
 */
public final class PopulationPrior {

    /**
     * One class: its share of the detected objects, a-range, shape in (a, e, i), and the mean and spread of the
     * absolute magnitude of its detected members.
     */
    record ClassModel(OrbitClass orbitClass, double share, double aMin, double aMax, Shape shape, double hMean,
            double hSigma) {
    }

    /** g(a, e, i) (see the class comment), zero outside the class; a in au, i in rad. */
    @FunctionalInterface
    interface Shape {
        double g(double a, double e, double i);
    }

    private final List<ClassModel> models;
    private final double[] factor;
    private final double minA;
    private final double maxA;

    /** The default prior of docs/science.md. */
    public static PopulationPrior standard() {
        return Standard.PRIOR;
    }

    PopulationPrior(List<ClassModel> models) {
        this.models = List.copyOf(models);
        factor = new double[models.size()];
        minA = models.stream().mapToDouble(ClassModel::aMin).min().orElse(0);
        maxA = models.stream().mapToDouble(ClassModel::aMax).max().orElse(0);
        double shares = models.stream().mapToDouble(ClassModel::share).sum();
        for (int c = 0; c < models.size(); c++) {
            ClassModel m = models.get(c);
            double zH = m.hSigma() * Math.sqrt(2 * Math.PI);
            factor[c] = m.share() / shares / (integrate(m) * zH);
        }
    }

    /** The smallest semi-major axis of any class, au. */
    double minA() {
        return minA;
    }

    /** The largest semi-major axis of any class, au. */
    double maxA() {
        return maxA;
    }

    List<ClassModel> models() {
        return models;
    }

    /**
     * The prior weight of an orbit for each class, written into {@code out} (indexed as {@link #models()}), up to a
     * factor common to all classes and orbits: share x p(a, e, i) / (e sin i) x p(H) / sqrt(a).
     *
     * @param aAu  semi-major axis, au
     * @param e    eccentricity
     * @param iRad ecliptic inclination, rad
     * @param h    absolute magnitude
     * @return the sum over classes
     */
    double weight(double aAu, double e, double iRad, double h, double[] out) {
        double sum = 0;
        double root = 1 / Math.sqrt(aAu);
        for (int c = 0; c < models.size(); c++) {
            ClassModel m = models.get(c);
            double w = 0;
            if (aAu >= m.aMin() && aAu <= m.aMax()) {
                double g = m.shape().g(aAu, e, iRad);
                if (g > 0) {
                    w = factor[c] * g * gauss(h, m.hMean(), m.hSigma()) * root;
                }
            }
            out[c] = w;
            sum += w;
        }
        return sum;
    }

    /** The integral of e sin(i) g over the class's a-range, e in [0, 1), i in [0, pi): midpoint rule. */
    private static double integrate(ClassModel m) {
        int na = 160;
        int ne = 200;
        int ni = 180;
        double da = (m.aMax() - m.aMin()) / na;
        double de = 1.0 / ne;
        double di = Math.PI / ni;
        double sum = 0;
        for (int ia = 0; ia < na; ia++) {
            double a = m.aMin() + (ia + 0.5) * da;
            for (int ie = 0; ie < ne; ie++) {
                double e = (ie + 0.5) * de;
                for (int ii = 0; ii < ni; ii++) {
                    double i = (ii + 0.5) * di;
                    sum += e * Math.sin(i) * m.shape().g(a, e, i);
                }
            }
        }
        return sum * da * de * di;
    }

    /** exp(-(x - m)^2 / 2 s^2). */
    static double gauss(double x, double m, double s) {
        double z = (x - m) / s;
        return Math.exp(-0.5 * z * z);
    }

    /**
     * A Rayleigh density of inclination with scale s, over sin(i): (i / sin i) exp(-i^2 / 2 s^2).
     */
    static double rayleighOverSin(double i, double s) {
        double r = i < 1e-6 ? 1 : i / Math.sin(i);
        return i >= Math.PI ? 0 : r * gauss(i, 0, s);
    }

    /** The prior of docs/science.md, built once. */
    private static final class Standard {
        static final PopulationPrior PRIOR = build();

        private static PopulationPrior build() {
            double deg = Math.toRadians(1);
            Map<OrbitClass, ClassModel> m = new EnumMap<>(OrbitClass.class);
            // Shares: rounded counts of known objects per class (MPC), normalised: MBA 1.30M, Hungaria 28k,
            // Hilda 6k, Jupiter Trojans 15k, Amor 13k, Apollo 20k, Aten 3k.
            m.put(OrbitClass.MBA, new ClassModel(OrbitClass.MBA, 1_300_000, 2.0, 3.3, (a, e, i) -> {
                double q = a * (1 - e);
                return q > 1.3 ? gauss(a, 2.7, 0.3) * gauss(e, 0, 0.1) * rayleighOverSin(i, 8 * deg) : 0;
            }, 16.5, 1.5));
            m.put(OrbitClass.HUNGARIA, new ClassModel(OrbitClass.HUNGARIA, 28_000, 1.78, 2.0, (a, e, i) -> {
                boolean in = e < 0.18 && i > 16 * deg && i < 34 * deg;
                return in ? gauss(e, 0, 0.07) * gauss(i, 22 * deg, 4 * deg) / Math.sin(i) : 0;
            }, 17.0, 1.2));
            m.put(OrbitClass.HILDA, new ClassModel(OrbitClass.HILDA, 6_000, 3.7, 4.2, (a, e, i) -> {
                return e < 0.35 ? gauss(a, 3.97, 0.05) * gauss(e, 0.15, 0.07) * rayleighOverSin(i, 8 * deg) : 0;
            }, 14.5, 1.3));
            m.put(OrbitClass.TROJAN, new ClassModel(OrbitClass.TROJAN, 15_000, 5.05, 5.35, (a, e, i) -> {
                return e < 0.2 ? gauss(a, 5.2, 0.05) * gauss(e, 0, 0.07) * rayleighOverSin(i, 14 * deg) : 0;
            }, 13.5, 1.2));
            m.put(OrbitClass.AMOR, new ClassModel(OrbitClass.AMOR, 13_000, 1.017, 5.0, (a, e, i) -> {
                double q = a * (1 - e);
                return q > 1.017 && q < 1.3 ? gauss(Math.log(a), Math.log(2.2), 0.3) * gauss(e, 0.4, 0.25)
                        * rayleighOverSin(i, 12 * deg) : 0;
            }, 22.0, 2.3));
            m.put(OrbitClass.APOLLO, new ClassModel(OrbitClass.APOLLO, 20_000, 1.0, 5.0, (a, e, i) -> {
                double q = a * (1 - e);
                return q <= 1.017 ? gauss(Math.log(a), Math.log(1.8), 0.35) * gauss(e, 0.55, 0.2)
                        * rayleighOverSin(i, 15 * deg) : 0;
            }, 22.0, 2.3));
            m.put(OrbitClass.ATEN, new ClassModel(OrbitClass.ATEN, 3_000, 0.5, 1.0, (a, e, i) -> {
                double bigQ = a * (1 + e);
                return bigQ > 0.983 && a < 1.0 ? gauss(a, 0.85, 0.1) * gauss(e, 0.45, 0.2)
                        * rayleighOverSin(i, 15 * deg) : 0;
            }, 22.0, 2.3));
            return new PopulationPrior(List.copyOf(m.values()));
        }
    }
}
