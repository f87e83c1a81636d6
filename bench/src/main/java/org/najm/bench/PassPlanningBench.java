package org.najm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.najm.constellation.Constellation;
import org.najm.constellation.Station;
import org.najm.crosscheck.SkyfieldPython;
import org.najm.orekit.OrekitData;
import org.najm.passes.DetectorPassPredictor;
import org.najm.passes.Pass;
import org.najm.passes.PassPredictor;
import org.najm.passes.SpacecraftTle;
import org.najm.passes.TleParser;
import org.najm.passes.TleSet;
import org.najm.planning.ContactPlan;
import org.najm.planning.ContactPlanner;
import org.najm.planning.PlanningRequest;
import org.najm.testing.SkyfieldRequest;
import org.najm.testing.SyntheticNetwork;
import org.orekit.data.DataContext;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Pass prediction and contact planning benchmark: {@link PassPredictor} (grid + root finding) against
 * {@link DetectorPassPredictor} (one ElevationDetector per spacecraft and station) and Skyfield
 * (tools/passes/skyfield_passes.py), on the real network and on a synthetic 100 x 30 one, plus
 * {@link ContactPlanner#plan} and PassPredictor's scaling. See bench/README.md.
 */
public final class PassPlanningBench implements BenchMain.Benchmark {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    static final String SKYFIELD_SCRIPT = "tools/passes/skyfield_passes.py";
    static final String SKYFIELD_WRAPPER = "bench/src/main/python/skyfield_timed.py";
    /** The performance issue's target for the synthetic network's prediction plus planning on 2 cores. */
    static final double TARGET_SECONDS = 2.5;

    private Report report;
    private final DataContext ctx = OrekitData.context();
    private final int days = BenchSupport.intProp("bench.days", 7);
    private final int reps = BenchSupport.intProp("bench.reps", 3);
    private final int synthSats = BenchSupport.intProp("bench.synthSats", 100);
    private final int synthStations = BenchSupport.intProp("bench.synthStations", 30);
    private final int detSats = BenchSupport.intProp("bench.detectorSats", 10);
    private final int detDays = BenchSupport.intProp("bench.detectorDays", 7);
    private final int skySats = BenchSupport.intProp("bench.skyfieldSats", 5);
    private final int skyDays = BenchSupport.intProp("bench.skyfieldDays", 1);
    private final boolean skipSkyfield = Boolean.getBoolean("bench.noSkyfield");
    /** Only the target: the synthetic network's prediction plus planning, repeated (bench.reps). */
    private final boolean targetOnly = Boolean.getBoolean("bench.targetOnly");
    private String python;

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        BenchMain.run("pass-planning", Report.Echo.AT_END, new PassPlanningBench());
    }

    @Override
    public void run(Report report) throws Exception {
        this.report = report;
        Path root = BenchSupport.repoRoot();
        Instant end = START.plus(Duration.ofDays(days));
        line("PassPlanningBench  %s", Instant.now());
        line("%s", BenchSupport.environment());
        line("window %s .. %s (%d days); PassPredictor: 30 s grid, %d threads; timings: median of %d runs, "
                + "one run when over 5 s or said",
                START, end, days, Runtime.getRuntime().availableProcessors(), reps);
        if (!skipSkyfield && !targetOnly) {
            python = python();
            line("Skyfield: %s %s (via %s; compute_s = the script's main() as timed inside the process)",
                    python, SKYFIELD_SCRIPT, SKYFIELD_WRAPPER);
        }

        // ---------------------------------------------------------------- real network
        Constellation real = Constellation.load(root.resolve(Constellation.DEFAULT_PATH));
        List<SpacecraftTle> realSats = TleSet.launch(real, TleParser.of(real, ctx.getTimeScales().getUTC())).all();
        List<Station> realStations = real.stations();

        Constellation synth = SyntheticNetwork.of(synthSats, synthStations, real);
        List<SpacecraftTle> synthTles = syntheticTles(synth);
        if (targetOnly) {
            target(synth, synthTles, end);
            return;
        }

        progress("warm-up (JIT)");
        int cores = Runtime.getRuntime().availableProcessors();
        PassPredictor grid = new PassPredictor();
        PassPredictor grid1 = new PassPredictor(ctx, PassPredictor.DEFAULT_STEP_S, 1);
        DetectorPassPredictor detector1 = new DetectorPassPredictor(ctx, 1);
        DetectorPassPredictor detector = new DetectorPassPredictor(ctx, cores);
        ContactPlanner planner = new ContactPlanner();
        for (int i = 0; i < 2; i++) {
            List<Pass> w = grid.predict(realSats, realStations, START, end);
            grid1.predict(realSats, realStations, START, end);
            planner.plan(PlanningRequest.of(w, real, START));
            grid.predict(synthTles.subList(0, Math.min(25, synthTles.size())), synth.stations(), START,
                    START.plus(Duration.ofDays(1)));
            detector1.predict(realSats, realStations.subList(0, 2), START, START.plus(Duration.ofDays(1)));
            detector.predict(realSats, realStations.subList(0, 2), START, START.plus(Duration.ofDays(1)));
        }

        // Both methods on one thread and both on every core, the same repetitions, interleaved: like for like.
        progress("real network");
        Timed<List<Pass>> a1 = time(reps, () -> grid1.predict(realSats, realStations, START, end));
        Timed<List<Pass>> b1 = time(reps, () -> detector1.predict(realSats, realStations, START, end));
        Timed<List<Pass>> a = time(reps, () -> grid.predict(realSats, realStations, START, end));
        Timed<List<Pass>> b = time(reps, () -> detector.predict(realSats, realStations, START, end));
        Skyfield c = skipSkyfield ? null : skyfield(realSats, realStations, START, end);
        Timed<ContactPlan> d = time(reps, () -> planner.plan(PlanningRequest.of(a.value, real, START)));

        line("");
        line("== Real network: %d spacecraft x %d stations x %d days (etc/constellation.yaml, launch TLEs) ==",
                realSats.size(), realStations.size(), days);
        header();
        row("(a) PassPredictor, 1 thread", a1.value.size(), a1.seconds, a1.seconds, "");
        row("(b) DetectorPassPredictor, 1 thread", b1.value.size(), b1.seconds, a1.seconds, "");
        row(String.format("(a) PassPredictor, %d threads", cores), a.value.size(), a.seconds, a.seconds, "");
        row(String.format("(b) DetectorPassPredictor, %d threads", cores), b.value.size(), b.seconds, a.seconds,
                "");
        if (c != null) {
            row("(c) Skyfield compute", c.passes.size(), c.computeSeconds, a1.seconds,
                    "main() inside python, 1 thread; ratio to (a) on 1 thread");
            row("(c) Skyfield process", c.passes.size(), c.wallSeconds, a1.seconds,
                    String.format("wall; python start+import %.2f s", c.wallSeconds - c.computeSeconds));
        }
        row("(d) ContactPlanner.plan", a.value.size(), d.seconds, Double.NaN,
                String.format("%d contacts, %d rejections", d.value.contacts().size(), d.value.rejections().size()));
        line("ratios: b/a = %.1fx on 1 thread, %.1fx on %d threads%s", b1.seconds / a1.seconds, b.seconds / a.seconds,
                cores, c == null ? "" : String.format(";  c/a (1 thread) = %.1fx on Skyfield's compute time, %.1fx on"
                        + " its process wall time", c.computeSeconds / a1.seconds, c.wallSeconds / a1.seconds));
        line("a vs b: %s", compare(a.value, b.value).describe());
        if (c != null) {
            Diff ac = compare(a.value, c.passes);
            line("a vs c: %s -> %s", ac.describe(), ac.agreesWithin(1.0) ? "OK, within 1 s" : "NOT within 1 s");
        }

        // ---------------------------------------------------------------- synthetic network
        progress("synthetic network");
        Timed<List<Pass>> sa = time(reps, () -> grid.predict(synthTles, synth.stations(), START, end));

        Instant detEnd = START.plus(Duration.ofDays(detDays));
        List<SpacecraftTle> detTles = synthTles.subList(0, Math.min(detSats, synthTles.size()));
        progress("synthetic network, detector subset");
        Timed<List<Pass>> sbA1 = time(reps, () -> grid1.predict(detTles, synth.stations(), START, detEnd));
        Timed<List<Pass>> sb1 = time(reps, () -> detector1.predict(detTles, synth.stations(), START, detEnd));
        Timed<List<Pass>> sbA = time(reps, () -> grid.predict(detTles, synth.stations(), START, detEnd));
        Timed<List<Pass>> sb = time(reps, () -> detector.predict(detTles, synth.stations(), START, detEnd));
        double detScale = (double) synthSats * synthStations * days
                / ((double) detTles.size() * synthStations * detDays);

        Instant skyEnd = START.plus(Duration.ofDays(skyDays));
        List<SpacecraftTle> skyTles = synthTles.subList(0, Math.min(skySats, synthTles.size()));
        double skyScale = (double) synthSats * synthStations * days
                / ((double) skyTles.size() * synthStations * skyDays);
        Timed<List<Pass>> scA = null;
        Skyfield sc = null;
        if (!skipSkyfield) {
            progress("synthetic network, Skyfield subset");
            scA = time(reps, () -> grid.predict(skyTles, synth.stations(), START, skyEnd));
            sc = skyfield(skyTles, synth.stations(), START, skyEnd);
        }

        line("");
        line("== Synthetic network: %d spacecraft x %d stations x %d days ==", synthSats, synthStations, days);
        line("spacecraft: LEO, inclination 50-98 deg, 14.2-15.5 rev/day, e 0.0005-0.002, RAAN/arg. perigee/mean "
                + "anomaly spread (Random seed 20261120), epoch 2026-11-20");
        line("stations: latitude -70..78 deg, longitude golden-angle spread, mask 5-10 deg; owners/partners "
                + "spread over 4 partners + shared; turnaround %d s", synth.turnaroundSeconds());
        header();
        row(String.format("(a) PassPredictor, %d threads", cores), sa.value.size(), sa.seconds, sa.seconds,
                "prediction alone; the target (prediction + planning) is tested in the last section");
        line("(d) ContactPlanner.plan on these passes: see the last section (run last, with a time limit)");
        line("");
        line("references on subsets (extrapolated to %dx%dx%dd assuming cost linear in spacecraft x stations x days):",
                synthSats, synthStations, days);
        line("%-34s %7s %10s %12s %10s  %s", "subset", "passes", "measured", "extrap.full", "ratio/a", "check");
        line("%-34s %7d %9.2fs %11.1fs %10s  %s", String.format("(a) PassPredictor %dx%dx%dd", detTles.size(),
                synthStations, detDays), sbA.value.size(), sbA.seconds, sbA.seconds * detScale, "", "");
        line("%-34s %7d %9.2fs %11.1fs %9.1fx  %s", String.format("(b) Detector %dx%dx%dd", detTles.size(),
                synthStations, detDays), sb.value.size(), sb.seconds, sb.seconds * detScale,
                sb.seconds * detScale / sa.seconds, "vs a on the subset: " + compare(sbA.value, sb.value).describe());
        line("    b/a measured on the same subset: %.1fx on %d threads (a %.2f s, b %.2f s); %.1fx on 1 thread"
                + " (a %.2f s, b %.2f s)", sb.seconds / sbA.seconds, cores, sbA.seconds, sb.seconds,
                sb1.seconds / sbA1.seconds, sbA1.seconds, sb1.seconds);
        if (sc != null) {
            Diff d2 = compare(scA.value, sc.passes);
            line("%-34s %7d %9.2fs %11.1fs %10s  %s", String.format("(a) PassPredictor %dx%dx%dd", skyTles.size(),
                    synthStations, skyDays), scA.value.size(), scA.seconds, scA.seconds * skyScale, "", "");
            line("%-34s %7d %9.2fs %11.1fs %9.1fx  %s", String.format("(c) Skyfield compute %dx%dx%dd",
                    skyTles.size(), synthStations, skyDays), sc.passes.size(), sc.computeSeconds,
                    sc.computeSeconds * skyScale, sc.computeSeconds * skyScale / sa.seconds,
                    "vs a on the subset: " + d2.describe()
                            + (d2.agreesWithin(1.0) ? " -> OK, within 1 s" : " -> NOT within 1 s"));
            line("%-34s %7d %9.2fs %11.1fs %9.1fx  %s", String.format("(c) Skyfield process %dx%dx%dd",
                    skyTles.size(), synthStations, skyDays), sc.passes.size(), sc.wallSeconds,
                    sc.wallSeconds * skyScale, sc.wallSeconds * skyScale / sa.seconds,
                    "wall time incl. python start-up (not scaled separately)");
            line("    c/a measured on the same subset: %.1fx (compute), %.1fx (process wall)",
                    sc.computeSeconds / scA.seconds, sc.wallSeconds / scA.seconds);
        }

        // ---------------------------------------------------------------- scaling
        progress("scaling");
        Map<String, Double> cache = new HashMap<>();
        cache.put(synthSats + "/" + synthStations + "/" + days, sa.seconds);
        fullThreadedSeconds = sa.seconds;
        int[] satSteps = BenchSupport.intListProp("bench.scaleSats", "25,50,100");
        int[] stationSteps = BenchSupport.intListProp("bench.scaleStations", "10,20,30");
        int[] daySteps = BenchSupport.intListProp("bench.scaleDays", "1,3,7");
        line("");
        line("== Scaling of PassPredictor (30 s grid, %d threads, median of %d, one run when over 5 s) ==",
                Runtime.getRuntime().availableProcessors(), reps);
        line("%-10s %5s %8s %5s %8s %9s %12s", "series", "sc", "stations", "days", "passes", "time", "us/pair-day");
        double[][] satFit = scaling("spacecraft", satSteps, s -> new int[] {s, synthStations, days}, synth,
                synthTles, cache);
        double[][] stFit = scaling("stations", stationSteps, n -> new int[] {synthSats, n, days}, synth, synthTles,
                cache);
        double[][] dayFit = scaling("days", daySteps, dd -> new int[] {synthSats, synthStations, dd}, synth,
                synthTles, cache);
        line("linear fits  t = t0 + slope * x  (share of the %dx%dx%dd time that grows with x):", synthSats,
                synthStations, days);
        fitLine("spacecraft", satFit, sa.seconds, synthSats);
        fitLine("stations", stFit, sa.seconds, synthStations);
        fitLine("days", dayFit, sa.seconds, days);

        // ---------------------------------------------------------------- planner on the synthetic network
        progress("ContactPlanner on the synthetic network");
        line("");
        line("== ContactPlanner.plan on the synthetic network's PassPredictor passes (%d spacecraft x %d stations) ==",
                synthSats, synthStations);
        line("%-28s %8s %10s %9s %11s", "horizon", "passes", "time", "contacts", "rejections");
        int planDays = BenchSupport.intProp("bench.planSubsetDays", 1);
        List<Pass> sub = grid.predict(synthTles, synth.stations(), START, START.plus(Duration.ofDays(planDays)));
        Timed<ContactPlan> sdSub = time(1, () -> planner.plan(PlanningRequest.of(sub, synth, START)));
        line("%-28s %8d %9.2fs %9d %11d", planDays + " day(s)", sub.size(), sdSub.seconds,
                sdSub.value.contacts().size(), sdSub.value.rejections().size());
        int limit = BenchSupport.intProp("bench.planTimeoutSeconds", 300);
        // daemon: a plan still running at the time limit is abandoned and must not keep the JVM
        CompletableFuture<Timed<ContactPlan>> full = CompletableFuture
                .supplyAsync(() -> time(reps, () -> planner.plan(PlanningRequest.of(sa.value, synth, START))),
                        Executors.newSingleThreadExecutor(new DefaultThreadFactory("planner", true)));
        try {
            Timed<ContactPlan> sd = full.get(limit, TimeUnit.SECONDS);
            line("%-28s %8d %9.2fs %9d %11d", days + " days (full)", sa.value.size(), sd.seconds,
                    sd.value.contacts().size(), sd.value.rejections().size());
            line("growth: %.1fx the passes took %.1fx the time (exponent %.2f)", (double) sa.value.size() / sub.size(),
                    sd.seconds / sdSub.seconds, Math.log(sd.seconds / sdSub.seconds)
                            / Math.log((double) sa.value.size() / sub.size()));
            double total = sa.seconds + sd.seconds;
            line("");
            line("prediction + planning, %dx%dx%dd on %d threads: %.2f s + %.2f s = %.2f s -> target <= %.1f s: %s",
                    synthSats, synthStations, days, cores, sa.seconds, sd.seconds, total, TARGET_SECONDS,
                    total <= TARGET_SECONDS ? "MET" : "NOT MET");
        } catch (TimeoutException e) {
            line("%-28s %8d %10s  did NOT finish within %d s (abandoned; the JVM exits)", days + " days (full)",
                    sa.value.size(), "> " + limit + "s", limit);
            line("prediction + planning: planning did not finish -> target <= %.1f s: NOT MET", TARGET_SECONDS);
        }
    }

    // ------------------------------------------------------------------------------------------------- target

    /**
     * The target alone: {@code reps} runs of prediction (every core) then planning of the synthetic network, after
     * two warm-up runs; each run's sum, and the median and spread of the parts and of the sums.
     */
    private void target(Constellation synth, List<SpacecraftTle> tles, Instant end) {
        PassPredictor grid = new PassPredictor();
        ContactPlanner planner = new ContactPlanner();
        progress("warm-up (JIT), target only");
        for (int i = 0; i < 2; i++) {
            planner.plan(PlanningRequest.of(grid.predict(tles, synth.stations(), START, end), synth, START));
        }
        double[] predict = new double[reps];
        double[] plan = new double[reps];
        double[] sum = new double[reps];
        int passes = 0;
        int contacts = 0;
        for (int i = 0; i < reps; i++) {
            progress("target run " + (i + 1) + " of " + reps);
            long t0 = System.nanoTime();
            List<Pass> p = grid.predict(tles, synth.stations(), START, end);
            long t1 = System.nanoTime();
            ContactPlan c = planner.plan(PlanningRequest.of(p, synth, START));
            long t2 = System.nanoTime();
            predict[i] = (t1 - t0) / 1e9;
            plan[i] = (t2 - t1) / 1e9;
            sum[i] = (t2 - t0) / 1e9;
            passes = p.size();
            contacts = c.contacts().size();
            line("run %d: prediction %.3f s (%d passes) + planning %.3f s (%d contacts) = %.3f s", i + 1, predict[i],
                    passes, plan[i], contacts, sum[i]);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        line("");
        line("== Target only: %dx%dx%dd, prediction on %d threads, then planning; %d runs after 2 warm-ups ==",
                synthSats, synthStations, days, cores, reps);
        line("prediction: median %.3f s (%.3f-%.3f); planning: median %.3f s (%.3f-%.3f)", median(predict),
                min(predict), max(predict), median(plan), min(plan), max(plan));
        line("prediction + planning: median %.3f s (%.3f-%.3f) -> target <= %.1f s: %s", median(sum), min(sum),
                max(sum), TARGET_SECONDS, median(sum) <= TARGET_SECONDS ? "MET" : "NOT MET");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    // ------------------------------------------------------------------------------------------------- scaling

    private interface Config {
        int[] of(int x);
    }

    private double[][] scaling(String series, int[] steps, Config cfg, Constellation synth, List<SpacecraftTle> tles,
            Map<String, Double> cache) {
        double[][] pts = new double[steps.length][2];
        for (int i = 0; i < steps.length; i++) {
            int[] c = cfg.of(steps[i]);
            String key = c[0] + "/" + c[1] + "/" + c[2];
            List<SpacecraftTle> s = tles.subList(0, Math.min(c[0], tles.size()));
            List<Station> st = synth.stations().subList(0, Math.min(c[1], synth.stations().size()));
            Instant e = START.plus(Duration.ofDays(c[2]));
            PassPredictor p = new PassPredictor();
            int passes = p.predict(s, st, START, e).size();
            double t = cache.containsKey(key) ? cache.get(key) : time(reps, () -> p.predict(s, st, START, e)).seconds;
            cache.put(key, t);
            line("%-10s %5d %8d %5d %8d %8.2fs %12.1f", series, c[0], c[1], c[2], passes, t,
                    t * 1e6 / ((double) c[0] * c[1] * c[2]));
            pts[i][0] = steps[i];
            pts[i][1] = t;
        }
        return pts;
    }

    private void fitLine(String name, double[][] pts, double full, int fullX) {
        double mx = 0;
        double my = 0;
        for (double[] p : pts) {
            mx += p[0] / pts.length;
            my += p[1] / pts.length;
        }
        double sxy = 0;
        double sxx = 0;
        for (double[] p : pts) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double t0 = my - slope * mx;
        line("  %-10s t0 = %6.2f s, slope = %7.4f s per %s -> %3.0f%% of the full time scales with %s",
                name, t0, slope, name.replaceAll("s$", ""), 100 * slope * fullX / full, name);
    }

    private double fullThreadedSeconds;

    // ------------------------------------------------------------------------------------------------- synthetic

    /** The synthetic launch TLEs through the product's own parser (checksums, format, Orekit). */
    private List<SpacecraftTle> syntheticTles(Constellation synth) {
        return TleSet.launch(synth, TleParser.of(synth, ctx.getTimeScales().getUTC())).all();
    }

    // ------------------------------------------------------------------------------------------------- compare

    record Diff(int a, int b, int matched, List<Pass> onlyA, List<Pass> onlyB, double maxDAos, double maxDLos) {

        boolean agreesWithin(double s) {
            return onlyA.isEmpty() && onlyB.isEmpty() && maxDAos < s && maxDLos < s;
        }

        String describe() {
            StringBuilder sb = new StringBuilder(String.format("%d vs %d passes, %d matched, max |dAOS| %.4f s, "
                    + "max |dLOS| %.4f s", a, b, matched, maxDAos, maxDLos));
            if (!onlyA.isEmpty() || !onlyB.isEmpty()) {
                sb.append(String.format("; only in first: %d%s; only in second: %d%s", onlyA.size(), shortest(onlyA),
                        onlyB.size(), shortest(onlyB)));
            } else {
                sb.append("; same passes");
            }
            return sb.toString();
        }

        private static String shortest(List<Pass> l) {
            return l.isEmpty() ? "" : String.format(" (longest %.1f s)",
                    l.stream().mapToDouble(p -> p.duration().toNanos() / 1e9).max().orElse(0));
        }
    }

    /** Pairs passes of the same spacecraft and station that overlap in time (the closest AOS first). */
    static Diff compare(List<Pass> a, List<Pass> b) {
        Map<String, List<Pass>> byKey = new HashMap<>();
        for (Pass p : b) {
            byKey.computeIfAbsent(p.spacecraft() + "|" + p.station(), k -> new ArrayList<>()).add(p);
        }
        Map<Pass, Boolean> used = new IdentityHashMap<>();
        List<Pass> onlyA = new ArrayList<>();
        double dAos = 0;
        double dLos = 0;
        int matched = 0;
        for (Pass p : a) {
            Pass best = null;
            double bestD = Double.MAX_VALUE;
            for (Pass q : byKey.getOrDefault(p.spacecraft() + "|" + p.station(), List.of())) {
                if (used.containsKey(q) || !(q.aos().compareTo(p.los()) <= 0 && q.los().compareTo(p.aos()) >= 0)) {
                    continue;
                }
                double dd = seconds(p.aos(), q.aos());
                if (dd < bestD) {
                    bestD = dd;
                    best = q;
                }
            }
            if (best == null) {
                onlyA.add(p);
            } else {
                used.put(best, true);
                matched++;
                dAos = Math.max(dAos, bestD);
                dLos = Math.max(dLos, seconds(p.los(), best.los()));
            }
        }
        List<Pass> onlyB = b.stream().filter(q -> !used.containsKey(q)).toList();
        return new Diff(a.size(), b.size(), matched, onlyA, onlyB, dAos, dLos);
    }

    static double seconds(Instant x, Instant y) {
        return Math.abs(Duration.between(x, y).toNanos()) / 1e9;
    }

    // ------------------------------------------------------------------------------------------------- skyfield

    record Skyfield(List<Pass> passes, double wallSeconds, double computeSeconds) {
    }

    private Skyfield skyfield(List<SpacecraftTle> sats, List<Station> stations, Instant start, Instant end)
            throws IOException, InterruptedException {
        JsonObject req = SkyfieldRequest.of(sats, stations, start, end);
        Path err = Files.createTempFile("skyfield-bench", ".err");
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(python, SKYFIELD_WRAPPER, SKYFIELD_SCRIPT)
                    .redirectError(err.toFile()).start();
            p.getOutputStream().write(req.toString().getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(3600, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(SKYFIELD_SCRIPT + " failed: " + Files.readString(err));
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double compute = Double.NaN;
            for (String l : Files.readAllLines(err)) {
                if (l.startsWith("BENCH_TIMING")) {
                    for (String f : l.split("\\s+")) {
                        if (f.startsWith("compute_s=")) {
                            compute = Double.parseDouble(f.substring("compute_s=".length()));
                        }
                    }
                }
            }
            List<Pass> passes = new ArrayList<>();
            for (JsonElement e : JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("passes")) {
                JsonObject o = e.getAsJsonObject();
                passes.add(new Pass(o.get("spacecraft").getAsString(), o.get("station").getAsString(),
                        Instant.parse(o.get("aos").getAsString()), Instant.parse(o.get("los").getAsString()),
                        Instant.parse(o.get("tca").getAsString()), o.get("maxElevationDeg").getAsDouble(),
                        Double.NaN, Double.NaN));
            }
            return new Skyfield(passes, wall, compute);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The interpreter with Skyfield: -Dbench.python, python3, /usr/bin/python3. */
    private static String python() throws InterruptedException {
        try {
            return SkyfieldPython.find(System.getProperty("bench.python"));
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "; or run with -Dbench.noSkyfield=true", e);
        }
    }

    // ------------------------------------------------------------------------------------------------- output

    record Timed<T>(T value, double seconds) {
    }

    /** Runs longer than this are not repeated. */
    static final double ONCE_ABOVE_S = 5.0;

    /**
     * Median wall time of up to {@code n} runs (one if the first takes over {@value #ONCE_ABOVE_S} s); the value of
     * the last.
     */
    private static <T> Timed<T> time(int n, Supplier<T> work) {
        double[] t = new double[n];
        T v = null;
        int done = 0;
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            v = work.get();
            t[i] = (System.nanoTime() - t0) / 1e9;
            done++;
            if (t[i] > ONCE_ABOVE_S) {
                break; // long runs are timed once (2 shared cores, bounded benchmark time)
            }
        }
        double[] m = Arrays.copyOf(t, done);
        Arrays.sort(m);
        return new Timed<>(v, m[done / 2]);
    }

    private void header() {
        line("%-38s %8s %10s %10s  %s", "method", "passes", "time", "x of (a)", "note");
    }

    private void row(String name, int passes, double s, double ref, String note) {
        line("%-38s %8d %9.3fs %10s  %s", name, passes, s, Double.isNaN(ref) ? "" : String.format("%.1fx", s / ref),
                note);
    }

    private void line(String fmt, Object... args) {
        report.format(fmt, args);
    }

    private static void progress(String what) {
        System.err.println("[PassPlanningBench] " + what + " ...");
    }

}
