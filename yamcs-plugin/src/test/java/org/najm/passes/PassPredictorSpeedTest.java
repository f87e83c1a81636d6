package org.najm.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.testing.SyntheticNetwork;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.orekit.OrekitData;

/**
 * The optimised {@link PassPredictor} against the original full-chain predictor ({@link FullChainPassPredictor}):
 * same passes, AOS/LOS within 1 ms, on the real network (7 days) and on a slice of the benchmark's synthetic
 * network. With {@code -Dnajm.passTimings=true} it also times 4x5x7d and the synthetic 100x30x7d (the issue's
 * target), old against new.
 */
class PassPredictorSpeedTest {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void sameAsFullChainOnTheRealNetwork() throws IOException {
        Constellation c = Constellation.load(Constellation.DEFAULT_PATH);
        List<SpacecraftTle> sats = TleSet.launch(c, TleParser.of(c, OrekitData.context().getTimeScales().getUTC()))
                .all();
        compare("real 4x5x7d", sats, c.stations(), START.plus(Duration.ofDays(7)));
    }

    @Test
    void sameAsFullChainOnASyntheticNetwork() throws IOException {
        Constellation c = Constellation.load(Constellation.DEFAULT_PATH);
        Constellation synth = SyntheticNetwork.of(100, 30, c);
        List<SpacecraftTle> sats = TleSet.launch(synth, TleParser.of(synth,
                OrekitData.context().getTimeScales().getUTC())).all();
        compare("synthetic 20x30x2d", sats.subList(0, 20), synth.stations(), START.plus(Duration.ofDays(2)));
    }

    @Test
    void timings() throws IOException {
        if (!Boolean.getBoolean("najm.passTimings")) {
            return;
        }
        Constellation c = Constellation.load(Constellation.DEFAULT_PATH);
        List<SpacecraftTle> real = TleSet.launch(c, TleParser.of(c, OrekitData.context().getTimeScales().getUTC()))
                .all();
        Constellation synth = SyntheticNetwork.of(100, 30, c);
        List<SpacecraftTle> syn = TleSet.launch(synth, TleParser.of(synth,
                OrekitData.context().getTimeScales().getUTC())).all();
        Instant end = START.plus(Duration.ofDays(7));
        PassPrediction fast = new PassPredictor();
        PassPrediction old = new FullChainPassPredictor();
        boolean withOld = !Boolean.getBoolean("najm.passTimings.newOnly");
        for (int i = 0; i < 2; i++) { // JIT warm-up
            fast.predict(syn.subList(0, 20), synth.stations(), START, START.plus(Duration.ofDays(1)));
            if (withOld) {
                old.predict(syn.subList(0, 5), synth.stations(), START, START.plus(Duration.ofDays(1)));
            }
        }
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            List<Pass> a = fast.predict(real, c.stations(), START, end);
            long t1 = System.nanoTime();
            List<Pass> b = withOld ? old.predict(real, c.stations(), START, end) : List.of();
            long t2 = System.nanoTime();
            System.out.printf("TIMING 4x5x7d: new %.3f s (%d passes), old %.3f s (%d passes)%n", (t1 - t0) / 1e9,
                    a.size(), (t2 - t1) / 1e9, b.size());
        }
        for (int rep = 0; rep < (withOld ? 1 : 3); rep++) {
            long t0 = System.nanoTime();
            List<Pass> a = fast.predict(syn, synth.stations(), START, end);
            long t1 = System.nanoTime();
            System.out.printf("TIMING 100x30x7d: new %.3f s (%d passes), %d threads%n", (t1 - t0) / 1e9, a.size(),
                    Runtime.getRuntime().availableProcessors());
            if (withOld) {
                List<Pass> b = old.predict(syn, synth.stations(), START, end);
                long t2 = System.nanoTime();
                System.out.printf("TIMING 100x30x7d: old %.3f s (%d passes)%n", (t2 - t1) / 1e9, b.size());
                System.out.println("100x30x7d " + diff(a, b));
            }
        }
    }

    static void compare(String what, List<SpacecraftTle> sats, List<Station> stations, Instant end) {
        List<Pass> a = new PassPredictor().predict(sats, stations, START, end);
        List<Pass> b = new FullChainPassPredictor().predict(sats, stations, START, end);
        String d = diff(a, b);
        System.out.println(what + " optimised vs full chain: " + d);
        assertEquals(b.size(), a.size(), d);
        for (int i = 0; i < a.size(); i++) {
            Pass x = a.get(i);
            Pass y = b.get(i);
            assertEquals(y.spacecraft() + "/" + y.station(), x.spacecraft() + "/" + x.station());
            assertTrue(PassPredictorTest.seconds(x.aos(), y.aos()) < 1e-3, x + " / " + y);
            assertTrue(PassPredictorTest.seconds(x.los(), y.los()) < 1e-3, x + " / " + y);
            assertTrue(Math.abs(x.maxElevationDeg() - y.maxElevationDeg()) < 1e-4, x + " / " + y);
            assertTrue(PassPredictorTest.angle(x.aosAzimuthDeg(), y.aosAzimuthDeg()) < 1e-4, x + " / " + y);
            assertTrue(PassPredictorTest.angle(x.losAzimuthDeg(), y.losAzimuthDeg()) < 1e-4, x + " / " + y);
        }
    }

    /** Pairs passes in order (same sorting): counts and the largest differences. */
    static String diff(List<Pass> a, List<Pass> b) {
        double dAos = 0, dLos = 0, dTca = 0, dEl = 0, dAz = 0;
        int n = Math.min(a.size(), b.size());
        int mismatched = 0;
        String worstEl = "";
        for (int i = 0; i < n; i++) {
            Pass x = a.get(i);
            Pass y = b.get(i);
            if (!x.spacecraft().equals(y.spacecraft()) || !x.station().equals(y.station())) {
                mismatched++;
                continue;
            }
            dAos = Math.max(dAos, PassPredictorTest.seconds(x.aos(), y.aos()));
            dLos = Math.max(dLos, PassPredictorTest.seconds(x.los(), y.los()));
            dTca = Math.max(dTca, PassPredictorTest.seconds(x.tca(), y.tca()));
            if (Math.abs(x.maxElevationDeg() - y.maxElevationDeg()) > dEl) {
                dEl = Math.abs(x.maxElevationDeg() - y.maxElevationDeg());
                worstEl = "new " + x + " / old " + y;
            }
            dAz = Math.max(dAz, Math.max(PassPredictorTest.angle(x.aosAzimuthDeg(), y.aosAzimuthDeg()),
                    PassPredictorTest.angle(x.losAzimuthDeg(), y.losAzimuthDeg())));
        }
        return String.format("%d vs %d passes, %d mismatched pairs, max |dAOS| %.2e s, |dLOS| %.2e s, |dTCA| %.3f s, "
                + "|dMaxEl| %.2e deg (%s), |dAz| %.2e deg", a.size(), b.size(), mismatched, dAos, dLos, dTca, dEl, worstEl,
                dAz);
    }
}
