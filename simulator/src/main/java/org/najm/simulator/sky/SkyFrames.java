package org.najm.simulator.sky;

import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.hipparchus.geometry.euclidean.threed.RotationConvention;
import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.orekit.OrekitData;
import org.orekit.bodies.AnalyticalSolarPositionProvider;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.frames.Transform;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;
import org.orekit.utils.Constants;
import org.orekit.utils.ExtendedPositionProviderAdapter;

/**
 * Frames and bodies of the synthetic sky. No JPL ephemeris is shipped (Orekit's data here is the leap-second
 * table only, see {@link OrekitData}), so the Sun is Orekit's {@link AnalyticalSolarPositionProvider}, a
 * low-precision analytical model: the Earth's heliocentric position is the opposite of the Sun's geocentric one.
 * Its error (of the order of an arcminute in the Sun's direction) displaces the whole synthetic sky alike and
 * does not change parallax, rates or the truth, which is computed with the same model.
 */
public final class SkyFrames {

    private static final DataContext CTX = OrekitData.context();
    /** Geocentric, ICRF axes (the frame of the observer positions in SCI_DETECTION). */
    public static final Frame GCRF = CTX.getFrames().getGCRF();
    /** The Sun's centre (analytical model). */
    public static final AnalyticalSolarPositionProvider SUN = new AnalyticalSolarPositionProvider(CTX);
    /** Heliocentric, ICRF axes. */
    public static final Frame HELIOCENTRIC_ICRF = new ExtendedPositionProviderAdapter(GCRF, SUN, "HELIO_ICRF");
    /**
     * Obliquity of the ecliptic J2000 of asteroid orbital elements, 84381.448 arcsec (the IAU 1976 value, that of
     * the MPC's and JPL's ECLIPJ2000; IAU 2006's 84381.406 would turn the elements by 0.042 arcsec).
     */
    public static final double OBLIQUITY_J2000_RAD = Math.toRadians(84381.448 / 3600);
    /** ICRF (equatorial) components to ecliptic J2000 components (frame bias, ~20 mas, neglected). */
    public static final Rotation ICRF_TO_ECLIPTIC = new Rotation(Vector3D.PLUS_I, OBLIQUITY_J2000_RAD,
            RotationConvention.FRAME_TRANSFORM);
    /** Heliocentric, ecliptic J2000 axes: the frame of the asteroids' orbits. */
    public static final Frame HELIOCENTRIC_ECLIPTIC = new Frame(HELIOCENTRIC_ICRF,
            new Transform(AbsoluteDate.J2000_EPOCH, ICRF_TO_ECLIPTIC), "HELIO_ECLIPJ2000", true);
    /** The Sun's GM, m^3/s^2 (IAU 2015 nominal). */
    public static final double SUN_GM = Constants.IAU_2015_NOMINAL_SUN_GM;
    public static final double AU_M = Constants.IAU_2012_ASTRONOMICAL_UNIT;
    public static final double C_M_PER_S = Constants.SPEED_OF_LIGHT;
    private static final TimeScale TDB = CTX.getTimeScales().getTDB();

    private SkyFrames() {
    }

    /** The Earth's centre, heliocentric ICRF, m. */
    public static Vector3D earthHeliocentric(AbsoluteDate date) {
        return SUN.getPosition(date, GCRF).negate();
    }

    /**
     * Jupiter's mean longitude, ecliptic J2000, rad: L = 34.39644 + 3034.74613 T deg (T in Julian centuries of
     * TDB from J2000), the mean element of Standish's approximate planetary positions (JPL, valid 1800-2050).
     * Used only to place the Trojan swarms at L4/L5 (+-60 deg).
     */
    public static double jupiterMeanLongitudeRad(AbsoluteDate date) {
        double t = date.durationFrom(new AbsoluteDate(2000, 1, 1, 12, 0, 0.0, TDB)) / (36525.0 * 86400);
        return Math.toRadians(34.39644051 + 3034.74612775 * t);
    }
}
