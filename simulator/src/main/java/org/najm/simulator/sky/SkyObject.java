package org.najm.simulator.sky;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.orbits.KeplerianOrbit;
import org.orekit.orbits.PositionAngleType;
import org.orekit.time.AbsoluteDate;

/**
 * One synthetic asteroid: a two-body heliocentric orbit (Orekit {@link KeplerianOrbit} about the Sun in
 * {@link SkyFrames#HELIOCENTRIC_ECLIPTIC}, Sun GM {@link SkyFrames#SUN_GM}), its absolute magnitude H and slope G.
 * Planetary perturbations, non-gravitational forces and the Sun-barycentre offset are neglected (two-body about
 * the Sun's centre), which over a field visit of minutes changes nothing observable.
 *
 * @param orbitClass its dynamical class
 * @param orbit      heliocentric ecliptic J2000 orbit
 * @param hMag       absolute magnitude H
 * @param g          slope parameter G
 */
public record SkyObject(OrbitClass orbitClass, KeplerianOrbit orbit, double hMag, double g) {

    private static final int LIGHT_TIME_ITERATIONS = 3;

    /** Heliocentric position, ICRF axes, m, at {@code date}. */
    public Vector3D heliocentricIcrf(AbsoluteDate date) {
        Vector3D ecliptic = orbit.shiftedBy(date.durationFrom(orbit.getDate())).getPosition();
        return SkyFrames.ICRF_TO_ECLIPTIC.applyInverseTo(ecliptic);
    }

    /**
     * Observes the object from an observer near the Earth: the light received at {@code date} left the object at
     * {@code date - tau}, tau found by iteration (3 passes: below a microsecond for anything beyond the Moon).
     *
     * @param date             observation date
     * @param observerGcrfM    observer's geocentric position, ICRF axes, m (the spacecraft's GCRF position)
     */
    public Apparent observe(AbsoluteDate date, Vector3D observerGcrfM) {
        Vector3D observer = SkyFrames.earthHeliocentric(date).add(observerGcrfM);
        double tau = 0;
        Vector3D object = heliocentricIcrf(date);
        for (int k = 0; k < LIGHT_TIME_ITERATIONS; k++) {
            tau = object.subtract(observer).getNorm() / SkyFrames.C_M_PER_S;
            object = heliocentricIcrf(date.shiftedBy(-tau));
        }
        Vector3D line = object.subtract(observer);
        double delta = line.getNorm();
        double r = object.getNorm();
        double phase = Vector3D.angle(object, line); // at the object, between the Sun (-object) and observer (-line)
        double ra = Math.toDegrees(line.getAlpha());
        double v = HgMagnitude.apparentV(hMag, g, r / SkyFrames.AU_M, delta / SkyFrames.AU_M, phase);
        return new Apparent(date, ra < 0 ? ra + 360 : ra, Math.toDegrees(line.getDelta()), delta / SkyFrames.AU_M,
                r / SkyFrames.AU_M, Math.toDegrees(phase), v, tau);
    }

    public double aAu() {
        return orbit.getA() / SkyFrames.AU_M;
    }

    public double e() {
        return orbit.getE();
    }

    public double iDeg() {
        return Math.toDegrees(orbit.getI());
    }

    /** Creates the orbit from elements: a (AU), e, angles (rad), true anomaly, epoch. */
    static KeplerianOrbit orbit(double aAu, double e, double iRad, double argPerihelionRad, double nodeRad,
            double trueAnomalyRad, AbsoluteDate epoch) {
        return new KeplerianOrbit(aAu * SkyFrames.AU_M, e, iRad, argPerihelionRad, nodeRad, trueAnomalyRad,
                PositionAngleType.TRUE, SkyFrames.HELIOCENTRIC_ECLIPTIC, epoch, SkyFrames.SUN_GM);
    }
}
