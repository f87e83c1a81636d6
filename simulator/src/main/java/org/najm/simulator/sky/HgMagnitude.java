package org.najm.simulator.sky;

/**
 * The H-G magnitude system of Bowell et al. (1989, "Application of photometric models to asteroids", in
 * Asteroids II, pp. 524-556), adopted by the IAU in 1985: V = H + 5 log10(r Delta) - 2.5 log10((1 - G) phi1 +
 * G phi2), phi_i = exp(-A_i tan(alpha/2)^B_i), A1 = 3.33, B1 = 0.63, A2 = 1.87, B2 = 1.22.
 */
public final class HgMagnitude {

    /** The slope parameter the MPC assumes when none is known. */
    public static final double DEFAULT_G = 0.15;

    private HgMagnitude() {
    }

    /**
     * @param hMag             absolute magnitude H
     * @param g                slope parameter G
     * @param sunDistanceAu    heliocentric distance r, AU
     * @param observerDistanceAu distance to the observer Delta, AU
     * @param phaseAngleRad    Sun-object-observer angle alpha, rad
     * @return apparent V magnitude
     */
    public static double apparentV(double hMag, double g, double sunDistanceAu, double observerDistanceAu,
            double phaseAngleRad) {
        double t = Math.tan(phaseAngleRad / 2);
        double phi1 = Math.exp(-3.33 * Math.pow(t, 0.63));
        double phi2 = Math.exp(-1.87 * Math.pow(t, 1.22));
        return hMag + 5 * Math.log10(sunDistanceAu * observerDistanceAu)
                - 2.5 * Math.log10((1 - g) * phi1 + g * phi2);
    }
}
