package org.najm.simulator.sky;

import java.util.Random;

/**
 * The dynamical classes of the synthetic population, with the ranges their heliocentric elements are drawn
 * from (a in AU, inclinations in degrees, ecliptic J2000) and their absolute-magnitude range. The names are
 * shared with the ground side (they are the {@code orbit_class} column of the simulator's truth file).
 *
 * <p>Ranges follow the usual definitions (docs/simulator.md, "Synthetic sky"): main belt 2.1-3.3 AU with
 * q &gt; 1.666 AU (not a Mars crosser); Hungarias 1.78-2.0 AU at 16-34 deg; Hildas 3.7-4.2 AU (3:2 with
 * Jupiter); Jupiter Trojans 5.05-5.35 AU within 30 deg of L4/L5; near-Earth objects with q &lt; 1.3 AU: Amors
 * (1.017 &lt; q &lt; 1.3 AU), Apollos (a &gt; 1 AU, q &lt; 1.017 AU), Atens (a &lt; 1 AU, Q &gt; 0.983 AU).
 */
public enum OrbitClass {

    MBA(12, 20, 1.666, 4.46) {
        @Override
        Shape draw(Random rnd) {
            while (true) {
                double a = uniform(rnd, 2.1, 3.3);
                double e = rayleigh(rnd, 0.09, 0.35);
                if (a * (1 - e) > 1.666) {
                    return new Shape(a, e, Math.toRadians(rayleigh(rnd, 7, 35)));
                }
            }
        }
    },
    HUNGARIA(13, 19, 1.45, 2.37) {
        @Override
        Shape draw(Random rnd) {
            return new Shape(uniform(rnd, 1.78, 2.0), uniform(rnd, 0, 0.18), Math.toRadians(uniform(rnd, 16, 34)));
        }
    },
    HILDA(11, 18, 2.58, 5.47) {
        @Override
        Shape draw(Random rnd) {
            return new Shape(uniform(rnd, 3.7, 4.2), uniform(rnd, 0.07, 0.3), Math.toRadians(rayleigh(rnd, 8, 20)));
        }
    },
    TROJAN(9, 16, 4.29, 6.16) {
        @Override
        Shape draw(Random rnd) {
            return new Shape(uniform(rnd, 5.05, 5.35), uniform(rnd, 0, 0.15), Math.toRadians(rayleigh(rnd, 12, 40)));
        }
    },
    AMOR(15, 25, 1.017, 5.99) {
        @Override
        Shape draw(Random rnd) {
            double q = uniform(rnd, 1.017, 1.3);
            double a = uniform(rnd, q + 0.05, 3.5);
            return new Shape(a, 1 - q / a, Math.toRadians(rayleigh(rnd, 12, 60)));
        }
    },
    APOLLO(15, 25, 0.3, 5.7) {
        @Override
        Shape draw(Random rnd) {
            while (true) {
                double a = uniform(rnd, 1.0, 3.0);
                double e = 1 - uniform(rnd, 0.3, 1.017) / a;
                if (e > 0 && e < 0.95) {
                    return new Shape(a, e, Math.toRadians(rayleigh(rnd, 12, 60)));
                }
            }
        }
    },
    ATEN(16, 25, 0.19, 1.7) {
        @Override
        Shape draw(Random rnd) {
            double a = uniform(rnd, 0.65, 1.0);
            double eMin = Math.max(0, 0.983 / a - 1);
            return new Shape(a, uniform(rnd, eMin, Math.max(eMin, 0.7)), Math.toRadians(rayleigh(rnd, 12, 60)));
        }
    };

    /** Slope of the absolute-magnitude distribution, dN/dH proportional to 10^(SLOPE H). */
    public static final double H_SLOPE = 0.35;

    private final double hMinMag;
    private final double hMaxMag;
    private final double rMinAu;
    private final double rMaxAu;

    /** H range, and the heliocentric distances (AU) the element ranges allow (smallest q, largest Q). */
    OrbitClass(double hMinMag, double hMaxMag, double rMinAu, double rMaxAu) {
        this.hMinMag = hMinMag;
        this.hMaxMag = hMaxMag;
        this.rMinAu = rMinAu;
        this.rMaxAu = rMaxAu;
    }

    /** Smallest heliocentric distance of the class, AU. */
    double rMinAu() {
        return rMinAu;
    }

    /** Largest heliocentric distance of the class, AU. */
    double rMaxAu() {
        return rMaxAu;
    }

    /** Semi-major axis (AU), eccentricity and inclination (rad, to the ecliptic J2000) of one orbit. */
    record Shape(double aAu, double e, double iRad) {
    }

    /** Draws a, e, i from this class's distribution. */
    abstract Shape draw(Random rnd);

    /** Draws an absolute magnitude H from 10^(0.35 H) between this class's bounds. */
    double drawH(Random rnd) {
        double k = H_SLOPE * Math.log(10);
        return hMinMag + Math.log1p(rnd.nextDouble() * Math.expm1(k * (hMaxMag - hMinMag))) / k;
    }

    public double hMinMag() {
        return hMinMag;
    }

    public double hMaxMag() {
        return hMaxMag;
    }

    /** True for the near-Earth classes (AMOR, APOLLO, ATEN). */
    public boolean nearEarth() {
        return this == AMOR || this == APOLLO || this == ATEN;
    }

    static double uniform(Random rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    /** Rayleigh-distributed value of scale sigma, redrawn above max. */
    static double rayleigh(Random rnd, double sigma, double max) {
        while (true) {
            double x = sigma * Math.sqrt(-2 * Math.log(1 - rnd.nextDouble()));
            if (x <= max) {
                return x;
            }
        }
    }
}
