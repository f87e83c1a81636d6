package org.najm.contacts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.najm.constellation.Constellation;
import org.najm.context.NajmContext;
import org.najm.orekit.OrekitData;
import org.najm.passes.SpacecraftTle;
import org.najm.passes.Pass;
import org.najm.passes.PassPredictor;
import org.najm.passes.TleParser;
import org.najm.planning.Contact;
import org.najm.planning.ContactPlan;
import org.najm.planning.ContactPlanner;
import org.najm.planning.PlanningParameters;
import org.najm.planning.PlanningRequest;
import org.najm.planning.Unavailability;
import org.najm.time.SimClocks;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The constellation's contact plan, a global service: TLEs in force, passes of every spacecraft
 * over every station predicted with Orekit over the horizon, the conflict-free plan, and its
 * timeline items. Re-plans when a TLE changes, when a station becomes unavailable, on request, and
 * at a fixed cadence of simulated time as the horizon rolls; contacts under way are never changed.
 */
public class ContactPlanService extends AbstractYamcsService {

    /** What one planning run produced. */
    public record Snapshot(Instant generated, String trigger, Instant horizonStart, Instant horizonStop,
            List<Pass> passes, ContactPlan plan) {
    }

    private Constellation constellation;
    private TleCatalog tles;
    private Duration horizon;
    private Duration replanInterval;
    private PlanningParameters parameters;
    private PassPredictor predictor;
    private ScienceFill scienceFill;
    private ContactTimeline timeline;
    private UnavailabilityLog unavailability;
    private final ContactPlanner planner = new ContactPlanner();
    private final ScheduledExecutorService executor = daemonThread("najm-contact-plan");
    /** Timeline writes are slow (one archive record per item): they follow the plan, off its path. */
    private final ScheduledExecutorService timelineWriter = daemonThread("najm-contact-timeline");
    private final CompletableFuture<Snapshot> firstPlan = new CompletableFuture<>();
    private volatile Snapshot snapshot;
    /** The latest plan written to the timelines, and what that changed there. */
    private volatile TimelineWrite lastTimelineWrite;

    /** A plan written to the timelines ({@code generated}: its snapshot's time) and what that did to their items. */
    public record TimelineWrite(Instant generated, int added, int removed, int unchanged) {
    }

    private static ScheduledExecutorService daemonThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory(name, true));
    }

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("horizonDays", OptionType.INTEGER).withDefault(7);
        spec.addOption("replanIntervalMinutes", OptionType.INTEGER).withDefault(60)
                .withDescription("Re-plan every so many minutes of simulated time as the horizon rolls");
        spec.addOption("predictionStepSeconds", OptionType.FLOAT).withDefault(PassPredictor.DEFAULT_STEP_S);
        spec.addOption("minimumContactSeconds", OptionType.INTEGER).withDefault(240);
        spec.addOption("handover", OptionType.BOOLEAN).withDefault(true);
        spec.addOption("scienceStoreOctets", OptionType.INTEGER).withDefault(64 * 1024 * 1024);
        spec.addOption("tleFile", OptionType.STRING)
                .withDescription("TLE history file (default: <dataDir>/najm/tle-history.txt)");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        constellation = NajmContext.constellation();
        var ctx = OrekitData.context();
        horizon = Duration.ofDays(config.getInt("horizonDays"));
        replanInterval = Duration.ofMinutes(config.getInt("replanIntervalMinutes"));
        parameters = PlanningParameters.DEFAULT
                .withMinimumContact(Duration.ofSeconds(config.getInt("minimumContactSeconds")))
                .withHandoverAllowed(config.getBoolean("handover"));
        predictor = new PassPredictor(ctx, config.getDouble("predictionStepSeconds"),
                Runtime.getRuntime().availableProcessors());
        scienceFill = new ScienceFill(constellation, config.getInt("scienceStoreOctets"));
        timeline = new ContactTimeline(constellation);
        Path file = config.containsKey("tleFile") ? Path.of(config.getString("tleFile"))
                : YamcsServer.getServer().getDataDirectory().resolve("najm").resolve("tle-history.txt");
        Path windows = YamcsServer.getServer().getDataDirectory().resolve("najm")
                .resolve("station-unavailability.txt");
        try {
            unavailability = new UnavailabilityLog(windows);
        } catch (IOException | RuntimeException e) {
            throw new InitException("Cannot load the station unavailability " + windows + ": " + e.getMessage(), e);
        }
        try {
            tles = new TleCatalog(file, constellation, TleParser.of(constellation, ctx.getTimeScales().getUTC()),
                    now());
        } catch (IOException | IllegalArgumentException e) {
            throw new InitException("Cannot load the TLE history " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void doStart() {
        executor.execute(() -> planNow("startup"));
        executor.scheduleWithFixedDelay(this::replanIfDue, 1, 1, TimeUnit.SECONDS);
        notifyStarted();
    }

    @Override
    protected void doStop() {
        executor.shutdownNow();
        timelineWriter.shutdownNow();
        notifyStopped();
    }

    private void replanIfDue() {
        Snapshot s = snapshot;
        if (s != null && !now().isBefore(s.generated().plus(replanInterval))) {
            planNow("cadence");
        }
    }

    /** Predicts and plans now; runs on the planning thread. */
    private Snapshot planNow(String trigger) {
        try {
            Instant now = now();
            Instant start = now.minus(Duration.ofHours(1));
            Instant stop = now.plus(horizon);
            long t0 = System.nanoTime();
            List<Pass> passes = predictor.predict(tles.inForce(), constellation.stations(), start, stop);
            List<Contact> locked = new ArrayList<>();
            Snapshot previous = snapshot;
            if (previous != null) {
                for (Contact c : previous.plan().contacts()) {
                    if (!c.start().isAfter(now) && c.end().isAfter(start)) {
                        locked.add(c.asLocked());
                    }
                }
            }
            List<Unavailability> windows = unavailability();
            PlanningRequest request = PlanningRequest.of(passes, constellation, now)
                    .withScienceFill(scienceFill.now()).withUnavailability(windows).withLockedContacts(locked)
                    .withParameters(parameters);
            ContactPlan plan = planner.plan(request);
            Snapshot s = new Snapshot(now, trigger, start, stop, passes, plan);
            snapshot = s;
            firstPlan.complete(s);
            log.info("Contact plan ({}): {} passes, {} contacts, {} not planned, in {} ms", trigger, passes.size(),
                    plan.contacts().size(), plan.rejections().size(), (System.nanoTime() - t0) / 1_000_000);
            timelineWriter.execute(() -> publishLatest(s));
            return s;
        } catch (RuntimeException e) {
            log.error("Planning ({}) failed; the previous plan stays in force", trigger, e);
            throw e;
        }
    }

    private void publishLatest(Snapshot s) {
        if (s == snapshot) { // a newer plan has its own turn
            try {
                TimelineWrite w = timeline.publish(s.plan(), s.generated());
                lastTimelineWrite = w;
                log.info("Contact plan on the timelines: {} items added, {} removed, {} unchanged", w.added(),
                        w.removed(), w.unchanged());
            } catch (RuntimeException e) {
                if (YamcsServer.getServer().isShuttingDown()) {
                    // the instances' timelines close before this service stops: the plan is written at next start
                    log.info("Contact plan not written to the timeline: the server is shutting down");
                    return;
                }
                log.error("Cannot write the contact plan to the timeline", e);
            }
        }
    }

    /** The latest plan written to the timelines, if any yet. */
    public Optional<TimelineWrite> lastTimelineWrite() {
        return Optional.ofNullable(lastTimelineWrite);
    }

    /** Re-plans on the planning thread; the future completes with the new plan. */
    public CompletableFuture<Snapshot> replan(String trigger) {
        return CompletableFuture.supplyAsync(() -> planNow(trigger), executor);
    }

    /** The latest plan, once there is one. */
    public CompletableFuture<Snapshot> snapshot() {
        Snapshot s = snapshot;
        return s != null ? CompletableFuture.completedFuture(s) : firstPlan;
    }

    /**
     * Accepts a TLE upload and re-plans.
     *
     * @throws org.najm.passes.TleUploadException when refused (nothing changes)
     */
    public CompletableFuture<Snapshot> uploadTles(String text, String source) throws IOException {
        return uploadTles(text, source, accepted -> { });
    }

    /** An upload that {@code check} may refuse (by throwing) once the TLEs are read, before anything changes. */
    public CompletableFuture<Snapshot> uploadTles(String text, String source,
            Consumer<List<SpacecraftTle>> check) throws IOException {
        tles.upload(text, source, now(), check);
        return replan("tle");
    }

    /** Adds a window (durably) and re-plans. */
    public CompletableFuture<Snapshot> addUnavailability(Unavailability u, String by,
            Consumer<UnavailabilityLog.Window> added) throws IOException {
        added.accept(unavailability.add(u, by));
        return replan("station");
    }

    /** Removes the window {@code id} (durably) and re-plans; empty if there is none. */
    public Optional<CompletableFuture<Snapshot>> removeUnavailability(String id, String by) throws IOException {
        return unavailability.remove(id, by).map(w -> replan("station"));
    }

    UnavailabilityLog unavailabilityLog() {
        return unavailability;
    }

    public List<Unavailability> unavailability() {
        return unavailability.windows().stream().map(UnavailabilityLog.Window::unavailability).toList();
    }

    /**
     * Shows how a contact went on its timeline item (property and tag {@code outcome}), off the caller's
     * thread like every timeline write.
     */
    public void recordOutcome(String spacecraft, String station, Instant start, Instant end, String outcome,
            String reason) {
        timelineWriter.execute(() -> {
            try {
                if (!timeline.setOutcome(spacecraft, station, start, end, outcome, reason)) {
                    log.info("No timeline item for the contact of {} at {} {}: outcome {} not shown there", spacecraft,
                            station, start, outcome);
                }
            } catch (RuntimeException e) {
                log.error("Cannot mark the contact of {} at {} {} on the timeline", spacecraft, station, start, e);
            }
        });
    }

    public TleCatalog tles() {
        return tles;
    }

    public Constellation constellation() {
        return constellation;
    }

    static Instant now() {
        return SimClocks.shared().now();
    }
}
