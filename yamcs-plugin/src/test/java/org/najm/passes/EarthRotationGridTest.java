package org.najm.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.najm.orekit.OrekitData;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.IERSConventions;
import org.orekit.utils.PVCoordinates;

import io.netty.util.concurrent.DefaultThreadFactory;

/** The interpolated TEME to ITRF rotation against Orekit's exact transform at the same dates. */
class EarthRotationGridTest {

    static final double LEO_RADIUS_M = 7.0e6;
    static final double LEO_SPEED_M_S = 7.5e3;

    static DataContext ctx;
    static Frame teme;
    static Frame itrf;
    static AbsoluteDate start;
    static ExecutorService pool;

    @BeforeAll
    static void frames() {
        ctx = OrekitData.context();
        teme = ctx.getFrames().getTEME();
        itrf = ctx.getFrames().getITRF(IERSConventions.IERS_2010, true);
        start = new AbsoluteDate(2026, 11, 20, 0, 0, 0.0, ctx.getTimeScales().getUTC());
        pool = Executors.newFixedThreadPool(2, new DefaultThreadFactory("earth-rotation-grid-test", true));
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @Test
    void uniformEpochsFromStartToEndWithinTheLongestStep() {
        EarthRotationGrid day = EarthRotationGrid.compute(teme, itrf, start, start.shiftedBy(86_400.0), 30.0, pool, 8);
        assertEquals(2880, day.steps());
        assertEquals(30.0, day.stepS());
        // an uneven span: the fewest steps of at most 30 s, all the same length
        AbsoluteDate end = start.shiftedBy(1000.5);
        EarthRotationGrid odd = EarthRotationGrid.compute(teme, itrf, start, end, 30.0, pool, 8);
        assertEquals(34, odd.steps());
        assertEquals(1000.5 / 34, odd.stepS(), 1e-12);
        assertEquals(start, odd.start());
        assertEquals(0.0, odd.epoch(0).durationFrom(start));
        assertEquals(0.0, odd.epoch(odd.steps()).durationFrom(end), 1e-9);
        assertEquals(0.0, odd.date(500.25).durationFrom(start.shiftedBy(500.25)), 1e-9);
    }

    /** At its epochs the grid is Orekit's transform itself (rounding only). */
    @Test
    void exactAtEveryEpoch() {
        EarthRotationGrid grid = EarthRotationGrid.compute(teme, itrf, start, start.shiftedBy(86_400.0), 30.0, pool,
                8);
        Random rnd = new Random(1);
        double worstM = 0;
        for (int k = 0; k <= grid.steps(); k++) {
            Vector3D p = randomUnit(rnd).scalarMultiply(LEO_RADIUS_M);
            Vector3D exact = teme.getStaticTransformTo(itrf, grid.epoch(k)).transformPosition(p);
            worstM = Math.max(worstM, grid.toItrfAtEpoch(k, p).distance(exact));
        }
        System.out.printf("rotation at the epochs: max |dr| %.2e m at %.0f km%n", worstM, LEO_RADIUS_M / 1e3);
        // 1e-6 m at 7,000 km is 1.4e-13 rad: a few ulps of the matrix, i.e. the same rotation
        assertTrue(worstM < 1e-6, "rotation at the epochs differs by " + worstM + " m");
    }

    /**
     * Between the epochs: position and Earth-relative velocity against Orekit's exact transform (which adds the
     * rotation's own rate to the velocity as the grid does), at random times of a week with the production step.
     */
    @Test
    void interpolatedWithinTheStepAgreesWithOrekit() {
        EarthRotationGrid grid = EarthRotationGrid.compute(teme, itrf, start, start.shiftedBy(7 * 86_400.0),
                PassPredictor.DEFAULT_STEP_S, pool, 8);
        Random rnd = new Random(2);
        double span = grid.steps() * grid.stepS();
        double worstM = 0;
        double worstMS = 0;
        for (int i = 0; i < 20_000; i++) {
            double offsetS = span * rnd.nextDouble();
            Vector3D p = randomUnit(rnd).scalarMultiply(LEO_RADIUS_M);
            Vector3D v = randomUnit(rnd).crossProduct(p).normalize().scalarMultiply(LEO_SPEED_M_S);
            PVCoordinates temePv = new PVCoordinates(p, v);
            PVCoordinates exact = teme.getTransformTo(itrf, grid.date(offsetS)).transformPVCoordinates(temePv);
            PVCoordinates fast = grid.toItrf(offsetS, temePv);
            worstM = Math.max(worstM, fast.getPosition().distance(exact.getPosition()));
            worstMS = Math.max(worstMS, fast.getVelocity().distance(exact.getVelocity()));
        }
        System.out.printf("interpolated rotation, 30 s step, 1 week: max |dr| %.2e m, max |dv| %.2e m/s at %.0f km%n",
                worstM, worstMS, LEO_RADIUS_M / 1e3);
        // measured 5e-5 m (7e-12 rad). 1 mm is 1.4e-10 rad, 2e-9 rad of elevation at a 500 km range: ~2e-6 s
        // of AOS at a horizon elevation rate of 1e-3 rad/s, well inside the 1e-4 s root accuracy
        assertTrue(worstM < 1e-3, "interpolated position differs by " + worstM + " m");
        // measured 1.6e-6 m/s: the velocity only steers the Newton steps (the elevation rate), the roots come
        // from the position; 1e-5 m/s is 1e-11 rad/s of elevation rate at 1,000 km
        assertTrue(worstMS < 1e-5, "interpolated velocity differs by " + worstMS + " m/s");
    }

    static Vector3D randomUnit(Random rnd) {
        return new Vector3D(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()).normalize();
    }
}
