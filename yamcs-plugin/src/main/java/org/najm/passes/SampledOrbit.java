package org.najm.passes;

import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.utils.PVCoordinates;

/**
 * One spacecraft's SGP4 position and velocity (TEME) sampled every few epochs of an {@link EarthRotationGrid},
 * and the cubic Hermite curve through the samples in between: a position at any time of the grid for a few
 * multiplications instead of an SGP4 run (~1 us).
 *
 * <p>Why it is close enough: the cubic through two positions and two velocities {@code h} seconds apart is off by at
 * most {@code h^4 / 384} times the largest fourth derivative of the position, which for an orbit is of the order of
 * {@code r (v / r)^4} at perigee. {@link #errorBoundM()} is three times that (the rest of SGP4's perturbations
 * are orders of magnitude smaller than the two-body motion); the node spacing is the most epochs (up to
 * {@value #MAX_EPOCHS_PER_NODE}) that keep it within {@value #TARGET_ERROR_M} m. {@code SampledOrbitTest}
 * measures the real error against SGP4: ~30 m with a 180 s spacing in low Earth orbit.
 *
 * <p>Exact (SGP4 itself) at every node. Mutable only while it is built; not shared between threads.
 */
final class SampledOrbit {

    /** At most this many grid steps between two SGP4 samples. */
    static final int MAX_EPOCHS_PER_NODE = 6;

    /** The interpolation error aimed at, metres. */
    static final double TARGET_ERROR_M = 100.0;

    private final double stepS;
    private final int epochsPerNode;
    private final int lastEpoch;
    private final double errorBoundM;
    /** Per node j (epoch j * epochsPerNode, the last one the grid's last epoch): x, y, z, vx, vy, vz at 6j. */
    private final double[] pv;

    private SampledOrbit(double stepS, int epochsPerNode, int lastEpoch, double errorBoundM, double[] pv) {
        this.stepS = stepS;
        this.epochsPerNode = epochsPerNode;
        this.lastEpoch = lastEpoch;
        this.errorBoundM = errorBoundM;
        this.pv = pv;
    }

    /** SGP4 at the nodes of the grid: every {@link #epochsPerNode()} epochs and at its last epoch. */
    static SampledOrbit sample(TLEPropagator prop, EarthRotationGrid grid) {
        int steps = grid.steps();
        double stepS = grid.stepS();
        int m = MAX_EPOCHS_PER_NODE;
        double perEpoch = bound(prop.getTLE(), stepS);
        while (m > 1 && perEpoch * Math.pow(m, 4) > TARGET_ERROR_M) {
            m--;
        }
        int nodes = (steps + m - 1) / m + 1;
        double[] pv = new double[6 * nodes];
        for (int j = 0; j < nodes; j++) {
            PVCoordinates c = prop.getPVCoordinates(grid.epoch(Math.min(j * m, steps)));
            pv[6 * j] = c.getPosition().getX();
            pv[6 * j + 1] = c.getPosition().getY();
            pv[6 * j + 2] = c.getPosition().getZ();
            pv[6 * j + 3] = c.getVelocity().getX();
            pv[6 * j + 4] = c.getVelocity().getY();
            pv[6 * j + 5] = c.getVelocity().getZ();
        }
        return new SampledOrbit(stepS, m, steps, perEpoch * Math.pow(m, 4), pv);
    }

    /** Three times the two-body bound of the cubic's error with one grid step between nodes, metres. */
    private static double bound(TLE tle, double stepS) {
        OrbitExtent o = OrbitExtent.of(tle);
        double rate = o.perigeeSpeedMS() / o.perigeeRadiusM();
        return 3 * o.perigeeRadiusM() * Math.pow(rate * stepS, 4) / 384;
    }

    /** Grid steps between two SGP4 samples (1: SGP4 at every epoch). */
    int epochsPerNode() {
        return epochsPerNode;
    }

    /** Whether epoch k is a node: its position is SGP4's own. */
    boolean isNode(int k) {
        return k % epochsPerNode == 0 || k == lastEpoch;
    }

    /** The most the interpolated position may be off SGP4's, metres (0 with SGP4 at every epoch). */
    double errorBoundM() {
        return epochsPerNode == 1 ? 0 : errorBoundM;
    }

    /** Position (TEME, m) at epoch k into {@code out[0..2]}: SGP4's own at a node. */
    void positionAtEpoch(int k, double[] out) {
        if (isNode(k)) {
            int o = 6 * (k == lastEpoch ? (lastEpoch + epochsPerNode - 1) / epochsPerNode : k / epochsPerNode);
            out[0] = pv[o];
            out[1] = pv[o + 1];
            out[2] = pv[o + 2];
        } else {
            pv(k * stepS, out);
        }
    }

    /**
     * Position and velocity (TEME, m and m/s) {@code offsetS} seconds from the grid's start, into
     * {@code out[0..5]}.
     */
    void pv(double offsetS, double[] out) {
        double nodeS = epochsPerNode * stepS;
        int j = Math.min(Math.max((int) (offsetS / nodeS), 0), (lastEpoch - 1) / epochsPerNode);
        double t0 = j * nodeS;
        double h = Math.min((j + 1) * epochsPerNode, lastEpoch) * stepS - t0;
        double s = (offsetS - t0) / h;
        double s2 = s * s;
        double s3 = s2 * s;
        // Hermite basis and its derivative (per unit s)
        double h00 = 2 * s3 - 3 * s2 + 1;
        double h10 = (s3 - 2 * s2 + s) * h;
        double h01 = -2 * s3 + 3 * s2;
        double h11 = (s3 - s2) * h;
        double d00 = (6 * s2 - 6 * s) / h;
        double d10 = 3 * s2 - 4 * s + 1;
        double d01 = (-6 * s2 + 6 * s) / h;
        double d11 = 3 * s2 - 2 * s;
        int a = 6 * j;
        int b = a + 6;
        for (int i = 0; i < 3; i++) {
            out[i] = h00 * pv[a + i] + h10 * pv[a + 3 + i] + h01 * pv[b + i] + h11 * pv[b + 3 + i];
            out[3 + i] = d00 * pv[a + i] + d10 * pv[a + 3 + i] + d01 * pv[b + i] + d11 * pv[b + 3 + i];
        }
    }
}
