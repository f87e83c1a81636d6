package org.najm.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.constellation.Station;
import org.najm.crosscheck.SkyfieldPython;
import org.najm.orekit.OrekitData;
import org.najm.testing.SkyfieldRequest;
import org.najm.testing.SyntheticNetwork;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Issue requirement: AOS and LOS agree within 1 s with an independent SGP4 implementation over a day of
 * passes. Skyfield (tools/passes/skyfield_passes.py) has its own SGP4, frames and UT1 (its builtin
 * tables, where Orekit here has UT1 = UTC), so tenths of a second are expected (measured 0.18 s), not 1 ms;
 * with UT1 = UTC on both sides they agree to ~1 ms, on the real network and on a synthetic slice.
 *
 * <p>Runs {@code python3 tools/passes/skyfield_passes.py}; if that python3 has no Skyfield (e.g. a pyenv
 * interpreter first on the PATH), /usr/bin/python3 is tried; {@code -Dnajm.python=...} or NAJM_PYTHON
 * choose another. Fails (not skips) when none has Skyfield: CI installs it.
 */
class SkyfieldCrossCheckTest {

    static final String SCRIPT = "tools/passes/skyfield_passes.py";
    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant END = START.plus(Duration.ofDays(1));
    static final int SYNTHETIC_SPACECRAFT = 4;

    @Test
    void orekitAndSkyfieldAgreeWithin1s() throws Exception {
        Constellation c = Constellation.load(Constellation.DEFAULT_PATH);
        List<SpacecraftTle> sats = TleSet.launch(c, TleParser.of(c, OrekitData.context().getTimeScales().getUTC()))
                .all();
        List<Pass> orekit = new PassPredictor().predict(sats, c.stations(), START, END);

        // the requirement: Skyfield with its own UT1 (builtin IERS prediction)
        double[] d = compare(orekit, skyfield(sats, c.stations(), START, END, false));
        System.out.printf("Orekit vs Skyfield (Skyfield's UT1), %d passes: max |dAOS| %.4f s, max |dLOS| %.4f s%n",
                orekit.size(), d[0], d[1]);
        assertTrue(d[0] < 1.0 && d[1] < 1.0, "AOS/LOS differ by " + d[0] + " / " + d[1] + " s");

        // diagnosis: with Orekit's UT1 = UTC the implementations themselves agree to milliseconds
        double[] same = compare(orekit, skyfield(sats, c.stations(), START, END, true));
        System.out.printf("Orekit vs Skyfield (UT1 = UTC in both), max |dAOS| %.4f s, max |dLOS| %.4f s%n",
                same[0], same[1]);
        assertTrue(same[0] < 0.05 && same[1] < 0.05, "same UT1, AOS/LOS differ by " + same[0] + " / " + same[1]);
    }

    /**
     * A slice of the seeded synthetic network, UT1 = UTC on both sides: the same passes, short ones included
     * (Skyfield finds them by its own search, not by the grid's short-pass rule), with the same times and maxima.
     */
    @Test
    void orekitAndSkyfieldAgreeOnTheSyntheticNetwork() throws Exception {
        Constellation synth = SyntheticNetwork.of(100, 30, Constellation.load(Constellation.DEFAULT_PATH));
        List<SpacecraftTle> sats = TleSet.launch(synth, TleParser.of(synth,
                OrekitData.context().getTimeScales().getUTC())).all().subList(0, SYNTHETIC_SPACECRAFT);
        List<Station> stations = IntStream.range(0, synth.stations().size()).filter(i -> i % 3 == 0)
                .mapToObj(synth.stations()::get).toList();
        List<Pass> orekit = new PassPredictor().predict(sats, stations, START, END);
        long t0 = System.nanoTime();
        List<Pass> sky = skyfield(sats, stations, START, END, true);
        PassComparison d = PassComparison.of(orekit, sky);
        long shortOnes = orekit.stream().filter(p -> p.duration().toMillis() < 60_000).count();
        System.out.printf("Orekit vs Skyfield (UT1 = UTC), synthetic %dx%dx1d, %d passes (%d < 60 s), Skyfield "
                + "%.1f s: %s%n", sats.size(), stations.size(), orekit.size(), shortOnes,
                (System.nanoTime() - t0) / 1e9, d);
        assertTrue(shortOnes > 0, "the slice should hold passes shorter than the 60 s guarantee");
        assertTrue(d.samePasses(), d.toString());
        // two SGP4 implementations and two TEME to Earth-frame models, same UT1: metres apart, so ~1 ms of AOS/LOS
        // (measured 0.7 ms); 10 ms (~70 m along the track) is still far inside what a wrong crossing would show
        assertTrue(d.maxAosS() < 0.01 && d.maxLosS() < 0.01, d.toString());
        // Skyfield's golden section stops at 1 ms, ours sits ~1 ms from the geometric maximum (measured 1.1 ms)
        assertTrue(d.maxTcaS() < 0.01, d.toString());
        // the same metres seen from a few hundred km at the top of a high pass (measured 8e-5 deg)
        assertTrue(d.maxElevationDeg() < 1e-3, d.toString());
    }

    /** Max |dAOS| and |dLOS|, seconds; fails if a pass of either has no counterpart in the other. */
    static double[] compare(List<Pass> orekit, List<Pass> skyfield) {
        double dAos = 0;
        double dLos = 0;
        for (Pass o : orekit) {
            Pass s = PassPredictorTest.match(o, skyfield);
            if (s == null) {
                fail("Skyfield has no pass for " + o);
            }
            dAos = Math.max(dAos, PassPredictorTest.seconds(o.aos(), s.aos()));
            dLos = Math.max(dLos, PassPredictorTest.seconds(o.los(), s.los()));
        }
        for (Pass s : skyfield) {
            if (PassPredictorTest.match(s, orekit) == null) {
                fail("Orekit has no pass for Skyfield's " + s);
            }
        }
        assertEquals(orekit.size(), skyfield.size());
        return new double[] {dAos, dLos};
    }

    static List<Pass> skyfield(List<SpacecraftTle> sats, List<Station> stations, Instant start, Instant end,
            boolean ut1EqualsUtc) throws Exception {
        JsonObject req = SkyfieldRequest.of(sats, stations, start, end);
        req.addProperty("ut1EqualsUtc", ut1EqualsUtc);

        Process p = new ProcessBuilder(python(), SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().write(req.toString().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(SCRIPT + " failed (exit " + p.exitValue() + "): " + out);
        }
        List<Pass> passes = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(out).getAsJsonObject().getAsJsonArray("passes")) {
            JsonObject o = e.getAsJsonObject();
            passes.add(new Pass(o.get("spacecraft").getAsString(), o.get("station").getAsString(),
                    Instant.parse(o.get("aos").getAsString()), Instant.parse(o.get("los").getAsString()),
                    Instant.parse(o.get("tca").getAsString()), o.get("maxElevationDeg").getAsDouble(),
                    Double.NaN, Double.NaN));
        }
        return passes;
    }

    /** The interpreter with Skyfield: -Dnajm.python or NAJM_PYTHON, then python3, /usr/bin/python3. */
    static String python() throws InterruptedException {
        return SkyfieldPython.find(System.getProperty("najm.python", System.getenv("NAJM_PYTHON")));
    }
}
