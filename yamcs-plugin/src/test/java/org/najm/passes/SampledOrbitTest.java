package org.najm.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.orekit.OrekitData;
import org.najm.testing.SyntheticNetwork;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.IERSConventions;
import org.orekit.utils.PVCoordinates;

import io.netty.util.concurrent.DefaultThreadFactory;

/** The sampled orbit against SGP4 itself, at random times of a week, for every orbit the products predict. */
class SampledOrbitTest {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    static DataContext ctx;
    static Frame teme;
    static EarthRotationGrid grid;
    static ExecutorService pool;

    @BeforeAll
    static void grid() {
        ctx = OrekitData.context();
        teme = ctx.getFrames().getTEME();
        Frame itrf = ctx.getFrames().getITRF(IERSConventions.IERS_2010, true);
        pool = Executors.newSingleThreadExecutor(new DefaultThreadFactory("sampled-orbit-test", true));
        AbsoluteDate start = new AbsoluteDate(START, ctx.getTimeScales().getUTC());
        grid = EarthRotationGrid.compute(teme, itrf, start, start.shiftedBy(7 * 86_400.0),
                PassPredictor.DEFAULT_STEP_S, pool, 4);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** The real spacecraft and the first 20 of the synthetic network: within the bound, and within the target. */
    @Test
    void withinItsBoundOfSgp4InLowEarthOrbit() throws IOException {
        Constellation real = Constellation.load(Constellation.DEFAULT_PATH);
        Constellation synth = SyntheticNetwork.of(20, 1, real);
        List<SpacecraftTle> sats = new ArrayList<>(TleSet.launch(real, TleParser.of(real,
                ctx.getTimeScales().getUTC())).all());
        sats.addAll(TleSet.launch(synth, TleParser.of(synth, ctx.getTimeScales().getUTC())).all());
        double worstM = 0;
        double worstRatio = 0;
        for (SpacecraftTle sat : sats) {
            TLEPropagator prop = TLEPropagator.selectExtrapolator(sat.tle(), teme);
            SampledOrbit orbit = SampledOrbit.sample(prop, grid);
            assertEquals(SampledOrbit.MAX_EPOCHS_PER_NODE, orbit.epochsPerNode(), sat.spacecraft());
            double errorM = worstError(prop, orbit, grid, new Random(sat.catalogNumber()), 2_000);
            worstM = Math.max(worstM, errorM);
            worstRatio = Math.max(worstRatio, errorM / orbit.errorBoundM());
        }
        System.out.printf("sampled orbit, %d LEO spacecraft, %d s nodes: max |dr| %.2f m, at most %.2f of the"
                + " bound%n", sats.size(), (int) (SampledOrbit.MAX_EPOCHS_PER_NODE * grid.stepS()), worstM, worstRatio);
        assertTrue(worstRatio < 1, "the sampled orbit exceeds its error bound: " + worstRatio + " of it");
        assertTrue(worstM < SampledOrbit.TARGET_ERROR_M, "sampled orbit off by " + worstM + " m");
    }

    /** A Molniya-like orbit (e 0.6, 4 rev/day, perigee ~330 km, SGP4's deep-space branch): within its bound. */
    @Test
    void withinItsBoundOnAnEccentricOrbit() {
        TLE tle = new TLE(99_001, 'U', 2026, 1, "A", 0, 999, new AbsoluteDate(START, ctx.getTimeScales().getUTC()),
                2 * Math.PI * 4.0 / 86_400.0, 0, 0, 0.6, Math.toRadians(63.4), Math.toRadians(270), 0, 0, 1, 0);
        TLEPropagator prop = TLEPropagator.selectExtrapolator(tle, teme);
        SampledOrbit orbit = SampledOrbit.sample(prop, grid);
        double errorM = worstError(prop, orbit, grid, new Random(3), 4_000);
        System.out.printf("sampled orbit, e = 0.6: %d epochs per node, max |dr| %.2f m, bound %.2f m%n",
                orbit.epochsPerNode(), errorM, orbit.errorBoundM());
        assertTrue(errorM < orbit.errorBoundM(), errorM + " m over the bound " + orbit.errorBoundM() + " m");
    }

    /** On a grid of 60 s steps, the same low orbit needs closer nodes, and keeps within the bound. */
    @Test
    void longerStepsGetCloserNodes() throws IOException {
        AbsoluteDate start = new AbsoluteDate(START, ctx.getTimeScales().getUTC());
        EarthRotationGrid coarse = EarthRotationGrid.compute(teme, ctx.getFrames().getITRF(IERSConventions.IERS_2010,
                true), start, start.shiftedBy(86_400.0), 60.0, pool, 4);
        Constellation real = Constellation.load(Constellation.DEFAULT_PATH);
        SpacecraftTle sat = TleSet.launch(real, TleParser.of(real, ctx.getTimeScales().getUTC())).all().get(0);
        TLEPropagator prop = TLEPropagator.selectExtrapolator(sat.tle(), teme);
        SampledOrbit orbit = SampledOrbit.sample(prop, coarse);
        double errorM = worstError(prop, orbit, coarse, new Random(4), 2_000);
        System.out.printf("sampled orbit, 60 s grid: %d epochs per node, max |dr| %.2f m, bound %.2f m%n",
                orbit.epochsPerNode(), errorM, orbit.errorBoundM());
        assertTrue(orbit.epochsPerNode() < SampledOrbit.MAX_EPOCHS_PER_NODE, "nodes not closer");
        assertTrue(errorM < orbit.errorBoundM() && orbit.errorBoundM() <= SampledOrbit.TARGET_ERROR_M,
                errorM + " m, bound " + orbit.errorBoundM() + " m");
    }

    /** Exact at its nodes: SGP4's own position. */
    @Test
    void sgp4AtTheNodes() throws IOException {
        Constellation real = Constellation.load(Constellation.DEFAULT_PATH);
        SpacecraftTle sat = TleSet.launch(real, TleParser.of(real, ctx.getTimeScales().getUTC())).all().get(0);
        TLEPropagator prop = TLEPropagator.selectExtrapolator(sat.tle(), teme);
        SampledOrbit orbit = SampledOrbit.sample(prop, grid);
        double[] p = new double[6];
        int m = orbit.epochsPerNode();
        for (int k : new int[] {0, m, 100 * m, grid.steps()}) {
            assertTrue(orbit.isNode(k));
            orbit.positionAtEpoch(k, p);
            Vector3D exact = prop.getPVCoordinates(grid.epoch(k)).getPosition();
            assertEquals(0.0, exact.distance(new Vector3D(p[0], p[1], p[2])), 1e-9, "epoch " + k);
        }
    }

    private static double worstError(TLEPropagator prop, SampledOrbit orbit, EarthRotationGrid on, Random rnd,
            int samples) {
        double span = on.steps() * on.stepS();
        double[] p = new double[6];
        double worst = 0;
        for (int i = 0; i < samples; i++) {
            double offsetS = span * rnd.nextDouble();
            orbit.pv(offsetS, p);
            PVCoordinates exact = prop.getPVCoordinates(on.date(offsetS));
            worst = Math.max(worst, exact.getPosition().distance(new Vector3D(p[0], p[1], p[2])));
        }
        return worst;
    }
}
