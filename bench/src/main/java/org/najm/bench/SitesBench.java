package org.najm.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.najm.constellation.Constellation;
import org.najm.simulator.Simulator;
import org.najm.simulator.archive.ArchiveStandIn;
import org.najm.simulator.station.ContactScheduleClient;
import org.najm.simulator.station.PlanFollowingPolicy;
import org.najm.testing.FreePorts;
import org.najm.testing.MocProcess;
import org.najm.time.SimClock;
import org.yamcs.protobuf.TmPacketData;

import com.google.gson.JsonObject;

/**
 * Partner sites (docs/sites.md) against the MOC, all in processes of their own as {@code NAJM_SITES=... ./run.sh}
 * starts them, with the simulator (four spacecraft in routine operations, contacts executing themselves) in this
 * JVM at {@code bench.rate}:
 * <ol>
 * <li>site lag: the same realtime BUS_HK packets (instance, generation time, sequence count) as the MOC and a site
 * make them available to a WebSocket client (yamcs-client, stream {@code tm_realtime} on each); the MOC is the
 * baseline;</li>
 * <li>back-fill: alpha's site stopped for {@code bench.outageSeconds} of wall time, restarted, and the time until
 * its archive holds every packet the MOC's held at the restore, by APID and spacecraft, against the MOC's own
 * ingest rate over the outage;</li>
 * <li>MOC CPU per connected site: the MOC process's CPU over fixed windows with 0, 1, 2 (...) sites connected, in
 * rotated order, repeated.</li>
 * </ol>
 *
 * <pre>
 * bench/run.sh SitesBench [-Dbench.windowSeconds=120 -Dbench.reps=2 -Dbench.siteCounts=0,1,2 ...]
 * </pre>
 */
final class SitesBench implements BenchMain.Benchmark {

    private static final Instant START = Instant.parse("2026-11-20T02:00:00Z");
    private static final List<String> PARTNERS = List.of("alpha", "bravo", "charlie", "delta");
    private static final int BUS_HK_APID = 100;
    private static final String TM_REALTIME = "tm_realtime";
    private static final Duration SITE_START = Duration.ofSeconds(180);

    private final double rate = BenchSupport.doubleProp("bench.rate", 60);
    private final int windowSeconds = BenchSupport.intProp("bench.windowSeconds", 120);
    private final int reps = BenchSupport.intProp("bench.reps", 2);
    private final int[] siteCounts = BenchSupport.intListProp("bench.siteCounts", "0,1,2");
    private final int warmupSeconds = BenchSupport.intProp("bench.warmupSeconds", 60);
    private final int settleMaxSeconds = BenchSupport.intProp("bench.settleSeconds", 90);
    private final int outageSeconds = BenchSupport.intProp("bench.outageSeconds", 60);
    private final int fillTimeoutSeconds = BenchSupport.intProp("bench.fillTimeoutSeconds", 300);
    private final int gapFillingSeconds = BenchSupport.intProp("bench.gapFillingSeconds", 5);

    private final Path work = BenchSupport.repoRoot().resolve("bench").resolve("results").resolve("sites-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
    private final List<Runnable> closers = new ArrayList<>();
    private final Map<String, Site> sites = new LinkedHashMap<>();
    /** Wall epoch milliseconds minus {@link System#nanoTime()} in ms: arrival times as wall time. */
    private final double epochMinusNanoMs = System.currentTimeMillis() - System.nanoTime() / 1e6;

    private List<String> instances;
    private SimClock clock;
    private MocProcess moc;
    private SiteRest mocRest;
    private PacketArrivals mocArrivals;
    private String mocUrl;

    /** Every packet the MOC made available on tm_realtime and tm_dump, all instances: its ingest. */
    private final AtomicLong mocPackets = new AtomicLong();
    /** The window (index into {@link #windows}) BUS_HK arrivals at the MOC are recorded for, or -1. */
    private volatile int lagWindow = -1;
    /** MOC realtime BUS_HK: key -> {arrival nanos, generation ms, window}. */
    private final Map<String, long[]> mocBusHk = new ConcurrentHashMap<>();
    private final List<Window> windows = new ArrayList<>();

    /** A partner's site: its setup, its process, its REST API as the partner's operator, its packet arrivals. */
    private final class Site {
        final MocProcess.SiteSetup setup;
        final SiteRest rest;
        final Map<String, Long> busHk = new ConcurrentHashMap<>();
        MocProcess process;
        PacketArrivals arrivals;

        Site(MocProcess.SiteSetup setup) {
            this.setup = setup;
            this.rest = new SiteRest(setup.httpPort(), setup.partner() + "-op");
        }

        boolean running() {
            return process != null && process.isAlive();
        }

        /** Starts (or restarts) the process, waits until it is connected to the MOC, subscribes to its packets. */
        void start() throws Exception {
            if (process == null) {
                process = MocProcess.startSite(setup, SITE_START);
            } else {
                process.restart(SITE_START);
            }
            awaitConnected();
            subscribe();
        }

        /** Records the realtime BUS_HK arrivals from this site. */
        void subscribe() throws Exception {
            arrivals = PacketArrivals.subscribe(setup.httpPort(), setup.partner() + "-admin", instances,
                    List.of(TM_REALTIME), (instance, stream, p, nanos) -> {
                        byte[] b = p.getPacket().toByteArray();
                        if (PacketArrivals.apid(b) == BUS_HK_APID) {
                            busHk.putIfAbsent(key(instance, p, b), nanos);
                        }
                    });
        }

        void stop() throws InterruptedException {
            if (arrivals != null) {
                arrivals.close();
                arrivals = null;
            }
            process.close();
        }

        /** Until every instance's cascading link to the MOC is up: the link, its TM and its TC. */
        void awaitConnected() throws Exception {
            long deadline = System.nanoTime() + SITE_START.toNanos();
            for (String instance : instances) {
                while (true) {
                    try {
                        Map<String, JsonObject> links = rest.links(instance);
                        if (List.of("MOC", "MOC.tm", "MOC.tc").stream().allMatch(n -> links.containsKey(n)
                                && "OK".equals(links.get(n).get("status").getAsString()))) {
                            break;
                        }
                    } catch (IOException e) {
                        // starting
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(setup.partner() + "'s site not connected to the MOC for "
                                + instance + " within " + SITE_START + ": see " + setup.log());
                    }
                    BenchSupport.sleep(500);
                }
            }
        }

        /** Packets the gap filling has retrieved since the process started, all instances. */
        long gapFilled() throws IOException {
            long n = 0;
            for (String instance : instances) {
                JsonObject l = rest.links(instance).get("MOC.tmArchive");
                if (l != null && l.has("dataInCount")) {
                    n += l.get("dataInCount").getAsLong();
                }
            }
            return n;
        }
    }

    /** One CPU window: how many sites, the MOC's CPU and ingest over it, each site's CPU. */
    private record Window(int rep, int sites, List<String> partners, double wallSeconds, double mocCpuSeconds,
            long mocPackets, Map<String, Double> siteCpuSeconds, double settleSeconds, boolean settledQuiet,
            Map<String, Double> mocThreadCpuSeconds) {

        double mocCorePercent() {
            return 100 * mocCpuSeconds / wallSeconds;
        }
    }

    public static void main(String[] args) {
        BenchMain.run("sites", Report.Echo.AS_WRITTEN, new SitesBench());
    }

    @Override
    public void run(Report report) throws Exception {
        report.line("# Partner sites: lag behind the MOC, back-fill after an outage, MOC CPU per connected site  "
                + Instant.now());
        report.line("# " + BenchSupport.environment());
        int maxSites = Arrays.stream(siteCounts).max().orElse(0);
        if (maxSites > PARTNERS.size() || Arrays.stream(siteCounts).noneMatch(n -> n == 0)) {
            throw new IllegalArgumentException("bench.siteCounts: 0 .. " + PARTNERS.size() + ", with 0 (the baseline)");
        }
        report.format("# rate %.0f, windows of %d s wall, %d repetitions of site counts %s (rotated), gapFillingSeconds"
                + " %d, outage %d s wall, warm-up %d s, settle up to %d s", rate, windowSeconds, reps,
                Arrays.toString(siteCounts), gapFillingSeconds, outageSeconds, warmupSeconds, settleMaxSeconds);
        startSystem(Math.max(1, maxSites));
        progress("warm-up " + warmupSeconds + " s");
        BenchSupport.sleep(warmupSeconds * 1000L);

        String fill = null;
        for (int rep = 0; rep < reps; rep++) {
            int[] order = siteCounts.clone();
            Arrays.sort(order);
            if (rep % 2 == 1) {
                for (int i = 0; i < order.length / 2; i++) {
                    int t = order[i];
                    order[i] = order[order.length - 1 - i];
                    order[order.length - 1 - i] = t;
                }
            }
            for (int n : order) {
                window(rep, n);
                if (n == 1 && rep == reps - 1 && fill == null) {
                    fill = backFill();
                }
            }
        }
        if (fill == null) {
            ensureSites(1);
            settle();
            fill = backFill();
        }
        for (Site s : sites.values()) {
            if (s.running()) {
                s.stop();
            }
        }
        reportLag(report);
        report.append(fill);
        reportCpu(report);
        report.line("# raw run (MOC and site logs): " + BenchSupport.repoRoot().relativize(work));
    }

    // ------------------------------------------------------------------------------------------ the system

    private void startSystem(int siteSlots) throws Exception {
        Constellation base = Constellation.load(Constellation.DEFAULT_PATH);
        int tmBase = FreePorts.udpBlock(5);
        int tcBase = FreePorts.udpBlock(5);
        int httpPort = FreePorts.tcp();
        Constellation constellation = base.withTransport(base.transport().withPortBases(tmBase, tcBase));
        instances = constellation.spacecraft().stream().map(s -> s.instance()).toList();
        Files.createDirectories(work);
        Path dataDir = Files.createTempDirectory("najm-sites-moc");
        closers.add(() -> BenchSupport.deleteTree(dataDir));
        ArchiveStandIn archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", FreePorts.tcp()),
                work.resolve("archive"));
        closers.add(archive::close);
        clock = SimClock.startingNow(START, rate);
        progress("starting the MOC");
        moc = MocProcess.start(new MocProcess.Setup(httpPort, tmBase, tcBase, dataDir, "http://127.0.0.1:"
                + archive.port() + "/submit", clock.toEnvironment(), work.resolve("moc.log")), Duration.ofMinutes(3));
        mocUrl = "http://127.0.0.1:" + httpPort;
        mocRest = new SiteRest(httpPort, "observer");
        ContactScheduleClient schedule = new ContactScheduleClient(URI.create(mocUrl + "/api/najm/contacts"),
                "observer", BenchSupport.DEMO_PASSWORD, constellation, clock);
        schedule.start(Duration.ofMillis(500));
        closers.add(0, schedule::close);
        Simulator simulator = Simulator.start(constellation, clock, new Simulator.Options().policy(
                new PlanFollowingPolicy(schedule)).seed(1).routineOps(true));
        closers.add(0, simulator::close);
        awaitAutomation();
        // The bench's own MOC subscriptions are the same in every configuration (0 sites included).
        // stream subscriptions need the privileges Stream and ReadTables: the administrators' (read only here)
        mocArrivals = PacketArrivals.subscribe(httpPort, "admin", instances, List.of(TM_REALTIME, "tm_dump"),
                this::atMoc);
        for (int i = 0; i < siteSlots; i++) {
            String partner = PARTNERS.get(i);
            Path siteData = Files.createTempDirectory("najm-sites-" + partner);
            closers.add(() -> BenchSupport.deleteTree(siteData));
            sites.put(partner, new Site(new MocProcess.SiteSetup(partner, FreePorts.tcp(), mocUrl, siteData,
                    clock.toEnvironment(), work.resolve("site-" + partner + ".log"), gapFillingSeconds)));
        }
    }

    private void atMoc(String instance, String stream, TmPacketData p, long nanos) {
        mocPackets.incrementAndGet();
        int w = lagWindow;
        if (w >= 0 && stream.equals(TM_REALTIME)) {
            byte[] b = p.getPacket().toByteArray();
            if (PacketArrivals.apid(b) == BUS_HK_APID) {
                long gen = p.getGenerationTime().getSeconds() * 1000 + p.getGenerationTime().getNanos() / 1_000_000;
                mocBusHk.putIfAbsent(key(instance, p, b), new long[] { nanos, gen, w });
            }
        }
    }

    private static String key(String instance, TmPacketData p, byte[] bytes) {
        return instance + "|" + p.getGenerationTime().getSeconds() + "." + p.getGenerationTime().getNanos() + "|"
                + PacketArrivals.sequenceCount(bytes);
    }

    private void awaitAutomation() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (mocRest.get("/najm/automation").getAsJsonArray("spacecraft").size() == instances.size()) {
                    return;
                }
            } catch (IOException e) {
                // starting
            }
            BenchSupport.sleep(500);
        }
        throw new IllegalStateException("the MOC's contact automation did not start: see " + work);
    }

    /** Exactly the first {@code n} partners' sites running: stops the others, starts the missing in parallel. */
    private void ensureSites(int n) throws Exception {
        List<String> wanted = PARTNERS.subList(0, n);
        for (Site s : sites.values()) {
            if (!wanted.contains(s.setup.partner()) && s.running()) {
                progress("stopping " + s.setup.partner() + "'s site");
                s.stop();
            }
        }
        List<CompletableFuture<Void>> starting = new ArrayList<>();
        for (String p : wanted) {
            Site s = sites.get(p);
            if (!s.running()) {
                progress("starting " + p + "'s site");
                starting.add(CompletableFuture.runAsync(() -> {
                    try {
                        s.start();
                    } catch (Exception e) {
                        throw new IllegalStateException(p + "'s site did not start: " + e.getMessage(), e);
                    }
                }));
            }
        }
        CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
    }

    private List<Site> running() {
        return sites.values().stream().filter(Site::running).toList();
    }

    /**
     * After a site (re)connects its gap filling retrieves what it lacks, which the MOC serves: wait until the running
     * sites have caught up, i.e. over the last two gap-filling periods their gap-filling counters grew by no more
     * than the MOC ingested meanwhile (per site, plus 50), or the limit. Returns the seconds and 1 if caught up.
     */
    private double[] settle() throws Exception {
        long t0 = System.nanoTime();
        long span = (2L * gapFillingSeconds + 2) * 1_000_000_000L;
        BenchSupport.sleep(5_000);
        List<long[]> samples = new ArrayList<>(); // {nanos, sum of the sites' gap-filled counts, MOC packets}
        while (System.nanoTime() - t0 < settleMaxSeconds * 1_000_000_000L) {
            List<Site> on = running();
            try {
                long n = 0;
                for (Site s : on) {
                    n += s.gapFilled();
                }
                samples.add(new long[] { System.nanoTime(), n, mocPackets.get() });
            } catch (IOException e) {
                samples.clear(); // a site too busy to answer has not caught up
            }
            long[] last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
            long[] first = null;
            for (long[] x : samples) {
                if (last != null && last[0] - x[0] >= span) {
                    first = x;
                }
            }
            if (first != null && last[1] - first[1] <= on.size() * (last[2] - first[2] + 50)) {
                return new double[] { (System.nanoTime() - t0) / 1e9, 1 };
            }
            BenchSupport.sleep(1_000);
        }
        return new double[] { (System.nanoTime() - t0) / 1e9, 0 };
    }

    // ------------------------------------------------------------------------------------------ measurements

    private void window(int rep, int n) throws Exception {
        ensureSites(n);
        double[] settled = new double[] { 10, 1 };
        if (n == 0) {
            BenchSupport.sleep(10_000); // as long as a site's settle takes at least
        } else {
            settled = settle();
        }
        List<Site> on = running();
        progress(String.format("window %d: %d site(s) %s, settled in %.0f s%s", windows.size(), n, on.stream()
                .map(s -> s.setup.partner()).toList(), settled[0], settled[1] > 0 ? "" : " (limit)"));
        Map<String, Double> siteCpu0 = new HashMap<>();
        for (Site s : on) {
            siteCpu0.put(s.setup.partner(), s.process.cpuSeconds());
        }
        int index = windows.size();
        double cpu0 = moc.cpuSeconds();
        Map<String, Double> threads0 = ThreadCpu.byGroup(moc.pid());
        long packets0 = mocPackets.get();
        long t0 = System.nanoTime();
        lagWindow = n > 0 ? index : -1;
        BenchSupport.sleep(windowSeconds * 1000L);
        lagWindow = -1;
        double cpu = moc.cpuSeconds() - cpu0;
        Map<String, Double> threads = ThreadCpu.minus(ThreadCpu.byGroup(moc.pid()), threads0);
        long packets = mocPackets.get() - packets0;
        double wall = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> siteCpu = new LinkedHashMap<>();
        for (Site s : on) {
            siteCpu.put(s.setup.partner(), s.process.cpuSeconds() - siteCpu0.get(s.setup.partner()));
        }
        Window w = new Window(rep, n, on.stream().map(s -> s.setup.partner()).toList(), wall, cpu, packets, siteCpu,
                settled[0], settled[1] > 0, threads);
        windows.add(w);
        progress(String.format("window %d: MOC %.1f %% of a core, %d packets", index, w.mocCorePercent(), packets));
    }

    /** Alpha's site (running, settled) stopped for the outage, restarted; until its archive holds the MOC's. */
    private String backFill() throws Exception {
        Site site = sites.get(PARTNERS.get(0));
        StringBuilder out = new StringBuilder();
        Map<String, Map<Integer, Set<String>>> before = new HashMap<>();
        for (String instance : instances) {
            before.put(instance, site.rest.packetsByApid(instance, START, clock.now().plus(Duration.ofDays(1))));
        }
        site.stop();
        Instant down = clock.now();
        long downNanos = System.nanoTime();
        long mocPackets0 = mocPackets.get();
        progress("back-fill: " + site.setup.partner() + "'s site stopped at " + down + " for " + outageSeconds + " s");
        BenchSupport.sleep(outageSeconds * 1000L - (System.nanoTime() - downNanos) / 1_000_000);
        Instant restored = clock.now();
        double outageWall = (System.nanoTime() - downNanos) / 1e9;
        long ingested = mocPackets.get() - mocPackets0;
        Map<String, Map<Integer, Set<String>>> atMoc = new HashMap<>();
        for (String instance : instances) {
            atMoc.put(instance, mocRest.packetsByApid(instance, START, restored));
        }
        long restartNanos = System.nanoTime();
        site.process.restart(SITE_START);
        long answersNanos = System.nanoTime();
        site.awaitConnected();
        long connectedNanos = System.nanoTime();
        progress("back-fill: restarted, connected after " + (connectedNanos - restartNanos) / 1_000_000_000 + " s");

        Map<Integer, Integer> missingByApid = new TreeMap<>();
        long missing = 0;
        long total = 0;
        // the checks list each instance's archive from its oldest lacking packet only: a full listing takes seconds
        Map<String, Instant> checkFrom = new TreeMap<>();
        for (String instance : instances) {
            for (var e : atMoc.get(instance).entrySet()) {
                Set<String> lacking = new HashSet<>(e.getValue());
                lacking.removeAll(before.get(instance).getOrDefault(e.getKey(), Set.of()));
                for (String k : lacking) {
                    Instant t = Instant.parse(k.substring(0, k.indexOf('/')));
                    checkFrom.merge(instance, t, (a, b) -> a.isBefore(b) ? a : b);
                }
                missingByApid.merge(e.getKey(), lacking.size(), Integer::sum);
                missing += lacking.size();
                total += e.getValue().size();
            }
        }
        long deadline = connectedNanos + fillTimeoutSeconds * 1_000_000_000L;
        long reachedNanos = -1;
        long lastCheck = connectedNanos;
        long doneNanos = -1;
        long filledCount = 0;
        double checkSeconds = 0;
        String lacking = "";
        List<double[]> checks = new ArrayList<>(); // {seconds after connecting, packets still lacking}
        while (System.nanoTime() < deadline) {
            long n = site.gapFilled();
            if (n >= missing && reachedNanos < 0) {
                reachedNanos = System.nanoTime();
            }
            long sinceCheck = System.nanoTime() - lastCheck;
            // check every 2 s once as many were retrieved as were lacking, and every 10 s anyway
            if (reachedNanos >= 0 && sinceCheck >= 2_000_000_000L || sinceCheck >= 10_000_000_000L) {
                long checkNanos = System.nanoTime();
                lastCheck = checkNanos;
                long[] count = new long[1];
                lacking = lacking(site, atMoc, checkFrom, restored, count);
                checkSeconds = (System.nanoTime() - checkNanos) / 1e9;
                checks.add(new double[] { (checkNanos - connectedNanos) / 1e9, count[0] });
                if (lacking.isEmpty()) {
                    doneNanos = checkNanos;
                    filledCount = n;
                    break;
                }
            }
            BenchSupport.sleep(250);
        }
        site.subscribe();
        out.append("\n## Back-fill after an outage of one simulated hour\n");
        out.append(String.format("%s's site stopped %s .. %s (simulated), %.1f s wall; gapFillingSeconds %d%n",
                site.setup.partner(), down, restored, outageWall, gapFillingSeconds));
        out.append(String.format("MOC meanwhile (the reference): %d packets made available on tm_realtime + tm_dump,"
                + " %.1f packets/s%n", ingested, ingested / outageWall));
        out.append(String.format("MOC archive %s .. restore, 4 spacecraft: %d packets; the site lacked %d at the"
                + " restore (by APID %s)%n", START, total, missing, missingByApid));
        out.append(String.format("oldest lacking packet by instance: %s%n", checkFrom));
        out.append(String.format("site restart -> API answers %.1f s, -> connected %.1f s%n", (answersNanos
                - restartNanos) / 1e9, (connectedNanos - restartNanos) / 1e9));
        if (doneNanos < 0) {
            out.append(String.format("NOT FILLED within %d s of connecting: %s%n", fillTimeoutSeconds, lacking));
            StringBuilder series = new StringBuilder();
            checks.forEach(c -> series.append(String.format("%.0f s: %.0f, ", c[0], c[1])));
            out.append("still lacking, per check (seconds after connecting: packets): ").append(series).append("\n");
            double residual = checks.get(checks.size() - 1)[1];
            double at = checks.stream().filter(c -> c[1] == residual).findFirst().orElseThrow()[0];
            out.append(String.format("all but those %.0f filled by %.1f s after connecting: %.0f packets/s, %.1fx the"
                    + " MOC's ingest over the outage, %.1fx faster than real time%n", residual, at, (missing - residual)
                    / at, (missing - residual) / at / (ingested / outageWall), outageWall / at));
            return out.toString();
        }
        double fillSeconds = (doneNanos - connectedNanos) / 1e9;
        double reachedSeconds = (reachedNanos - connectedNanos) / 1e9;
        out.append(String.format("filled: the site's archive holds every packet of the MOC's (per APID and spacecraft)"
                + " %.1f s after connecting (at the start of the check that found it: checked every 10 s, and every 2 s"
                + " once the gap filling had retrieved as many as were lacking, which it had at %.1f s; a check took"
                + " %.1f s); retrieved by the gap filling since the restart: %d%n", fillSeconds, reachedSeconds,
                checkSeconds, filledCount));
        out.append(String.format("fill rate %.0f packets/s (lacking / time to filled), %.0f packets/s (lacking / time"
                + " to count reached); MOC's ingest over the outage %.1f packets/s: %.1fx and %.1fx%n", missing
                / fillSeconds, missing / reachedSeconds, ingested / outageWall, missing / fillSeconds / (ingested
                / outageWall), missing / reachedSeconds / (ingested / outageWall)));
        out.append(String.format("outage of %.0f s wall filled in %.1f s from connecting: %.1fx faster than real time;"
                + " from the restart of the process %.1f s%n", outageWall, fillSeconds, outageWall / fillSeconds,
                (doneNanos - restartNanos) / 1e9));
        return out.toString();
    }

    /** What of the MOC's packets (snapshot) the site's archive lacks, by instance and APID; empty when none. */
    private String lacking(Site site, Map<String, Map<Integer, Set<String>>> atMoc, Map<String, Instant> from,
            Instant restored, long[] count) throws IOException {
        StringBuilder s = new StringBuilder();
        for (String instance : from.keySet()) {
            Map<Integer, Set<String>> atSite = site.rest.packetsByApid(instance, from.get(instance), restored);
            for (var e : atMoc.get(instance).entrySet()) {
                Set<String> l = new HashSet<>(e.getValue());
                l.removeAll(atSite.getOrDefault(e.getKey(), Set.of()));
                l.removeIf(k -> Instant.parse(k.substring(0, k.indexOf('/'))).isBefore(from.get(instance)));
                if (!l.isEmpty()) {
                    count[0] += l.size();
                    s.append(instance).append(" APID ").append(e.getKey()).append(": ").append(l.size()).append(" ")
                            .append(l.stream().sorted().limit(3).toList()).append("; ");
                }
            }
        }
        return s.toString();
    }

    // ------------------------------------------------------------------------------------------ reports

    private void reportLag(Report report) {
        report.line("");
        report.line("## Site lag: realtime BUS_HK of the four spacecraft, WebSocket arrival (stream tm_realtime)");
        report.line("# lag = arrival from the site - arrival from the MOC, same packet (instance, generation time,"
                + " sequence count), in the windows with sites");
        report.line("# MOC / site after generation = arrival - generation time on the simulation clock, as wall time"
                + " (includes the simulator's 1 s ticks)");
        report.format("%-10s %8s %8s %9s %9s %9s %9s %10s %10s %10s %6s", "sites", "expected", "matched", "lag p50",
                "p99", "max", "min", "MOC p50", "site p50", "site p99", "ratio");
        Map<String, List<double[]>> groups = new LinkedHashMap<>();
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (var e : mocBusHk.entrySet()) {
            long[] m = e.getValue();
            Window w = windows.get((int) m[2]);
            for (String partner : w.partners()) {
                Long at = sites.get(partner).busHk.get(e.getKey());
                for (String g : List.of(w.sites() + " " + partner, "all")) {
                    counts.computeIfAbsent(g, k -> new long[2])[0]++;
                    if (at != null) {
                        counts.get(g)[1]++;
                        double mocWall = epochMinusNanoMs + m[0] / 1e6;
                        double siteWall = epochMinusNanoMs + at / 1e6;
                        double genWall = clock.toWallMillis(m[1]);
                        groups.computeIfAbsent(g, k -> new ArrayList<>()).add(new double[] { (at - m[0]) / 1e6,
                                mocWall - genWall, siteWall - genWall });
                    }
                }
            }
        }
        List<String> names = new ArrayList<>(counts.keySet());
        names.sort((a, b) -> a.equals("all") ? 1 : b.equals("all") ? -1 : a.compareTo(b));
        for (String g : names) {
            List<double[]> v = groups.getOrDefault(g, List.of());
            if (v.isEmpty()) {
                report.format("%-10s %8d %8d (none matched)", g, counts.get(g)[0], 0);
                continue;
            }
            double[] lag = v.stream().mapToDouble(x -> x[0]).sorted().toArray();
            double[] atMoc = v.stream().mapToDouble(x -> x[1]).sorted().toArray();
            double[] atSite = v.stream().mapToDouble(x -> x[2]).sorted().toArray();
            report.format("%-10s %8d %8d %7.1fms %7.1fms %7.1fms %7.1fms %8.0fms %8.0fms %8.0fms %6.3f", g,
                    counts.get(g)[0], counts.get(g)[1], pct(lag, 50), pct(lag, 99), lag[lag.length - 1], lag[0],
                    pct(atMoc, 50), pct(atSite, 50), pct(atSite, 99), pct(atSite, 50) / pct(atMoc, 50));
        }
        report.line("# ratio = site p50 / MOC p50 after generation (the MOC is the baseline)");
    }

    private void reportCpu(Report report) {
        report.line("");
        report.line("## MOC CPU per connected site (the MOC process, /proc/<pid>/stat utime+stime)");
        report.format("%-4s %-5s %-22s %7s %8s %10s %8s %9s %10s %8s %s", "rep", "sites", "which", "wall s", "MOC cpu",
                "s/wall min", "% core", "packets", "ms/pkt", "settle", "site CPU % core");
        for (Window w : windows) {
            StringBuilder siteCpu = new StringBuilder();
            w.siteCpuSeconds().forEach((p, c) -> siteCpu.append(String.format("%s %.1f  ", p, 100 * c
                    / w.wallSeconds())));
            report.format("%-4d %-5d %-22s %7.1f %8.1f %10.2f %8.1f %9d %10.2f %7.0fs%s %s", w.rep(), w.sites(),
                    String.join(",", w.partners()), w.wallSeconds(), w.mocCpuSeconds(), 60 * w.mocCpuSeconds()
                            / w.wallSeconds(), w.mocCorePercent(), w.mocPackets(), 1000 * w.mocCpuSeconds()
                            / Math.max(1, w.mocPackets()), w.settleSeconds(), w.settledQuiet() ? " " : "*", siteCpu);
        }
        report.line("# settle * = the gap filling had not gone quiet by the limit when the window started");
        List<Double> perSite = new ArrayList<>();
        List<Double> perSiteRel = new ArrayList<>();
        double base = 0;
        int baseN = 0;
        for (int rep = 0; rep < reps; rep++) {
            int r = rep;
            List<Window> ws = windows.stream().filter(w -> w.rep() == r).toList();
            List<Window> zero = ws.stream().filter(w -> w.sites() == 0).toList();
            if (zero.isEmpty()) {
                continue;
            }
            double z = zero.stream().mapToDouble(Window::mocCorePercent).average().orElseThrow();
            base += z;
            baseN++;
            for (Window w : ws) {
                if (w.sites() > 0) {
                    double inc = (w.mocCorePercent() - z) / w.sites();
                    perSite.add(inc);
                    perSiteRel.add(100 * inc / z);
                    report.format("rep %d, %d site(s): %+.2f %% of a core per site (%+.1f %% of that repetition's"
                            + " 0-site %.1f %%)", rep, w.sites(), inc, 100 * inc / z, z);
                }
            }
        }
        if (!perSite.isEmpty()) {
            report.format("per-site increment of the MOC's CPU: median %+.2f %% of one core (range %+.2f .. %+.2f),"
                    + " %+.1f %% of the 0-site baseline (%.1f %% of a core, mean of %d windows; range %+.1f .. %+.1f)",
                    median(perSite), min(perSite), max(perSite), median(perSiteRel), base / baseN, baseN,
                    min(perSiteRel), max(perSiteRel));
            reportThreads(report);
            double[] fit = leastSquares();
            report.format("least squares over all %d windows: MOC %% of a core = %.2f + %.2f x sites", windows.size(),
                    fit[0], fit[1]);
            if (windows.size() >= 4) {
                double[] fit2 = leastSquaresWithLoad();
                report.format("with the window's ingest as a second variable: MOC %% of a core = %.2f + %.2f x sites"
                        + " + %.3f x MOC packets/s", fit2[0], fit2[1], fit2[2]);
            }
        }
    }

    /** The MOC's busiest thread groups per window, and each one's per-site increment as for the whole process. */
    private void reportThreads(Report report) {
        Map<String, Double> total = new HashMap<>();
        windows.forEach(w -> w.mocThreadCpuSeconds().forEach((g, c) -> total.merge(g, c, Double::sum)));
        List<String> top = total.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .limit(12).map(Map.Entry::getKey).toList();
        report.line("");
        report.line("MOC threads by name (digits as #), % of one core per window (rep/sites), and the per-site"
                + " increment (median over the windows with sites, against the same repetition's 0-site window;"
                + " range)");
        StringBuilder head = new StringBuilder(String.format("%-36s", "thread group"));
        windows.forEach(w -> head.append(String.format(" %6s", w.rep() + "/" + w.sites())));
        report.line(head + "   per site");
        for (String g : top) {
            StringBuilder row = new StringBuilder(String.format("%-36s", g.length() > 36 ? g.substring(0, 36) : g));
            windows.forEach(w -> row.append(String.format(" %6.1f", pctCore(w, g))));
            List<Double> inc = new ArrayList<>();
            for (Window w : windows) {
                if (w.sites() == 0) {
                    continue;
                }
                windows.stream().filter(z -> z.rep() == w.rep() && z.sites() == 0).findFirst().ifPresent(z -> inc.add(
                        (pctCore(w, g) - pctCore(z, g)) / w.sites()));
            }
            if (!inc.isEmpty()) {
                row.append(String.format("   %+.2f (%+.2f .. %+.2f)", median(inc), min(inc), max(inc)));
            }
            report.line(row.toString());
        }
    }

    private static double pctCore(Window w, String group) {
        return 100 * w.mocThreadCpuSeconds().getOrDefault(group, 0.0) / w.wallSeconds();
    }

    private double[] leastSquares() {
        double n = windows.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (Window w : windows) {
            sx += w.sites();
            sy += w.mocCorePercent();
            sxx += (double) w.sites() * w.sites();
            sxy += w.sites() * w.mocCorePercent();
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] { (sy - slope * sx) / n, slope };
    }

    /** Least squares y = a + b sites + c packets/s (normal equations, Cramer's rule). */
    private double[] leastSquaresWithLoad() {
        double[][] m = new double[3][3];
        double[] v = new double[3];
        for (Window w : windows) {
            double[] x = { 1, w.sites(), w.mocPackets() / w.wallSeconds() };
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    m[i][j] += x[i] * x[j];
                }
                v[i] += x[i] * w.mocCorePercent();
            }
        }
        double d = det(m);
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            double[][] mk = new double[3][];
            for (int i = 0; i < 3; i++) {
                mk[i] = m[i].clone();
                mk[i][k] = v[i];
            }
            out[k] = det(mk) / d;
        }
        return out;
    }

    private static double det(double[][] a) {
        return a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0])
                + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static double median(List<Double> v) {
        return pct(v.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50);
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static void progress(String line) {
        System.err.println("[sites] " + line);
    }

    @Override
    public void close() {
        for (Site s : sites.values()) {
            try {
                if (s.process != null) {
                    if (s.arrivals != null) {
                        s.arrivals.close();
                    }
                    s.process.close();
                }
            } catch (InterruptedException | RuntimeException e) {
                System.err.println("sites: while stopping " + s.setup.partner() + ": " + e);
            }
        }
        if (mocArrivals != null) {
            mocArrivals.close();
        }
        if (moc != null) {
            try {
                moc.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Runnable r : closers) {
            try {
                r.run();
            } catch (RuntimeException e) {
                System.err.println("sites: while stopping: " + e);
            }
        }
    }
}
