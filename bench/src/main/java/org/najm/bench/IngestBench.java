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
import org.najm.time.SimClock;
import org.najm.time.SimClocks;
import org.yamcs.YamcsServer;
import org.yamcs.YamcsServerInstance;
import org.yamcs.parameterarchive.ParameterArchive;
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
 * sustained with zero loss.
 *
 * <p>One embedded Yamcs server runs the NAJM configuration exactly as the product does
 * (StationGateway, four spacecraft instances from the template) plus one comparison instance
 * {@code stock} whose TM link is Yamcs' own {@code UdpTmFrameLink} with the same frame, VC,
 * packet preprocessor, MDB and archive services. A paced UDP sender offers pre-generated ICD
 * frames of BUS_HK packets at increasing rates to three configurations, interleaved so that noise
 * hits all of them: stock (one stream), NAJM one spacecraft, NAJM four spacecraft (four stations
 * at once, the rate being the total). See bench/README.md.
 */
public final class IngestBench implements BenchMain.Benchmark {

    /** BUS_HK APID: the only packets the benchmark sends and counts. */
    private static final int APID_BUS_HK = 100;
    private static final String STOCK = "stock";

    private final int seconds = BenchSupport.intProp("bench.seconds", 8);
    private final int warmupSeconds = BenchSupport.intProp("bench.warmupSeconds", 10);
    private final int drainTimeoutSeconds = BenchSupport.intProp("bench.drainTimeoutSeconds", 40);
    /** A rate passes only if the pipeline delivered at least this fraction of it while the sender was sending. */
    private final double keepUp = BenchSupport.doubleProp("bench.keepUp", 0.97);
    private final int[] rates1 = BenchSupport.intListProp("bench.rates1",
            "500,750,1000,1250,1500,1750,2000,2500,3000,4000,6000,8000");
    private final int[] rates4 = BenchSupport.intListProp("bench.rates4",
            "1000,1500,2000,2500,3000,3500,4000,5000,6000,8000,12000,16000");
    /** Consecutive failed rates after which a configuration stops climbing. */
    private final int stopAfterFails = BenchSupport.intProp("bench.stopAfterFails", 2);

    private Path repo;
    private EmbeddedYamcs yamcs;
    private int stockPort;
    private Constellation constellation;
    private BenchSupport.LogCounter logs;
    private Report report;
    private final Map<String, AtomicLong> recorded = new LinkedHashMap<>();
    private final Map<String, BusHkFrames> generators = new LinkedHashMap<>();
    private final List<IngestStep> steps = new ArrayList<>();

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
        // JIT warm-up: fresh JVMs lose data at high rates in the first ~20 s (shared/NOTES.md).
        for (Config c : configs) {
            IngestStep s = runStep(c, c.warmupRate, warmupSeconds);
            System.err.println("warm-up " + s.line());
        }
        report.line(IngestStep.header());
        int[] fails = new int[configs.size()];
        int levels = Math.max(rates1.length, rates4.length);
        for (int level = 0; level < levels; level++) {
            for (int ci = 0; ci < configs.size(); ci++) {
                Config c = configs.get(ci);
                if (level >= c.rates.length || fails[ci] >= stopAfterFails) {
                    continue;
                }
                IngestStep s = runStep(c, c.rates[level], seconds);
                steps.add(s);
                report.line(s.line());
                fails[ci] = s.pass() ? 0 : fails[ci] + 1;
            }
        }
        report.line("");
        summary(configs);
        archiveCheck();
        report.format("# total benchmark time %.0f s", (System.nanoTime() - t0) / 1e9);
    }

    /** Starts Yamcs from a generated etc/ = the repository's etc/ + the comparison instance. */
    private void startYamcs() throws Exception {
        yamcs = EmbeddedYamcs.prepare("najm-bench-ingest", EmbeddedYamcs.Ports.free());
        stockPort = FreePorts.udpBlock(1);
        Path etc = yamcs.workDir().resolve("etc");
        BenchSupport.copyTree(repo.resolve("etc"), etc);
        Files.writeString(etc.resolve("yamcs." + STOCK + ".yaml"), stockInstanceYaml(etc), StandardCharsets.UTF_8);
        Path yamcsYaml = etc.resolve("yamcs.yaml");
        String y = Files.readString(yamcsYaml);
        if (!y.contains("\ninstances: []")) {
            throw new IllegalStateException("etc/yamcs.yaml no longer has 'instances: []': update IngestBench");
        }
        Files.writeString(yamcsYaml, y.replace("\ninstances: []", "\ninstances: [" + STOCK + "]"));
        SimClocks.install(SimClock.realTime());
        yamcs.start(etc);

        constellation = NajmContext.constellation();
        List<String> instances = new ArrayList<>();
        instances.add(STOCK);
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
        generators.put(STOCK, new BusHkFrames(constellation.spacecraft().get(0).scid(), gps));
        for (Spacecraft sc : constellation.spacecraft()) {
            generators.put(sc.instance(), new BusHkFrames(sc.scid(), gps));
        }
    }

    /**
     * Counts the BUS_HK packets on an instance's tm_realtime. Subscribed last: streams call subscribers in order,
     * on the link thread, so when this one sees a packet the recorder (tm table) and the realtime processor
     * (XTCE -> parameter archive) already had it.
     */
    private static AtomicLong countBusHk(String instance) {
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
    private String stockInstanceYaml(Path etc) throws IOException {
        String t = Files.readString(etc.resolve("instance-templates/najm-spacecraft/template.yaml"));
        int scid = Constellation.load(repo.resolve("etc/constellation.yaml")).spacecraft().get(0).scid();
        t = t.replace("{{ spacecraft }}", "STOCK").replace("{{ scid }}", Integer.toString(scid))
                .replace("{{ partner }}", "none");
        Map<String, Object> cfg = new Yaml().load(t);
        List<Map<String, Object>> links = (List<Map<String, Object>>) cfg.get("dataLinks");
        Map<String, Object> tm = links.stream().filter(l -> "TM".equals(l.get("name"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("template has no TM link"));
        Map<String, Object> stockTm = new LinkedHashMap<>();
        stockTm.put("name", "TM");
        stockTm.put("class", "org.yamcs.tctm.ccsds.UdpTmFrameLink");
        stockTm.put("port", stockPort);
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
        Config stock = new Config("stock", rates1, 1000, List.of(new Feed(STOCK, stockPort)), false);
        Config najm1 = new Config("najm-1sc", rates1, 1000,
                List.of(new Feed(sc.get(0).instance(), tmPortBase)), true);
        List<Feed> four = new ArrayList<>();
        for (int i = 0; i < 4 && i < sc.size(); i++) {
            // each spacecraft through a different station: four decoders in parallel
            four.add(new Feed(sc.get(i).instance(), tmPortBase + i));
        }
        Config najm4 = new Config("najm-4sc", rates4, 2000, four, true);
        return List.of(stock, najm1, najm4);
    }

    // ---------------------------------------------------------------- one rate

    /** One configuration at one total rate: frames generated, sent paced, drained, and the counters compared. */
    private IngestStep runStep(Config c, int totalRate, int durationSeconds) throws IOException {
        int framesPerFeed = (int) Math.ceil((double) totalRate * durationSeconds / c.feeds.size());
        List<Integer> ports = new ArrayList<>();
        List<List<byte[]>> frames = new ArrayList<>();
        long sentPackets = 0;
        for (Feed f : c.feeds) {
            BusHkFrames.Batch b = generators.get(f.instance).generate(framesPerFeed);
            ports.add(f.port);
            frames.add(b.frames());
            sentPackets += b.packets();
        }
        Counters before;
        PacedSender.Sent sent;
        long recordedAtEnd;
        int maxBacklog;
        try (PacedSender sender = new PacedSender(ports, frames)) {
            frames.clear(); // the frames go with the sender, before the drain
            before = counters(c);
            sent = sender.send(totalRate, () -> backlog(c));
            recordedAtEnd = recordedSum(c);
            maxBacklog = Math.max(sent.maxBacklog(), backlog(c));
        }
        double drainSeconds = drain(c, before.recorded(), sentPackets);
        Counters counted = counters(c).since(before);
        IngestStep s = IngestStep.judge(c.name, totalRate, sentPackets, sent, recordedAtEnd - before.recorded(),
                counted, drainSeconds, maxBacklog, keepUp);
        // let the archive settle (segment writes, compactions) before the next configuration
        BenchSupport.sleep(1000);
        return s;
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
                logs.parameterArchiveDrops.get(), paParams(c));
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
            long d = BenchSupport.udpSocketDrops(f.port);
            if (d < 0) {
                return -1;
            }
            sum += d;
        }
        return sum;
    }

    private long paParams(Config c) {
        long sum = 0;
        for (Feed f : c.feeds) {
            YamcsServerInstance inst = YamcsServer.getServer().getInstance(f.instance);
            for (ParameterArchive pa : inst.getServices(ParameterArchive.class)) {
                if (pa.getRealtimeFiller() != null) {
                    sum += pa.getRealtimeFiller().getNumProcessedParameters();
                }
            }
        }
        return sum;
    }

    private static Link tmLink(String instance) {
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

    private void summary(List<Config> configs) {
        report.line("# Summary (highest offered rate that passed; delivered rate = best frames/s decoded and "
                + "archived while sending, over all rates tried)");
        report.format("%-10s %14s %14s %14s", "config", "max zero-loss", "first failure", "max delivered");
        Map<String, Double> best = new LinkedHashMap<>();
        Map<String, Double> deliveredMax = new LinkedHashMap<>();
        for (Config c : configs) {
            double maxPass = 0;
            int firstFail = -1;
            double maxDelivered = 0;
            for (IngestStep s : steps) {
                if (!s.config().equals(c.name)) {
                    continue;
                }
                if (s.pass()) {
                    maxPass = Math.max(maxPass, s.target());
                } else if (firstFail < 0) {
                    firstFail = s.target();
                }
                maxDelivered = Math.max(maxDelivered, s.delivered());
            }
            best.put(c.name, maxPass);
            deliveredMax.put(c.name, maxDelivered);
            report.format("%-10s %14.0f %14s %14.0f", c.name, maxPass, firstFail < 0 ? "none" : firstFail,
                    maxDelivered);
        }
        double stock = best.get("stock");
        double stockDel = deliveredMax.get("stock");
        report.line("");
        report.format("# ratio zero-loss  NAJM-1sc / stock = %s   (target >= 1.0)",
                ratio(best.get("najm-1sc"), stock));
        report.format("# ratio zero-loss  NAJM-4sc / stock = %s   (target >= 2.0)",
                ratio(best.get("najm-4sc"), stock));
        report.format("# ratio delivered  NAJM-1sc / stock = %s,  NAJM-4sc / stock = %s",
                ratio(deliveredMax.get("najm-1sc"), stockDel), ratio(deliveredMax.get("najm-4sc"), stockDel));
        report.line("");
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
            String stop = Instant.now().plus(Duration.ofDays(2)).toString();
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

    record Config(String name, int[] rates, int warmupRate, List<Feed> feeds, boolean najm) {
    }
}
