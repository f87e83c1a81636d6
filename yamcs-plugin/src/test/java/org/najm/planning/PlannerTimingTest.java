package org.najm.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.najm.constellation.Constellation;
import org.najm.testing.SyntheticNetwork;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.orekit.OrekitData;
import org.najm.passes.Pass;
import org.najm.passes.PassPredictor;
import org.najm.passes.SpacecraftTle;
import org.najm.passes.TleParser;
import org.najm.passes.TleSet;

/**
 * Planner timing on the inputs of bench/PassPlanningBench: the real 4 x 5 network and the synthetic 100 x 30
 * one (same generator, same seed), 1 and 7 days, with PassPredictor passes. Opt-in, it takes a while:
 * {@code -Dnajm.planning.timing=true}. The predicted passes are cached (CSV in java.io.tmpdir, or
 * {@code -Dnajm.planning.timing.cache=DIR}) so that planner versions are compared on identical input; each
 * plan's SHA-256 (contacts and rejections, messages included) is printed to compare plans across versions.
 */
@EnabledIfSystemProperty(named = "najm.planning.timing", matches = "true")
class PlannerTimingTest {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void timings() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve(Constellation.DEFAULT_PATH))) {
            root = root.getParent();
        }
        Constellation real = Constellation.load(root.resolve(Constellation.DEFAULT_PATH));
        Constellation synth = SyntheticNetwork.of(100, 30, real);
        List<Pass> real7 = passes("real-7d", real, 7);
        List<Pass> synth1 = passes("synth-1d", synth, 1);
        List<Pass> synth7 = passes("synth-7d", synth, 7);

        for (int i = 0; i < 3; i++) { // warm-up
            new ContactPlanner().plan(PlanningRequest.of(real7, real, START));
        }
        run("4x5x7d", PlanningRequest.of(real7, real, START), 5);
        run("100x30x1d", PlanningRequest.of(synth1, synth, START), 3);
        run("100x30x7d", PlanningRequest.of(synth7, synth, START), Integer.getInteger("najm.planning.timing.reps7", 3));
        if (Boolean.getBoolean("najm.planning.timing.check")) {
            PlanningRequest r = PlanningRequest.of(synth1, synth, START);
            PlanChecks.assertConsistent(r, new ContactPlanner().plan(r));
        }
    }

    private static void run(String name, PlanningRequest request, int reps) throws NoSuchAlgorithmException {
        double best = Double.MAX_VALUE;
        ContactPlan plan = null;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            ContactPlan p = new ContactPlanner().plan(request);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            if (plan != null) {
                assertEquals(plan, p, "deterministic");
            }
            plan = p;
        }
        System.out.printf("PLANNER-TIMING %-10s passes %6d  contacts %6d  rejections %6d  best of %d: %7.3f s  sha256 %s%n",
                name, request.passes().size(), plan.contacts().size(), plan.rejections().size(), reps, best,
                digest(plan));
    }

    private static String digest(ContactPlan plan) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Contact c : plan.contacts()) {
            md.update((c + " " + c.start() + " " + c.end() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Rejection r : plan.rejections()) {
            md.update((r + " " + r.pass().aos() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        md.update(plan.contactTimeBySpacecraft().toString().getBytes(StandardCharsets.UTF_8));
        md.update(plan.contactTimeByStation().toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    // ------------------------------------------------------------------------------------------ input

    private static List<Pass> passes(String name, Constellation c, int days) throws IOException {
        Path dir = Path.of(System.getProperty("najm.planning.timing.cache", System.getProperty("java.io.tmpdir")));
        Path file = dir.resolve("najm-planner-timing-" + name + ".csv");
        if (Files.isRegularFile(file)) {
            List<Pass> out = new ArrayList<>();
            for (String l : Files.readAllLines(file)) {
                String[] f = l.split(",");
                out.add(new Pass(f[0], f[1], Instant.parse(f[2]), Instant.parse(f[3]), Instant.parse(f[4]),
                        Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7])));
            }
            return out;
        }
        var ctx = OrekitData.context();
        List<SpacecraftTle> tles = TleSet.launch(c, TleParser.of(c, ctx.getTimeScales().getUTC())).all();
        List<Pass> out = new PassPredictor().predict(tles, c.stations(), START, START.plus(Duration.ofDays(days)));
        StringBuilder sb = new StringBuilder();
        for (Pass p : out) {
            sb.append(p.spacecraft()).append(',').append(p.station()).append(',').append(p.aos()).append(',')
                    .append(p.los()).append(',').append(p.tca()).append(',').append(p.maxElevationDeg()).append(',')
                    .append(p.aosAzimuthDeg()).append(',').append(p.losAzimuthDeg()).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(file, sb.toString());
        return out;
    }
}
