package org.najm.passes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.orekit.frames.Frame;
import org.orekit.frames.StaticTransform;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.PVCoordinates;

/**
 * The TEME to ITRF rotation on a uniform time grid, at any time of the grid, shared by every spacecraft and
 * station of one prediction.
 *
 * <p>Epochs: uniform from start to end, steps of at most the given length. At each epoch, the exact rotation of
 * Orekit's frame chain, computed once: it dominates the cost of an evaluation (~5 us against ~1 us for SGP4).
 * Between two epochs: the exact rotation of the step's first epoch, then the rest of the step's rotation (the
 * exact rotation from one epoch to the next, as axis and angle) scaled linearly in time. Exact at every epoch; in
 * between, the error is the deviation of the Earth's orientation from a uniform rotation over one step: ~7e-12 rad
 * with a 30 s step (5e-5 m at 7,000 km against Orekit's exact transform, {@code EarthRotationGridTest}), far
 * below what the elevation and its time can show.
 *
 * <p>Immutable (its arrays never leave it), so threads share it freely.
 */
final class EarthRotationGrid {

    private final AbsoluteDate start;
    private final AbsoluteDate[] epochs;
    /** Per epoch k: the TEME to ITRF rotation matrix, row major, entries 9k to 9k + 8. */
    private final double[] rotations;
    /** Per step k (epoch k to k + 1): unit rotation axis (entries 4k to 4k + 2) and angular rate, rad/s (4k + 3). */
    private final double[] axisRates;
    private final int steps;
    private final double stepS;

    private EarthRotationGrid(AbsoluteDate start, AbsoluteDate[] epochs, double[] rotations, int steps,
            double stepS) {
        this.start = start;
        this.epochs = epochs;
        this.rotations = rotations;
        this.steps = steps;
        this.stepS = stepS;
        this.axisRates = new double[4 * steps];
        for (int k = 0; k < steps; k++) {
            // M = R(k+1) R(k)^T
            double[] m = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double sum = 0;
                    for (int l = 0; l < 3; l++) {
                        sum += rotations[9 * (k + 1) + 3 * i + l] * rotations[9 * k + 3 * j + l];
                    }
                    m[3 * i + j] = sum;
                }
            }
            double sx = 0.5 * (m[7] - m[5]);
            double sy = 0.5 * (m[2] - m[6]);
            double sz = 0.5 * (m[3] - m[1]);
            double sin = Math.sqrt(sx * sx + sy * sy + sz * sz);
            double cos = 0.5 * (m[0] + m[4] + m[8] - 1);
            double angleRad = FastMath.atan2(sin, cos);
            if (sin > 0) {
                axisRates[4 * k] = sx / sin;
                axisRates[4 * k + 1] = sy / sin;
                axisRates[4 * k + 2] = sz / sin;
            } else {
                axisRates[4 * k + 2] = 1;
            }
            axisRates[4 * k + 3] = angleRad / stepS;
        }
    }

    /**
     * The grid from {@code start} to {@code end} with steps of at most {@code maxStepS} seconds, its exact
     * rotations computed in up to {@code tasks} time chunks on {@code pool} (a few chunks per thread balance an
     * uneven share of the cores).
     *
     * @param teme     Orekit's TEME frame (SGP4's output)
     * @param itrf     the Earth frame the stations are fixed in
     * @param start    first epoch
     * @param end      last epoch, after start
     * @param maxStepS longest step, seconds
     * @param pool     the threads the rotations are computed on
     * @param tasks    how many chunks to submit at most
     */
    static EarthRotationGrid compute(Frame teme, Frame itrf, AbsoluteDate start, AbsoluteDate end, double maxStepS,
            ExecutorService pool, int tasks) {
        double spanS = end.durationFrom(start);
        int steps = Math.max(1, (int) FastMath.ceil(spanS / maxStepS - 1e-9));
        double stepS = spanS / steps;
        AbsoluteDate[] epochs = new AbsoluteDate[steps + 1];
        double[] rotations = new double[9 * (steps + 1)];
        int chunks = Math.min(steps + 1, tasks);
        List<Future<Void>> done = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            int from = (int) ((long) (steps + 1) * c / chunks);
            int to = (int) ((long) (steps + 1) * (c + 1) / chunks);
            done.add(pool.submit(() -> {
                for (int k = from; k < to; k++) {
                    epochs[k] = start.shiftedBy(k * stepS);
                    StaticTransform tr = teme.getStaticTransformTo(itrf, epochs[k]);
                    for (int j = 0; j < 3; j++) { // column j = image of the unit vector j
                        Vector3D col = tr.transformVector(j == 0 ? Vector3D.PLUS_I
                                : j == 1 ? Vector3D.PLUS_J : Vector3D.PLUS_K);
                        rotations[9 * k + j] = col.getX();
                        rotations[9 * k + 3 + j] = col.getY();
                        rotations[9 * k + 6 + j] = col.getZ();
                    }
                }
                return null;
            }));
        }
        TaskResults.waitAll(done);
        return new EarthRotationGrid(start, epochs, rotations, steps, stepS);
    }

    /** The first epoch: times on the grid are offsets from it, in seconds. */
    AbsoluteDate start() {
        return start;
    }

    /** Number of steps (there is one more epoch). */
    int steps() {
        return steps;
    }

    /** Length of every step, seconds. */
    double stepS() {
        return stepS;
    }

    /** Epoch k, 0 to {@link #steps()}. */
    AbsoluteDate epoch(int k) {
        return epochs[k];
    }

    /**
     * The date {@code offsetS} seconds after the start, shifted from the epoch that starts its step (the date
     * {@link #toItrf} expects its TEME coordinates at).
     */
    AbsoluteDate date(double offsetS) {
        int k = step(offsetS);
        return epochs[k].shiftedBy(offsetS - k * stepS);
    }

    /** A TEME position at epoch k rotated to ITRF with the epoch's exact rotation. */
    Vector3D toItrfAtEpoch(int k, Vector3D teme) {
        double[] p = {teme.getX(), teme.getY(), teme.getZ()};
        toItrfAtEpoch(k, p);
        return new Vector3D(p[0], p[1], p[2]);
    }

    /** In place, {@code p[0..2]}: a TEME position at epoch k to ITRF with the epoch's exact rotation. */
    void toItrfAtEpoch(int k, double[] p) {
        double[] r = rotations;
        int o = 9 * k;
        double x = p[0];
        double y = p[1];
        double z = p[2];
        p[0] = r[o] * x + r[o + 1] * y + r[o + 2] * z;
        p[1] = r[o + 3] * x + r[o + 4] * y + r[o + 5] * z;
        p[2] = r[o + 6] * x + r[o + 7] * y + r[o + 8] * z;
    }

    /**
     * TEME position and velocity at {@link #date(double) date(offsetS)} in ITRF: the velocity includes the
     * rotation's own rate (the velocity relative to the Earth).
     */
    PVCoordinates toItrf(double offsetS, PVCoordinates teme) {
        Vector3D p = teme.getPosition();
        Vector3D v = teme.getVelocity();
        double[] pv = {p.getX(), p.getY(), p.getZ(), v.getX(), v.getY(), v.getZ()};
        toItrf(offsetS, pv);
        return new PVCoordinates(new Vector3D(pv[0], pv[1], pv[2]), new Vector3D(pv[3], pv[4], pv[5]));
    }

    /**
     * In place, {@code pv[0..5]}: a TEME position and velocity (m, m/s) at {@link #date(double) date(offsetS)} to
     * ITRF, the velocity relative to the Earth (no allocation: the search's inner loop).
     */
    void toItrf(double offsetS, double[] pv) {
        int k = step(offsetS);
        double[] r = rotations;
        int o = 9 * k;
        double px = r[o] * pv[0] + r[o + 1] * pv[1] + r[o + 2] * pv[2];
        double py = r[o + 3] * pv[0] + r[o + 4] * pv[1] + r[o + 5] * pv[2];
        double pz = r[o + 6] * pv[0] + r[o + 7] * pv[1] + r[o + 8] * pv[2];
        double vx = r[o] * pv[3] + r[o + 1] * pv[4] + r[o + 2] * pv[5];
        double vy = r[o + 3] * pv[3] + r[o + 4] * pv[4] + r[o + 5] * pv[5];
        double vz = r[o + 6] * pv[3] + r[o + 7] * pv[4] + r[o + 8] * pv[5];
        double[] ar = axisRates;
        double ax = ar[4 * k];
        double ay = ar[4 * k + 1];
        double az = ar[4 * k + 2];
        double w = ar[4 * k + 3];
        double thetaRad = w * (offsetS - k * stepS);
        double c = Math.cos(thetaRad);
        double s = Math.sin(thetaRad);
        // Rodrigues: u' = u c + (a x u) s + a (a.u)(1 - c), for the position and the velocity
        double ap = (ax * px + ay * py + az * pz) * (1 - c);
        double rx = px * c + (ay * pz - az * py) * s + ax * ap;
        double ry = py * c + (az * px - ax * pz) * s + ay * ap;
        double rz = pz * c + (ax * py - ay * px) * s + az * ap;
        double av = (ax * vx + ay * vy + az * vz) * (1 - c);
        double wx = vx * c + (ay * vz - az * vy) * s + ax * av;
        double wy = vy * c + (az * vx - ax * vz) * s + ay * av;
        double wz = vz * c + (ax * vy - ay * vx) * s + az * av;
        // velocity in the Earth frame: plus the rotation's own rate, w a x r
        pv[0] = rx;
        pv[1] = ry;
        pv[2] = rz;
        pv[3] = wx + w * (ay * rz - az * ry);
        pv[4] = wy + w * (az * rx - ax * rz);
        pv[5] = wz + w * (ax * ry - ay * rx);
    }

    /** The step {@code offsetS} falls in (the first or the last one outside the grid). */
    private int step(double offsetS) {
        return Math.min(Math.max((int) (offsetS / stepS), 0), steps - 1);
    }
}
