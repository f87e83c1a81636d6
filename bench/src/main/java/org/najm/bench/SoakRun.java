package org.najm.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.najm.constellation.Constellation;
import org.najm.simulator.Simulator;
import org.najm.simulator.archive.ArchiveStandIn;
import org.najm.simulator.spacecraft.SpacecraftSim;
import org.najm.simulator.spacecraft.SpacecraftSnapshot;
import org.najm.simulator.station.ContactScheduleClient;
import org.najm.simulator.station.PlanFollowingPolicy;
import org.najm.simulator.station.StationSim;
import org.najm.testing.FreePorts;
import org.najm.testing.MocProcess;
import org.najm.time.SimClock;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * One lights-out soak: the MOC in a process of its own (as {@code ./run.sh} starts it), the simulator and the
 * archive stand-in in this JVM, all four spacecraft in routine operations, nobody commanding. Over the span
 * (mission time), faults on a schedule (fractions of the span, as over 24 hours): a station lost in the middle
 * of a contact at 3 h, the archive failing (HTTP 500) for one hour from 7 h, the MOC killed with SIGKILL during
 * a contact at 12 h and restarted at once, 1 % of the frames corrupted on every station for two hours from 18 h.
 * At the end of the span the telescopes stop, and the run goes on until everything made onboard has reached
 * the archive (or the drain limit): then it counts.
 */
final class SoakRun implements AutoCloseable {

    /**
     * @param drainLimit mission time after the span for what is onboard to come down and reach the archive; the
     *                   drain lasts {@link #DRAIN_WALL_MIN} of wall time at least (the MOC's delivery retries back
     *                   off in wall time)
     */
    record Options(double rate, Duration span, boolean faults, Duration drainLimit) {
    }

    static final Duration DRAIN_WALL_MIN = Duration.ofMinutes(4);

    private static final Instant START = Instant.parse("2026-11-20T02:00:00Z");
    private static final Duration FILL_SAMPLE = Duration.ofMinutes(5);
    /** The MOC's heap by class every so much mission time (a full GC in the MOC each time). */
    static final Duration HEAP_SAMPLE = Duration.ofHours(2);
    private static final Duration HEAP_FIRST = Duration.ofMinutes(30);
    private static final long WALL_POLL_MS = 250;

    private final Options options;
    private final Path work;
    private final SoakFigures figures = new SoakFigures();
    private final Map<String, JsonObject> planned = new LinkedHashMap<>();
    private final List<Runnable> closers = new ArrayList<>();
    private SimClock clock;
    private MocProcess moc;
    private Simulator simulator;
    private SoakHttp http;
    private double cpuOfEarlierLives;
    /** Counts the MOC's restarts: heap samples compare within one life. */
    private int mocLife;

    SoakRun(Options options, Path work) {
        this.options = options;
        this.work = work;
    }

    SoakFigures run() throws Exception {
        Constellation base = Constellation.load(Constellation.DEFAULT_PATH);
        int tmBase = FreePorts.udpBlock(5);
        int tcBase = FreePorts.udpBlock(5);
        int httpPort = FreePorts.tcp();
        Constellation constellation = base.withTransport(base.transport().withPortBases(tmBase, tcBase));
        Files.createDirectories(work);
        Path dataDir = Files.createTempDirectory("najm-soak-yamcs");
        closers.add(() -> BenchSupport.deleteTree(dataDir));
        ArchiveStandIn archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", FreePorts.tcp()),
                work.resolve("archive"));
        closers.add(archive::close);
        http = new SoakHttp(httpPort, archive.port());

        clock = SimClock.startingNow(START, options.rate());
        long wallStart = System.nanoTime();
        moc = MocProcess.start(new MocProcess.Setup(httpPort, tmBase, tcBase, dataDir, "http://127.0.0.1:"
                + archive.port() + "/submit", clock.toEnvironment(), work.resolve("moc.log")), Duration.ofMinutes(3));
        ContactScheduleClient schedule = new ContactScheduleClient(URI.create("http://127.0.0.1:" + httpPort
                + "/api/najm/contacts"), "observer", BenchSupport.DEMO_PASSWORD, constellation, clock);
        schedule.start(Duration.ofMillis(500));
        closers.add(0, schedule::close);
        simulator = Simulator.start(constellation, clock, new Simulator.Options().policy(new PlanFollowingPolicy(
                schedule)).seed(1).routineOps(true));
        closers.add(0, simulator::close);
        awaitAutomation();

        Instant t0 = clock.now();
        Instant end = t0.plus(options.span());
        figures.rate = options.rate();
        figures.spanHours = options.span().toMinutes() / 60.0;
        figures.faults = options.faults();
        progress("window " + t0 + " .. " + end + " at rate " + options.rate());
        FaultSchedule faults = new FaultSchedule(t0);
        Instant nextFill = t0;
        long nextPlanPoll = 0;
        long nextRss = 0;
        Instant nextHeap = t0.plus(HEAP_FIRST);
        while (clock.now().isBefore(end)) {
            Instant now = clock.now();
            if (options.faults()) {
                faults.step(now);
            }
            if (!now.isBefore(nextFill)) {
                sampleFills();
                nextFill = now.plus(FILL_SAMPLE);
            }
            long wall = System.currentTimeMillis();
            if (wall >= nextPlanPoll) {
                pollPlan();
                nextPlanPoll = wall + 30_000;
            }
            if (wall >= nextRss && moc.isAlive()) {
                figures.mocMaxRssMib = Math.max(figures.mocMaxRssMib, moc.residentMib());
                nextRss = wall + 10_000;
            }
            if (!now.isBefore(nextHeap) && moc.isAlive()) {
                sampleHeap(now);
                nextHeap = now.plus(HEAP_SAMPLE);
            }
            Thread.sleep(WALL_POLL_MS);
        }
        for (SpacecraftSim sc : simulator.allSpacecraft()) {
            sc.endSurvey().get();
        }
        progress("telescopes stopped at " + clock.now() + "; draining");
        drain(end.plus(options.drainLimit()), System.nanoTime() + DRAIN_WALL_MIN.toNanos());
        figures.wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        count(t0, end);
        figures.mocCpuSeconds = cpuOfEarlierLives + moc.cpuSeconds();
        figures.mocEndRssMib = moc.residentMib();
        sampleHeap(clock.now());
        return figures;
    }

    /** The MOC's live heap by class and its resident memory, with the contacts reported so far. */
    private void sampleHeap(Instant now) {
        try {
            int contacts = http.moc("/najm/contact-reports?limit=1000").getAsJsonArray("reports").size();
            figures.heap.add(new SoakFigures.HeapSample(now, mocLife, contacts, moc.residentMib(),
                    HeapHistogram.of(moc.pid())));
        } catch (Exception e) {
            progress("heap sample failed: " + e);
        }
    }

    // ------------------------------------------------------------------------------------------ faults

    /** The faults of the run, each at its fraction of the span, fired as mission time passes. */
    private final class FaultSchedule {
        private final Instant t0;
        private final Set<String> done = new HashSet<>();
        private Instant archiveBackAt;
        private Instant corruptionEndsAt;
        private Instant killAt;

        FaultSchedule(Instant t0) {
            this.t0 = t0;
        }

        void step(Instant now) throws Exception {
            if (once(now, 3, "station")) {
                nextContact(now).ifPresent(c -> {
                    Instant aos = Instant.parse(c.get("aos").getAsString());
                    Instant los = Instant.parse(c.get("los").getAsString());
                    Instant from = aos.plusSeconds(120);
                    Instant to = los.minusSeconds(30).isBefore(aos.plusSeconds(300)) ? los.minusSeconds(30)
                            : aos.plusSeconds(300);
                    StationSim st = station(c.get("station").getAsString());
                    st.addOutage(from, to);
                    log("station " + st.station().name() + " lost " + from + " .. " + to + ", in the contact of "
                            + c.get("spacecraft").getAsString() + " " + aos + " .. " + los);
                });
            }
            if (once(now, 7, "archive")) {
                http.archive("POST", "/control/failure", "{\"mode\": \"HTTP_500\"}");
                archiveBackAt = now.plus(scaled(Duration.ofHours(1)));
                log("archive failing (HTTP 500) " + now + " .. " + archiveBackAt);
            }
            if (archiveBackAt != null && !now.isBefore(archiveBackAt)) {
                http.archive("DELETE", "/control/failure", null);
                archiveBackAt = null;
            }
            if (once(now, 12, "moc")) {
                killAt = nextContact(now).map(c -> Instant.parse(c.get("aos").getAsString()).plusSeconds(60))
                        .orElse(now);
            }
            if (killAt != null && !now.isBefore(killAt)) {
                killAt = null;
                cpuOfEarlierLives += moc.cpuSeconds();
                moc.kill();
                Instant killed = clock.now();
                moc.restart(Duration.ofMinutes(3));
                mocLife++;
                log("MOC killed (SIGKILL) at " + killed + " in a contact, restarted (serving again at "
                        + clock.now() + ")");
            }
            if (once(now, 18, "corruption")) {
                simulator.allStations().forEach(s -> s.setCorruption(0.01));
                corruptionEndsAt = now.plus(scaled(Duration.ofHours(2)));
                log("1 % of the frames corrupted on every station " + now + " .. " + corruptionEndsAt);
            }
            if (corruptionEndsAt != null && !now.isBefore(corruptionEndsAt)) {
                simulator.allStations().forEach(s -> s.setCorruption(0));
                corruptionEndsAt = null;
            }
        }

        /** True once, when mission time reaches {@code hour} of 24 (scaled to the span). */
        private boolean once(Instant now, int hour, String name) {
            if (done.contains(name) || now.isBefore(t0.plus(scaled(Duration.ofHours(hour))))) {
                return false;
            }
            done.add(name);
            return true;
        }

        private Duration scaled(Duration ofADay) {
            return Duration.ofMillis((long) (ofADay.toMillis() * (options.span().toMillis() / 86_400_000.0)));
        }
    }

    private Optional<JsonObject> nextContact(Instant after) {
        pollPlan();
        return planned.values().stream().filter(c -> Instant.parse(c.get("aos").getAsString()).isAfter(after))
                .min(Comparator.comparing(c -> Instant.parse(c.get("aos").getAsString())));
    }

    private StationSim station(String name) {
        return simulator.allStations().stream().filter(s -> s.station().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no station " + name));
    }

    private void log(String fault) {
        figures.faultLog.add(fault);
        progress("fault: " + fault);
    }

    // ------------------------------------------------------------------------------------------ sampling

    private void awaitAutomation() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.moc("/najm/automation").getAsJsonArray("spacecraft").size() == 4) {
                    return;
                }
            } catch (IOException e) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the MOC's contact automation did not start: see " + work);
    }

    /** Remembers every contact of the plans the MOC publishes (a replan replaces a contact of the same start). */
    private void pollPlan() {
        try {
            for (JsonElement e : http.moc("/najm/contacts").getAsJsonArray("contacts")) {
                JsonObject c = e.getAsJsonObject();
                long minute = Instant.parse(c.get("aos").getAsString()).getEpochSecond() / 60;
                planned.put(c.get("spacecraft").getAsString() + "|" + c.get("station").getAsString() + "|" + minute, c);
            }
        } catch (IOException e) {
            // the MOC is restarting: the next poll
        }
    }

    private List<SpacecraftSnapshot> snapshots() throws Exception {
        List<SpacecraftSnapshot> out = new ArrayList<>();
        for (SpacecraftSim sc : simulator.allSpacecraft()) {
            out.add(sc.snapshot().get());
        }
        return out;
    }

    private void sampleFills() throws Exception {
        for (SpacecraftSnapshot s : snapshots()) {
            figures.maxScienceFill = Math.max(figures.maxScienceFill, s.science().fillOctets()
                    / (double) s.science().capacityOctets());
            figures.maxHkFill = Math.max(figures.maxHkFill, s.hk().fillOctets() / (double) s.hk().capacityOctets());
        }
    }

    /** Until no detection is onboard nor waiting on ground, or both limits pass. */
    private void drain(Instant limit, long wallLimitNanos) throws Exception {
        long nextCheck = 0;
        while (clock.now().isBefore(limit) || System.nanoTime() < wallLimitNanos) {
            if (System.currentTimeMillis() >= nextCheck) {
                sampleFills();
                long onboard = snapshots().stream().mapToLong(s -> s.science().packets()).sum();
                long waiting = awaitingOnGround();
                if (onboard == 0 && waiting == 0) {
                    progress("drained at " + clock.now());
                    return;
                }
                nextCheck = System.currentTimeMillis() + 5_000;
            }
            Thread.sleep(WALL_POLL_MS);
        }
        progress("drain limit reached at " + clock.now());
    }

    private long awaitingOnGround() {
        try {
            long n = 0;
            for (JsonElement e : http.moc("/najm/accountability").getAsJsonArray("spacecraft")) {
                JsonObject a = e.getAsJsonObject();
                n += get(a, "awaitingTracklet") + get(a, "awaitingArchive");
            }
            return n;
        } catch (IOException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------ counting

    private void count(Instant t0, Instant end) throws Exception {
        for (SpacecraftSnapshot s : snapshots()) {
            figures.madeOnboard += s.detectionsTotal();
            figures.stillOnboard += s.science().packets();
            figures.overflowDropped += s.science().droppedOverflow() + s.hk().droppedOverflow();
        }
        for (JsonElement e : http.moc("/najm/accountability").getAsJsonArray("spacecraft")) {
            JsonObject a = e.getAsJsonObject();
            figures.received += get(a, "receivedOnGround");
            figures.inAdes += get(a, "inAdes");
            figures.acknowledged += get(a, "acknowledged");
            figures.freed += get(a, "freedOnboard");
            figures.awaitingOnGround += get(a, "awaitingTracklet") + get(a, "awaitingArchive");
        }
        pollPlan();
        figures.contactsPlanned = (int) planned.values().stream().map(c -> Instant.parse(c.get("aos").getAsString()))
                .filter(aos -> !aos.isBefore(t0) && aos.isBefore(end)).count();
        for (SpacecraftSim sc : simulator.allSpacecraft()) {
            JsonObject r = http.moc("/najm/contact-reports?limit=1000&spacecraft=" + sc.name() + "&start=" + t0
                    + "&stop=" + end);
            if (r.has("reports")) {
                for (JsonElement e : r.getAsJsonArray("reports")) {
                    JsonObject c = e.getAsJsonObject();
                    String outcome = c.get("outcome").getAsString();
                    figures.outcomes.merge(outcome, 1, Integer::sum);
                    if (!outcome.equals("COMPLETE")) {
                        figures.notComplete.add(outcome + " " + c.get("spacecraft").getAsString() + " at "
                                + c.get("station").getAsString() + " " + c.get("plannedAos").getAsString() + ": "
                                + (c.has("reason") ? c.get("reason").getAsString() : ""));
                    }
                }
            }
        }
        countArchive();
    }

    /** Distinct observations (trkSub, obsTime) in the stand-in, duplicates, and each one's latency. */
    private void countArchive() throws IOException {
        Set<String> fastLane = new HashSet<>();
        JsonObject tracklets = http.moc("/najm/science/tracklets");
        if (tracklets.has("tracklets")) {
            for (JsonElement e : tracklets.getAsJsonArray("tracklets")) {
                JsonObject t = e.getAsJsonObject();
                if (t.has("lane") && t.get("lane").getAsString().equals("FAST") && t.has("trkSub")) {
                    fastLane.add(t.get("trkSub").getAsString());
                }
            }
        }
        Map<String, Integer> seen = new HashMap<>();
        JsonObject all = JsonParser.parseString(http.archive("GET", "/submissions", null)).getAsJsonObject();
        for (JsonElement e : all.getAsJsonArray("submissions")) {
            JsonObject s = e.getAsJsonObject();
            figures.submissions++;
            long receivedMission = clock.toSimMillis(Instant.parse(s.get("received").getAsString()).toEpochMilli());
            String xml = http.archive("GET", "/submissions/" + s.get("id").getAsString(), null);
            for (String optical : xml.split("<optical>")) {
                String trk = element(optical, "trkSub");
                String obsTime = element(optical, "obsTime");
                if (trk == null || obsTime == null) {
                    continue;
                }
                if (seen.merge(trk + "|" + obsTime, 1, Integer::sum) == 1) {
                    double latency = (receivedMission - Instant.parse(obsTime).toEpochMilli()) / 1000.0;
                    figures.latencySeconds.add(latency);
                    (fastLane.contains(trk) ? figures.fastLaneLatencySeconds : figures.batchLatencySeconds)
                            .add(latency);
                }
            }
        }
        figures.archived = seen.size();
        figures.duplicated = seen.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    }

    private static String element(String xml, String name) {
        int from = xml.indexOf("<" + name + ">");
        int to = xml.indexOf("</" + name + ">");
        return from < 0 || to < from ? null : xml.substring(from + name.length() + 2, to).trim();
    }

    private static long get(JsonObject o, String field) {
        return o.has(field) ? o.get(field).getAsLong() : 0;
    }

    private void progress(String line) {
        System.err.println("[soak rate " + options.rate() + "] " + line);
    }

    @Override
    public void close() {
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
                System.err.println("soak: while stopping: " + e);
            }
        }
    }
}
