package org.najm.simulator.spacecraft;

import org.hipparchus.geometry.euclidean.threed.Rotation;
import org.hipparchus.geometry.euclidean.threed.Vector3D;

/**
 * Attitude from the pointing law: the telescope boresight (body +Z) on the survey field in SURVEY, on the
 * anti-Sun direction otherwise (solar arrays on body -Z face the Sun). Body +X is kept toward ICRF north.
 */
public final class AttitudeModel {

    private AttitudeModel() {
    }

    /**
     * ICRF to body, as Orekit's {@code Attitude.getRotation()}: {@code r.applyTo(v_icrf)} gives body
     * components. Returned scalar last: q1 q2 q3 q4.
     */
    public static float[] quaternion(Vector3D boresightIcrf) {
        Vector3D z = boresightIcrf.normalize();
        Vector3D ref = Math.abs(z.getZ()) > 0.99 ? Vector3D.PLUS_I : Vector3D.PLUS_K;
        Vector3D x = ref.subtract(z.scalarMultiply(ref.dotProduct(z))).normalize();
        Rotation r = new Rotation(z, x, Vector3D.PLUS_K, Vector3D.PLUS_I);
        return new float[] { (float) r.getQ1(), (float) r.getQ2(), (float) r.getQ3(), (float) r.getQ0() };
    }

    public static Vector3D direction(double raDeg, double decDeg) {
        return new Vector3D(Math.toRadians(raDeg), Math.toRadians(decDeg));
    }

    public static double ra(Vector3D v) {
        double ra = Math.toDegrees(v.getAlpha());
        return ra < 0 ? ra + 360 : ra;
    }

    public static double dec(Vector3D v) {
        return Math.toDegrees(v.getDelta());
    }
}
