package org.najm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.najm.bench.IngestStep.Counters;
import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.gateway.FrameDropReason;
import org.najm.gateway.GatewayTmFrameLink;
import org.najm.gateway.StationGateway;
import org.najm.gateway.StationStats;
import org.najm.orekit.OrekitData;
import org.najm.simulator.packet.GpsTime;
import org.najm.testing.FreePorts;
import org.najm.testing.UdpPort;
import org.najm.time.SimClock;
import org.najm.time.SimClocks;
import org.yamcs.YamcsServer;
import org.yamcs.YamcsServerInstance;
import org.yamcs.tctm.Link;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.StreamSubscriber;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;
import org.yamcs.yarch.streamsql.StreamSqlResult;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import com.google.common.util.concurrent.Service;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * TM ingest benchmark: frames per second from UDP to decoded, archived packets and parameters,
 * sustained with zero loss, like for like.
 *
 * <p>One embedded Yamcs server runs the NAJM configuration exactly as the product does (StationGateway, four
 * spacecraft instances from the template) plus four comparison instances {@code stock-1..4} from the same
 * template whose TM link is Yamcs' own {@code UdpTmFrameLink}, one UDP port each. Four configurations: one link
 * ({@code stock-1}: one stock instance; {@code najm-1}: NAJM-1 through one station) and four links ({@code stock-4}:
 * the four stock instances; {@code najm-4}: the four spacecraft through four stations), the rate being the
 * total. Each configuration's highest zero-loss rate is found by a {@link ZeroLossSearch} (to within
 * {@code bench.tolerance}); the searches of the four configurations are interleaved probe by probe, in an order
 * rotated between repetitions, and every probe waits for the parameter archive's back-fill of the previous one
 * before it starts. See bench/README.md.
 */
public final class IngestBench implements BenchMain.Benchmark {

    /** BUS_HK APID: the only packets the benchmark sends and counts. */
    private static final int APID_BUS_HK = 100;
    /** The comparison instances are named stock-1 .. stock-n. */
    private static final String STOCK = "stock-";
    /**
     * Packet time skipped between probes: more than one parameter-archive interval (2^23 ms), so that each
     * probe's packets fall into intervals of their own and the back-fill of a probe does not rebuild the
     * intervals of all the probes before it.
     */
    private static final double SKIP_BETWEEN_STEPS_S = 8400;

    private final int seconds = BenchSupport.intProp("bench.seconds", 8);
    private final int warmupSeconds = BenchSupport.intProp("bench.warmupSeconds", 10);
    private final int drainTimeoutSeconds = BenchSupport.intProp("bench.drainTimeoutSeconds", 40);
    /** A rate passes only if the pipeline delivered at least this fraction of it while the sender was sending. */
    private final double keepUp = BenchSupport.doubleProp("bench.keepUp", 0.97);
    private final int reps = BenchSupport.intProp("bench.reps", 3);
    /** The searches stop when the failing rate is within this fraction of the passing one. */
    private final double tolerance = BenchSupport.doubleProp("bench.tolerance", 0.05);
    private final int start1 = BenchSupport.intProp("bench.start1", 1000);
    private final int start4 = BenchSupport.intProp("bench.start4", 2000);
    private final int maxRate = BenchSupport.intProp("bench.maxRate", 32000);
    private final int maxProbes = BenchSupport.intProp("bench.maxProbes", 12);
    /** The longest wait between probes for the parameter archive to back-fill the previous one. */
    private final int settleTimeoutSeconds = BenchSupport.intProp("bench.settleTimeoutSeconds", 180);
    private final int settleSeconds = BenchSupport.intProp("bench.settleSeconds", 2);
    /** Profiling mode: these configurations, one after the other, at {@code bench.profileRate}; no search. */
    private final String[] profile = Arrays.stream(BenchSupport.listProp("bench.profile", ""))
            .filter(n -> !n.isEmpty()).toArray(String[]::new);
    private final int profileRate = BenchSupport.intProp("bench.profileRate", 600);
    /** Profiling mode: a JDK Flight Recorder file per configuration, this prefix + name + ".jfr" (none if empty). */
    private final String jfrPrefix = BenchSupport.stringProp("bench.jfr", "");

    private Path repo;
    private EmbeddedYamcs yamcs;
    private final List<Integer> stockPorts = new ArrayList<>();
    private Constellation constellation;
    private BenchSupport.LogCounter logs;
    private Report report;
    private final Map<String, AtomicLong> recorded = new LinkedHashMap<>();
    private final Map<String, BusHkFrames> generators = new LinkedHashMap<>();
    private final List<RepStep> steps = new ArrayList<>();

    public static void main(String[] args) {
        BenchMain.run("ingest", Report.Echo.AS_WRITTEN, new IngestBench());
    }

    // ---------------------------------------------------------------- setup

    @Override
    public void run(Report report) throws Exception {
        this.report = report;
        repo = BenchSupport.repoRoot();
        logs = BenchSupport.installLogging();
        OrekitData.context();
        long t0 = System.nanoTime();
        startYamcs();
        report.line("# NAJM TM ingest benchmark  " + Instant.now());
        report.line("# " + BenchSupport.environment());
        report.line("# frames: 1115 octets, VC0, OCF+FECF, BUS_HK packets (114 octets); " + seconds
                + " s per rate after a " + warmupSeconds + " s warm-up per configuration; pass = zero packet loss "
                + "AND delivered >= " + Math.round(keepUp * 100) + "% of offered while sending");
        report.line("# receive buffers: stock UdpTmFrameLink = plain DatagramSocket, no option (kernel default "
                + "rmem_default); NAJM StationGateway SO_RCVBUF = 4 MiB requested (capped by net.core.rmem_max)");
        report.line("");

        List<Config> configs = configs();
        if (profile.length > 0) {
            profile(configs);
            report.format("# total benchmark time %.0f s", (System.nanoTime() - t0) / 1e9);
            return;
        }
        // JIT warm-up: fresh JVMs lose data at high rates in the first ~20 s (shared/NOTES.md).
        for (Config c : configs) {
            IngestStep s = runStep(c, c.startRate, warmupSeconds);
            System.err.println("warm-up " + s.line());
        }
        report.line("rep " + IngestStep.header());
        List<Map<String, ZeroLossSearch>> results = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            List<Config> order = new ArrayList<>(configs);
            Collections.rotate(order, -rep);
            Map<String, ZeroLossSearch> searches = new LinkedHashMap<>();
            for (Config c : order) {
                searches.put(c.name, new ZeroLossSearch(c.startRate, 100, maxRate, tolerance, maxProbes));
            }
            boolean probed = true;
            while (probed) {
                probed = false;
                for (Config c : order) {
                    ZeroLossSearch search = searches.get(c.name);
                    int rate = search.next();
                    if (rate == 0) {
                        continue;
                    }
                    IngestStep s = runStep(c, rate, seconds);
                    search.record(rate, s.pass());
                    steps.add(new RepStep(rep, s));
                    report.format("%3d %s", rep + 1, s.line());
                    probed = true;
                }
            }
            results.add(searches);
            report.format("# repetition %d (order %s): %s", rep + 1,
                    order.stream().map(Config::name).toList(), describe(searches));
        }
        report.line("");
        summary(configs, results);
        archiveCheck();
        report.format("# total benchmark time %.0f s", (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Profiling mode: each configuration named in {@code bench.profile}, after its warm-up, at one fixed rate for
     * {@code bench.seconds}, with the CPU of the process's threads per group over the step (sending and drain)
     * and, with {@code bench.jfr}, a flight recording (settings "profile") of that window only.
     */
    private void profile(List<Config> configs) throws Exception {
        long pid = ProcessHandle.current().pid();
        report.line("# profiling mode: " + String.join(", ", profile) + " at " + profileRate + " frames/s for "
                + seconds + " s each");
        List<Config> chosen = new ArrayList<>();
        for (String name : profile) {
            chosen.add(configs.stream().filter(x -> x.name.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no configuration " + name)));
        }
        // all warm-ups first: the JIT compiles the shared Yamcs code for whichever configuration runs first
        for (Config c : chosen) {
            IngestStep w = runStep(c, profileRate, warmupSeconds);
            System.err.println("warm-up " + w.line());
        }
        for (Config c : chosen) {
            String name = c.name;
            jdk.jfr.Recording jfr = null;
            if (!jfrPrefix.isEmpty()) {
                jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                jfr.setDestination(Path.of(jfrPrefix + name + ".jfr"));
                jfr.start();
            }
            jdk.jfr.Recording recording = jfr;
            Map<String, Double> cpuBefore = ThreadCpu.byGroup(pid);
            Map<String, Double> cpu = new HashMap<>();
            // measured up to the end of the drain: the parameter archive's back-fill (the settle) is not in it
            IngestStep s = runStep(c, profileRate, seconds, () -> {
                cpu.putAll(ThreadCpu.minus(ThreadCpu.byGroup(pid), cpuBefore));
                if (recording != null) {
                    recording.stop();
                    recording.close();
                }
            });
            report.line(IngestStep.header());
            report.line(s.line());
            long frames = Math.round(s.offered() * seconds);
            report.format("# %s: thread CPU over the step (sending and drain), by thread group, s and ms per frame"
                    + " (%d frames):", name, frames);
            cpu.entrySet().stream().filter(e -> e.getValue() > 0.005)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .forEach(e -> report.format("#   %-32s %7.2f s %7.3f ms/frame", e.getKey(), e.getValue(),
                            e.getValue() * 1000 / frames));
            report.line("");
        }
    }

    private static String describe(Map<String, ZeroLossSearch> searches) {
        StringBuilder b = new StringBuilder();
        searches.forEach((name, s) -> b.append(name).append(' ').append(s.zeroLossRate()).append(" (fails at ")
                .append(s.failingRate() == Integer.MAX_VALUE ? "none" : s.failingRate()).append(", ")
                .append(s.probeCount()).append(" probes)  "));
        return b.toString().trim();
    }

    /** Starts Yamcs from a generated etc/ = the repository's etc/ + the comparison instance. */
    private void startYamcs() throws Exception {
        yamcs = EmbeddedYamcs.prepare("najm-bench-ingest", EmbeddedYamcs.Ports.free());
        Path etc = yamcs.workDir().resolve("etc");
        BenchSupport.copyTree(repo.resolve("etc"), etc);
        List<Spacecraft> spacecraft = Constellation.load(repo.resolve("etc/constellation.yaml")).spacecraft();
        List<String> stockInstances = new ArrayList<>();
        for (int i = 0; i < spacecraft.size(); i++) {
            String name = STOCK + (i + 1);
            stockPorts.add(FreePorts.udpBlock(1));
            Files.writeString(etc.resolve("yamcs." + name + ".yaml"),
                    stockInstanceYaml(etc, stockPorts.get(i), spacecraft.get(i).scid()), StandardCharsets.UTF_8);
            stockInstances.add(name);
        }
        Path yamcsYaml = etc.resolve("yamcs.yaml");
        String y = Files.readString(yamcsYaml);
        if (!y.contains("\ninstances: []")) {
            throw new IllegalStateException("etc/yamcs.yaml no longer has 'instances: []': update IngestBench");
        }
        Files.writeString(yamcsYaml, y.replace("\ninstances: []", "\ninstances: [" + String.join(", ",
                stockInstances) + "]"));
        SimClocks.install(SimClock.realTime());
        yamcs.start(etc);

        constellation = NajmContext.constellation();
        List<String> instances = new ArrayList<>(stockInstances);
        constellation.spacecraft().forEach(sc -> instances.add(sc.instance()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (String inst : instances) {
            while (tmLink(inst) == null || !isRunning(tmLink(inst))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("instance " + inst + " or its TM link did not start");
                }
                BenchSupport.sleep(100);
            }
            recorded.put(inst, countBusHk(inst));
        }
        double gps = GpsTime.seconds(Instant.now());
        for (int i = 0; i < constellation.spacecraft().size(); i++) {
            Spacecraft sc = constellation.spacecraft().get(i);
            generators.put(STOCK + (i + 1), new BusHkFrames(sc.scid(), gps));
            generators.put(sc.instance(), new BusHkFrames(sc.scid(), gps));
        }
    }

    /**
     * Counts the BUS_HK packets on an instance's tm_realtime. Subscribed last: streams call subscribers in order,
     * on the link thread, so when this one sees a packet the recorder (tm table) and the realtime processor
     * (XTCE -> parameter archive) already had it.
     */
    static AtomicLong countBusHk(String instance) {
        AtomicLong counter = new AtomicLong();
        Stream s = YarchDatabase.getInstance(instance).getStream("tm_realtime");
        s.addSubscriber(new StreamSubscriber() {
            @Override
            public void onTuple(Stream stream, Tuple t) {
                byte[] p = t.getColumn("packet");
                if (p != null && p.length > 2 && (((p[0] & 0x07) << 8) | (p[1] & 0xFF)) == APID_BUS_HK) {
                    counter.incrementAndGet();
                }
            }
        });
        return counter;
    }

    /** The template's instance with the stock UdpTmFrameLink instead of the gateway's link, and no TC links. */
    @SuppressWarnings("unchecked")
    private static String stockInstanceYaml(Path etc, int port, int scid) throws IOException {
        String t = Files.readString(etc.resolve("instance-templates/najm-spacecraft/template.yaml"));
        t = t.replace("{{ spacecraft }}", "STOCK").replace("{{ scid }}", Integer.toString(scid))
                .replace("{{ partner }}", "none");
        Map<String, Object> cfg = new Yaml().load(t);
        List<Map<String, Object>> links = (List<Map<String, Object>>) cfg.get("dataLinks");
        Map<String, Object> tm = links.stream().filter(l -> "TM".equals(l.get("name"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("template has no TM link"));
        Map<String, Object> stockTm = new LinkedHashMap<>();
        stockTm.put("name", "TM");
        stockTm.put("class", "org.yamcs.tctm.ccsds.UdpTmFrameLink");
        stockTm.put("port", port);
        for (Map.Entry<String, Object> e : tm.entrySet()) {
            if (!e.getKey().equals("name") && !e.getKey().equals("class") && !e.getKey().equals("queueSize")
                    && !e.getKey().equals("duplicateWindow")) {
                stockTm.put(e.getKey(), e.getValue());
            }
        }
        cfg.put("dataLinks", List.of(stockTm));
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        o.setPrettyFlow(true);
        return "# Generated by the ingest benchmark (IngestBench): the NAJM template with Yamcs' stock"
                + " UdpTmFrameLink.\n" + new Yaml(o).dump(cfg);
    }

    private List<Config> configs() {
        List<Spacecraft> sc = constellation.spacecraft();
        int tmPortBase = yamcs.ports().tmPortBase();
        int links = Math.min(4, sc.size());
        List<Feed> stock = new ArrayList<>();
        List<Feed> najm = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            stock.add(new Feed(STOCK + (i + 1), stockPorts.get(i)));
            // each spacecraft through a different station: four decoders in parallel
            najm.add(new Feed(sc.get(i).instance(), tmPortBase + i));
        }
        return List.of(new Config("stock-1", start1, stock.subList(0, 1)),
                new Config("najm-1", start1, najm.subList(0, 1)),
                new Config("stock-" + links, start4, stock),
                new Config("najm-" + links, start4, najm));
    }

    // ---------------------------------------------------------------- one rate

    /** One configuration at one total rate: frames generated, sent paced, drained, and the counters compared. */
    private IngestStep runStep(Config c, int totalRate, int durationSeconds) throws IOException {
        return runStep(c, totalRate, durationSeconds, () -> {
        });
    }

    /** As {@link #runStep(Config, int, int)}, with {@code afterDrain} run after the drain, before the settle. */
    private IngestStep runStep(Config c, int totalRate, int durationSeconds, Runnable afterDrain)
            throws IOException {
        int framesPerFeed = (int) Math.ceil((double) totalRate * durationSeconds / c.feeds.size());
        List<Integer> ports = new ArrayList<>();
        List<List<byte[]>> frames = new ArrayList<>();
        long sentPackets = 0;
        for (Feed f : c.feeds) {
            generators.get(f.instance).skip(SKIP_BETWEEN_STEPS_S);
            BusHkFrames.Batch b = generators.get(f.instance).generate(framesPerFeed);
            ports.add(f.port);
            frames.add(b.frames());
            sentPackets += b.packets();
        }
        Counters before;
        long cpuBefore;
        PacedSender.Sent sent;
        long recordedAtEnd;
        int maxBacklog;
        try (PacedSender sender = new PacedSender(ports, frames)) {
            frames.clear(); // the frames go with the sender, before the drain
            before = counters(c);
            cpuBefore = BenchSupport.processCpuNanos();
            sent = sender.send(totalRate, () -> backlog(c));
            recordedAtEnd = recordedSum(c);
            maxBacklog = Math.max(sent.maxBacklog(), backlog(c));
        }
        double drainSeconds = drain(c, before.recorded(), sentPackets);
        long cpuNanos = BenchSupport.processCpuNanos() - cpuBefore;
        afterDrain.run();
        Counters counted = counters(c).since(before);
        IngestStep s = IngestStep.judge(c.name, totalRate, sentPackets, sent, recordedAtEnd - before.recorded(),
                counted, drainSeconds, maxBacklog, keepUp, cpuNanos);
        settle(c);
        return s;
    }

    /**
     * Lets the machine settle before the next probe: waits until the parameter archive has back-filled every
     * packet of the configuration's instances (the back-filler starts 10 s after a stream goes quiet; without
     * the wait, its work would land on the next probe, of another configuration), then a short pause.
     */
    private void settle(Config c) {
        long deadline = System.nanoTime() + settleTimeoutSeconds * 1_000_000_000L;
        for (Feed f : c.feeds) {
            long counted = recorded.get(f.instance).get();
            long samples = parameterArchiveSamples(f.instance, "/NAJM/battery_voltage");
            while (samples >= 0 && samples < counted && System.nanoTime() < deadline) {
                BenchSupport.sleep(500);
                samples = parameterArchiveSamples(f.instance, "/NAJM/battery_voltage");
            }
            if (samples >= 0 && samples < counted) {
                System.err.printf("settle: %s back-filled %d of %d packets after %d s%n", f.instance, samples,
                        counted, settleTimeoutSeconds);
            }
        }
        BenchSupport.sleep(settleSeconds * 1000L);
    }

    /**
     * Waits until every packet sent is counted, or nothing has moved for 1 s with empty queues, or the drain
     * timeout; returns how long it waited, s.
     */
    private double drain(Config c, long recordedBefore, long expected) {
        long drainStart = System.nanoTime();
        long drainDeadline = drainStart + drainTimeoutSeconds * 1_000_000_000L;
        long lastCount = -1;
        long lastChange = drainStart;
        while (true) {
            long got = recordedSum(c) - recordedBefore;
            long now = System.nanoTime();
            if (got >= expected || now > drainDeadline) {
                break;
            }
            if (got != lastCount) {
                lastCount = got;
                lastChange = now;
            } else if (backlog(c) == 0 && now - lastChange > 1_000_000_000L) {
                break;
            }
            BenchSupport.sleep(10);
        }
        return (System.nanoTime() - drainStart) / 1e9;
    }

    private Counters counters(Config c) {
        return new Counters(recordedSum(c), queueFull(), socketDrops(c), BenchSupport.hostRcvbufErrors(),
                logs.parameterArchiveDrops.get());
    }

    private long recordedSum(Config c) {
        long sum = 0;
        for (Feed f : c.feeds) {
            sum += recorded.get(f.instance).get();
        }
        return sum;
    }

    /** Frames waiting in the GatewayTmFrameLink hand-off queues of the configuration (0 for stock). */
    private int backlog(Config c) {
        int sum = 0;
        for (Feed f : c.feeds) {
            Link l = tmLink(f.instance);
            if (l instanceof GatewayTmFrameLink g) {
                sum += g.backlog();
            }
        }
        return sum;
    }

    private long queueFull() {
        long sum = 0;
        for (StationStats st : NajmContext.running(StationGateway.class).allStats().values()) {
            sum += st.dropped(FrameDropReason.QUEUE_FULL);
        }
        return sum;
    }

    private long socketDrops(Config c) {
        long sum = 0;
        for (Feed f : c.feeds) {
            long d = UdpPort.kernelDrops(f.port);
            if (d < 0) {
                return -1;
            }
            sum += d;
        }
        return sum;
    }

    static Link tmLink(String instance) {
        YamcsServerInstance inst = YamcsServer.getServer().getInstance(instance);
        if (inst == null || inst.getLinkManager() == null) {
            return null;
        }
        return inst.getLinkManager().getLink("TM");
    }

    private static boolean isRunning(Link l) {
        return !(l instanceof Service s) || s.isRunning();
    }

    // ---------------------------------------------------------------- report

    private void summary(List<Config> configs, List<Map<String, ZeroLossSearch>> results) {
        report.line("# Summary over " + reps + " repetitions: the highest zero-loss rate found (to within "
                + Math.round(tolerance * 100) + " %) and the best rate delivered while sending (frames/s)");
        report.format("%-10s %-28s %8s %14s %-28s %8s", "config", "zero-loss per repetition", "median",
                "spread", "delivered per repetition", "median");
        Map<String, double[]> zeroLoss = new LinkedHashMap<>();
        Map<String, double[]> delivered = new LinkedHashMap<>();
        for (Config c : configs) {
            double[] z = new double[reps];
            double[] d = new double[reps];
            for (int rep = 0; rep < reps; rep++) {
                z[rep] = results.get(rep).get(c.name).zeroLossRate();
                for (RepStep rs : steps) {
                    if (rs.rep() == rep && rs.step().config().equals(c.name)) {
                        d[rep] = Math.max(d[rep], rs.step().delivered());
                    }
                }
            }
            zeroLoss.put(c.name, z);
            delivered.put(c.name, d);
            report.format("%-10s %-28s %8.0f %14s %-28s %8.0f", c.name, join(z), median(z), spread(z), join(d),
                    median(d));
        }
        report.line("");
        report.line("# Ratios, NAJM / stock, per repetition (both measured in it) and their median:");
        for (String[] pair : List.of(new String[] {"najm-1", "stock-1"},
                new String[] {configs.get(3).name, configs.get(2).name})) {
            double[] rz = ratios(zeroLoss.get(pair[0]), zeroLoss.get(pair[1]));
            double[] rd = ratios(delivered.get(pair[0]), delivered.get(pair[1]));
            report.format("# %s / %s: zero-loss %s -> median %.2f (spread %s); delivered %s -> median %.2f",
                    pair[0], pair[1], join2(rz), median(rz), spread2(rz), join2(rd), median(rd));
        }
        report.line("");
    }

    private double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = b[i] <= 0 ? Double.NaN : a[i] / b[i];
        }
        return r;
    }

    static double median(double[] v) {
        double[] m = v.clone();
        Arrays.sort(m);
        return m.length == 0 ? Double.NaN
                : m.length % 2 == 1 ? m[m.length / 2] : (m[m.length / 2 - 1] + m[m.length / 2]) / 2;
    }

    private static String spread(double[] v) {
        double[] m = v.clone();
        Arrays.sort(m);
        double med = median(v);
        return String.format("%.0f-%.0f (%s)", m[0], m[m.length - 1],
                med > 0 ? String.format("%.0f%%", 100 * (m[m.length - 1] - m[0]) / med) : "n/a");
    }

    private static String spread2(double[] v) {
        double[] m = v.clone();
        Arrays.sort(m);
        return String.format("%.2f-%.2f", m[0], m[m.length - 1]);
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : " ").append(Math.round(x));
        }
        return b.toString();
    }

    private static String join2(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : " ").append(String.format("%.2f", x));
        }
        return b.toString();
    }

    private static String ratio(double a, double b) {
        return b <= 0 ? "n/a" : String.format("%.2f", a / b);
    }

    /**
     * Once, after all measurements (a full-table count during ingest makes Yamcs drop frames): the tm table
     * holds every packet counted on the stream, and the parameter archive every packet's samples.
     */
    private void archiveCheck() {
        report.line("# Archive check after all runs (tm table rows and parameter archive samples of "
                + "/NAJM/battery_voltage vs BUS_HK packets counted on tm_realtime)");
        report.format("%-8s %12s %12s %14s %s", "instance", "counted", "tm rows", "PA samples", "verdict");
        for (Map.Entry<String, AtomicLong> e : recorded.entrySet()) {
            String inst = e.getKey();
            long counted = e.getValue().get();
            long rows = -1;
            try {
                StreamSqlResult r = YarchDatabase.getInstance(inst).execute("select count(*) from tm");
                if (r.hasNext()) {
                    Object v = r.next().getColumn(0);
                    rows = ((Number) v).longValue();
                }
                r.close();
            } catch (Exception ex) {
                System.err.println("tm count failed for " + inst + ": " + ex);
            }
            // The backfiller fills the parameter archive from the tm archive once the stream has been quiet.
            long samples = parameterArchiveSamples(inst, "/NAJM/battery_voltage");
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (samples >= 0 && samples < counted && System.nanoTime() < deadline) {
                BenchSupport.sleep(2000);
                samples = parameterArchiveSamples(inst, "/NAJM/battery_voltage");
            }
            String verdict = (rows == counted ? "tm ok" : "tm MISMATCH") + ", "
                    + (samples == counted ? "PA ok" : samples < 0 ? "PA n/a" : "PA MISMATCH");
            report.format("%-8s %12d %12d %14d %s", inst, counted, rows, samples, verdict);
        }
        report.format("# parameter-archive warnings logged during the whole run: %d; all WARNING+ log "
                + "records: %d", logs.parameterArchiveDrops.get(), logs.warnings.get());
        report.line("# gateway counters: " + NajmContext.running(StationGateway.class).allStats());
    }

    /** Samples of one parameter in the parameter archive (REST samples API, one bucket over all time). */
    private long parameterArchiveSamples(String instance, String parameter) {
        try {
            String stop = "2100-01-01T00:00:00Z"; // the probes' packet times run ahead of the clock
            int httpPort = yamcs.ports().httpPort();
            URI uri = URI.create("http://127.0.0.1:" + httpPort + "/api/archive/" + instance + "/parameters"
                    + parameter + "/samples?start=2000-01-01T00:00:00Z&stop=" + stop
                    + "&count=1&source=ParameterArchive");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                    .header("Authorization", BenchSupport.login(httpPort, "observer")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                System.err.println("samples " + instance + ": HTTP " + r.statusCode() + " " + r.body());
                return -1;
            }
            JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
            long n = 0;
            if (json.has("sample")) {
                for (var e : json.getAsJsonArray("sample")) {
                    n += e.getAsJsonObject().get("n").getAsLong();
                }
            }
            return n;
        } catch (Exception e) {
            System.err.println("samples " + instance + ": " + e);
            return -1;
        }
    }

    @Override
    public void close() {
        if (yamcs != null) {
            yamcs.close();
        }
    }

    // ---------------------------------------------------------------- data

    record Feed(String instance, int port) {
    }

    /** @param startRate the search's first rate and the warm-up rate, frames/s in total */
    record Config(String name, int startRate, List<Feed> feeds) {
    }

    /** A probe of one repetition. */
    record RepStep(int rep, IngestStep step) {
    }
}
