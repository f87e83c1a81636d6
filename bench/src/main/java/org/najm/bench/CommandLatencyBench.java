package org.najm.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.najm.commanding.BaselineReleaseLink;
import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.gateway.StationGateway;
import org.najm.orekit.OrekitData;
import org.najm.simulator.Simulator;
import org.najm.testing.FreePass;
import org.najm.time.SimClock;
import org.najm.time.SimClocks;
import org.yamcs.YamcsServer;
import org.yamcs.client.CommandSubscription;
import org.yamcs.client.YamcsClient;
import org.yamcs.protobuf.Commanding.CommandHistoryAttribute;
import org.yamcs.protobuf.Commanding.CommandHistoryEntry;
import org.yamcs.protobuf.SubscribeCommandsRequest;
import org.yamcs.tctm.Link;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Command latency: wall time from just before the REST call that issues a command to the moment a
 * client sees {@code CommandComplete_Status = OK} in the command history, through the whole real
 * chain (Yamcs, TC link with COP-1, CLTU over UDP, simulated station and spacecraft, TC_ACK telemetry
 * back through the gateway, stage verifiers) at simulation rate 1.
 *
 * <p>Completion is observed on a Yamcs websocket command-history subscription (yamcs-client), or,
 * with {@code -Dbench.observe=poll}, by polling {@code GET /api/archive/{instance}/commands/{id}}.
 *
 * <p>A/B in one run: every command goes either the product's way (arm {@code authority}: the partner command
 * authority decides, writes command history and the audit trail) or the baseline's ({@code baseline}: the
 * benchmark's {@link BaselineReleaseLink}, placed before AUTHORITY in the benchmark's copy of the template,
 * releases it with no check), switched between commands in the order A B B A, on one server, one contact and
 * one login (a bearer token taken once). Failed commands are kept: counted per arm with their time to failure
 * and reasons, never dropped.
 */
public final class CommandLatencyBench implements BenchMain.Benchmark {

    private static final String SUBJECT = "NAJM-1";
    private static final String BASELINE_LINK = "BASELINE";
    private static final String AUTHORITY_LINK = "  - name: AUTHORITY\n";
    private static final String[] ARMS = { "baseline", "authority" };

    private final int commands = BenchSupport.intProp("bench.commands", 100);
    private final int warmupCommands = BenchSupport.intProp("bench.warmupCommands", 5);
    private final int leadSeconds = BenchSupport.intProp("bench.leadSeconds", 60);
    private final int pollMillis = BenchSupport.intProp("bench.pollMillis", 3);
    private final boolean poll = "poll".equals(BenchSupport.stringProp("bench.observe", "websocket"));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** command id -> [nanoTime when completion was seen, 1 if OK else 0] */
    private final Map<String, long[]> completions = new ConcurrentHashMap<>();
    private final Map<String, String> failureMessages = new ConcurrentHashMap<>();

    private EmbeddedYamcs yamcs;
    private Simulator simulator;
    private YamcsClient client;
    private String api;
    /** The Authorization header of an operator of the commanded spacecraft's partner. */
    private String authorization;
    private String instance;

    public static void main(String[] args) {
        BenchMain.run("command-latency", Report.Echo.AS_WRITTEN, new CommandLatencyBench());
    }

    @Override
    public void run(Report report) throws Exception {
        Path repo = BenchSupport.repoRoot();
        BenchSupport.installLogging();
        OrekitData.context();
        long t0 = System.nanoTime();

        EmbeddedYamcs.Ports ports = EmbeddedYamcs.Ports.free();
        int httpPort = ports.httpPort();
        Constellation constellation = ports.constellation(repo);
        Spacecraft subject = constellation.spacecraftByName(SUBJECT).orElseThrow();
        instance = subject.instance();
        Duration lead = Duration.ofSeconds(leadSeconds);
        FreePass chosen = FreePass.find(constellation, subject, Duration.ofMinutes(8), lead, (st, p) -> true);
        SimClock clock = SimClock.startingNow(chosen.pass().aos().minus(lead), 1);
        SimClocks.install(clock);

        yamcs = EmbeddedYamcs.prepare("najm-bench-cmd", ports);
        yamcs.start(repo.resolve("etc"), false, CommandLatencyBench::withBaseline);
        simulator = Simulator.start(constellation, clock);
        api = "http://127.0.0.1:" + httpPort + "/api";
        String operator = constellation.partner(subject.partner()).orElseThrow().operators().get(0);
        authorization = BenchSupport.login(httpPort, operator);

        report.line("# NAJM command latency benchmark  " + Instant.now());
        report.line("# " + BenchSupport.environment());
        report.format("# %s over %s, pass AOS %s LOS %s (max el %.0f deg), sim rate 1, "
                + "clock started %d s before AOS", SUBJECT, chosen.station().name(), chosen.pass().aos(),
                chosen.pass().los(), chosen.pass().maxElevationDeg(), leadSeconds);
        report.line("# latency = wall time from just before POST /api/processors/" + instance
                + "/realtime/commands/NAJM/<cmd> to CommandComplete_Status seen by the client ("
                + (poll ? "REST polling of /api/archive/" + instance + "/commands/{id} every " + pollMillis + " ms"
                        : "websocket command-history subscription, yamcs-client")
                + "); commands issued one after the other, as " + operator + " (bearer token taken once), each"
                + " through arm 'authority' (the product's AUTHORITY link) or 'baseline' (released with no check), in"
                + " the order A B B A");

        if (!poll) {
            client = YamcsClient.newBuilder("127.0.0.1", httpPort).build();
            client.login(operator, BenchSupport.DEMO_PASSWORD.toCharArray());
            client.connectWebSocket();
            CommandSubscription sub = client.createCommandSubscription();
            sub.addMessageListener(this::onCommandHistory);
            sub.sendMessage(SubscribeCommandsRequest.newBuilder().setInstance(instance).setProcessor("realtime")
                    .setIgnorePastCommands(true).build());
        }

        // Contact: the station forwards the subject's frames and the gateway routes them.
        long waitUntil = System.nanoTime() + Duration.ofSeconds(leadSeconds + 90).toNanos();
        while (NajmContext.running(StationGateway.class).stats(chosen.station().id()).routed() == 0) {
            if (System.nanoTime() > waitUntil) {
                throw new IllegalStateException("no TM of " + SUBJECT + " from " + chosen.station().name());
            }
            BenchSupport.sleep(200);
        }
        System.err.println("contact: frames of " + SUBJECT + " arriving through " + chosen.station().name());
        // Commanding ready (COP-1 initialised from the first CLCWs): a NOOP completes OK.
        long readyUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            Result r = issue("NOOP", "{}");
            if (r.ok) {
                break;
            }
            if (System.nanoTime() > readyUntil) {
                throw new IllegalStateException("commanding never became available: " + r.message);
            }
            BenchSupport.sleep(1000);
        }
        Link baseline = YamcsServer.getServer().getInstance(instance).getLinkManager().getLink(BASELINE_LINK);
        for (int i = 0; i < warmupCommands; i++) {
            for (String arm : ARMS) {
                use(baseline, arm);
                issue("NOOP", "{}");
                issue("PING", "{\"token\": " + (1_000_000 + i) + "}");
            }
        }

        report.line("");
        report.format("%-5s %-9s %5s %6s %9s %9s %9s %9s %9s %9s %9s", "cmd", "arm", "ok", "failed", "min ms",
                "median", "p90", "p99", "max", "mean", "POST ms");
        List<String> failures = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        for (String cmd : List.of("NOOP", "PING")) {
            Map<String, List<Result>> results = new LinkedHashMap<>();
            for (String arm : ARMS) {
                results.put(arm, new ArrayList<>());
            }
            for (int i = 0; i < 2 * commands; i++) {
                // A B B A: neither arm always goes first after a switch
                String arm = ARMS[(i % 4 == 0 || i % 4 == 3) ? 0 : 1];
                use(baseline, arm);
                String args = cmd.equals("PING") ? "{\"token\": " + (2_000_000 + i) + "}" : "{}";
                results.get(arm).add(issue(cmd, args));
            }
            for (String arm : ARMS) {
                List<Result> rs = results.get(arm);
                report.line(stats(cmd, arm, rs));
                List<Result> failed = rs.stream().filter(r -> !r.ok).toList();
                if (!failed.isEmpty()) {
                    double[] t = failed.stream().mapToDouble(Result::latencyMs).sorted().toArray();
                    failures.add(String.format("%s %s: %d failed, time to failure median %.1f ms, max %.1f ms;"
                            + " first reasons: %s", cmd, arm, failed.size(), percentile(t, 50), t[t.length - 1],
                            failed.stream().limit(3).map(Result::message).toList()));
                }
            }
            double a = medianOk(results.get(ARMS[0]));
            double b = medianOk(results.get(ARMS[1]));
            ratios.add(String.format("%s: authority / baseline median = %.1f / %.1f ms = %.2f (%+.1f ms)", cmd, b, a,
                    b / a, b - a));
        }
        report.line("");
        ratios.forEach(r -> report.line("# " + r));
        report.line(failures.isEmpty() ? "# failed commands: none" : "# failed commands (kept, not in the latency"
                + " columns, which are of completed commands):");
        failures.forEach(f -> report.line("#   " + f));
        report.line("");
        report.format("# simulated time at the end %s (LOS %s); total benchmark time %.0f s", clock.now(),
                chosen.pass().los(), (System.nanoTime() - t0) / 1e9);
    }

    /** Arm 'baseline': the baseline link enabled (it takes every command); 'authority': disabled (it steps aside). */
    private static void use(Link baseline, String arm) {
        if (arm.equals(ARMS[0])) {
            baseline.enable();
        } else {
            baseline.disable();
        }
    }

    /** The instance template with the baseline link inserted before AUTHORITY, disabled. */
    private static String withBaseline(String template) {
        if (!template.contains(AUTHORITY_LINK)) {
            throw new IllegalStateException("the template has no AUTHORITY link: update CommandLatencyBench");
        }
        return template.replace(AUTHORITY_LINK, "  - name: " + BASELINE_LINK + "\n    class: "
                + BaselineReleaseLink.class.getName() + "\n    stream: tc_realtime\n    enabledAtStartup: false\n"
                + AUTHORITY_LINK);
    }

    private static double medianOk(List<Result> rs) {
        double[] a = rs.stream().filter(Result::ok).mapToDouble(Result::latencyMs).sorted().toArray();
        return a.length == 0 ? Double.NaN : percentile(a, 50);
    }

    private record Result(boolean ok, double latencyMs, double postMs, String message) {
    }

    /** Issues one command and waits for its completion; never throws for a command failure. */
    private Result issue(String cmd, String argsJson) {
        long start = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(URI.create(api + "/processors/" + instance + "/realtime/commands/NAJM/"
                    + cmd)).header("Content-Type", "application/json").header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(20))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"args\": " + argsJson + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return new Result(false, (System.nanoTime() - start) / 1e6, 0, "POST failed: " + e);
        }
        long posted = System.nanoTime();
        if (r.statusCode() != 200) {
            return new Result(false, (posted - start) / 1e6, (posted - start) / 1e6,
                    "HTTP " + r.statusCode() + ": " + r.body());
        }
        String id = JsonParser.parseString(r.body()).getAsJsonObject().get("id").getAsString();
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            long[] c = poll ? pollHistory(id) : completions.get(id);
            if (c != null) {
                completions.remove(id);
                double ms = (c[0] - start) / 1e6;
                return new Result(c[1] == 1, ms, (posted - start) / 1e6,
                        c[1] == 1 ? "" : id + ": " + failureMessages.getOrDefault(id, "completion not OK"));
            }
            if (poll) {
                BenchSupport.sleep(pollMillis);
            } else {
                Thread.onSpinWait();
                LockSupport.parkNanos(100_000);
            }
        }
        return new Result(false, (System.nanoTime() - start) / 1e6, (posted - start) / 1e6,
                id + ": no completion within 30 s");
    }

    private void onCommandHistory(CommandHistoryEntry e) {
        long now = System.nanoTime();
        for (CommandHistoryAttribute a : e.getAttrList()) {
            if (a.getName().equals("CommandComplete_Status")) {
                boolean ok = "OK".equals(a.getValue().getStringValue());
                completions.putIfAbsent(e.getId(), new long[] { now, ok ? 1 : 0 });
            } else if (a.getName().equals("CommandComplete_Message")) {
                failureMessages.put(e.getId(), a.getValue().getStringValue());
            }
        }
    }

    private long[] pollHistory(String id) {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create(api + "/archive/" + instance + "/commands/"
                    + URLEncoder.encode(id, StandardCharsets.UTF_8))).header("Authorization", authorization)
                    .GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            long now = System.nanoTime();
            if (r.statusCode() != 200) {
                return null;
            }
            JsonObject json = JsonParser.parseString(r.body()).getAsJsonObject();
            if (!json.has("attr")) {
                return null;
            }
            for (JsonElement el : json.getAsJsonArray("attr")) {
                JsonObject a = el.getAsJsonObject();
                if (a.get("name").getAsString().equals("CommandComplete_Status")) {
                    JsonObject v = a.getAsJsonObject("value");
                    boolean ok = v.has("stringValue") && "OK".equals(v.get("stringValue").getAsString());
                    return new long[] { now, ok ? 1 : 0 };
                }
            }
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** One row: the completed commands' latencies; failed ones counted (their times are reported apart). */
    private static String stats(String cmd, String arm, List<Result> rs) {
        double[] a = rs.stream().filter(Result::ok).mapToDouble(Result::latencyMs).sorted().toArray();
        int failed = rs.size() - a.length;
        if (a.length == 0) {
            return String.format("%-5s %-9s %5d %6d  (no successful command)", cmd, arm, 0, failed);
        }
        double mean = Arrays.stream(a).average().orElse(0);
        double postMedian = percentile(rs.stream().filter(Result::ok).mapToDouble(Result::postMs).sorted()
                .toArray(), 50);
        return String.format("%-5s %-9s %5d %6d %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f %9.1f", cmd, arm, a.length,
                failed, a[0], percentile(a, 50), percentile(a, 90), percentile(a, 99), a[a.length - 1], mean,
                postMedian);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
