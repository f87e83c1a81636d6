package org.najm.automation;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.najm.automation.AutomationState.ExpectedContact;
import org.najm.automation.AutomationState.Pause;
import org.najm.automation.AutomationState.StoreLedger;
import org.najm.automation.ContactAutomationService.Settings;
import org.najm.constellation.Spacecraft;
import org.najm.contacts.ContactPlanService;
import org.najm.context.NajmContext;
import org.najm.time.SimClocks;
import org.yamcs.http.ServiceUnavailableException;
import org.yamcs.logging.Log;
import org.yamcs.utils.TimeEncoding;

/**
 * The contact automation of one spacecraft, on a thread of its own: it takes the spacecraft's contacts from
 * the plan one after the other, executes each ({@link ContactExecution}) and publishes its report. It owns
 * the spacecraft's durable {@link AutomationState}: every change is on disk before it counts.
 *
 * <p>At start it reports MISSED ("the MOC was not running") the contacts it expected that ended while the
 * MOC was down, and FAILED the one it was executing when it went down, if that one has ended too; a contact
 * whose window includes now is executed as any other (its report says the MOC joined it after a restart).
 */
final class SpacecraftAutomation {

    /** How far ahead the expected contacts are kept on disk. */
    private static final Duration EXPECT_AHEAD = Duration.ofHours(24);

    private final Log log;
    private final ContactAutomationService service;
    private final Spacecraft spacecraft;
    private final Settings settings;
    private final StateFile file;
    private final SpacecraftTelemetry telemetry;
    private final CommandWatch watch;
    private final Commander commander;
    private AutomationState state;
    private volatile String error;
    private volatile String activity = "starting";
    private volatile PlannedContact next;
    private volatile boolean running;
    private Thread thread;
    private Instant startedAt;

    SpacecraftAutomation(ContactAutomationService service, Spacecraft spacecraft, Settings settings, StateFile file,
            SpacecraftTelemetry telemetry, CommandWatch watch, Commander commander) {
        this.log = new Log(SpacecraftAutomation.class, spacecraft.instance());
        this.service = service;
        this.spacecraft = spacecraft;
        this.settings = settings;
        this.file = file;
        this.telemetry = telemetry;
        this.watch = watch;
        this.commander = commander;
    }

    /** Reads the state (a damaged file keeps this spacecraft's automation off) and starts the thread. */
    void start() {
        startedAt = now();
        try {
            var read = file.read();
            synchronized (this) {
                state = read.orElse(AutomationState.fresh(spacecraft.name(), onboardSecond(startedAt)));
                if (read.isEmpty()) {
                    file.write(state);
                }
            }
        } catch (IOException e) {
            error = "the automation state cannot be read: " + e.getMessage() + ". The automation of "
                    + spacecraft.name() + " stays off until the file is repaired or removed (its previous version is "
                    + file.previous() + "); nothing was changed";
            activity = "off";
            log.error("{}", error);
            return;
        }
        running = true;
        thread = new Thread(this::run, "najm-automation-" + spacecraft.name());
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            reportMissedWhileDown();
            Instant planSeen = null;
            while (running) {
                try {
                    var snapshot = plan();
                    if (snapshot == null) {
                        activity("waiting for the contact plan");
                        sleep();
                        continue;
                    }
                    List<PlannedContact> contacts = contactsOf(snapshot);
                    if (!snapshot.generated().equals(planSeen)) {
                        planSeen = snapshot.generated();
                        expect(contacts);
                    }
                    PlannedContact c = nextContact(contacts);
                    next = c;
                    if (c == null) {
                        activity("no contact planned");
                        sleep();
                    } else if (now().isBefore(c.start())) {
                        Pause p = pauseState();
                        activity((p == null ? "" : "paused by " + p.by() + "; ") + "next contact through "
                                + c.station() + " at " + c.start());
                        sleep();
                    } else {
                        execute(c);
                    }
                } catch (RuntimeException | IOException e) {
                    log.error("Contact automation of {}: {}", spacecraft.name(), e.toString(), e);
                    activity("error: " + e.getMessage());
                    sleep();
                }
            }
        } catch (InterruptedException e) {
            // stopping
        }
        activity("stopped");
    }

    private void execute(PlannedContact c) throws InterruptedException, IOException {
        Instant restartedAt = state().wasExecuting(c.start()) ? startedAt : null;
        update(state().withExecuting(c.start()));
        ContactReport r;
        try {
            r = new ContactExecution(this, c, restartedAt).run();
        } catch (RuntimeException e) {
            log.error("Contact {} failed", c, e);
            r = new ContactReport(c.spacecraft(), c.station(), c.start(), c.end(), null, null, Outcome.FAILED,
                    "the automation failed: " + e, null, List.of(), List.of(), List.of(), List.of(), List.of(),
                    now());
        }
        done(c, r);
    }

    /** Contacts it expected that ended while the MOC was not running, the one it went down in first. */
    private void reportMissedWhileDown() {
        for (ExpectedContact e : state().endedUnreported(startedAt)) {
            PlannedContact c = new PlannedContact(spacecraft.name(), e.station(), -1, e.start(), e.end());
            publishAndRecord(c, state().wasExecuting(e.start()) ? ContactReport.interrupted(c.spacecraft(),
                    c.station(), c.start(), c.end(), "the MOC went down during the contact and was restarted at "
                            + startedAt + ", after its end: nothing was freed onboard beyond what it had confirmed;"
                            + " what is left is played back at the next contact", ledgerNow(), now())
                    : ContactReport.missed(c.spacecraft(), c.station(), c.start(), c.end(), "the MOC was not running",
                            now()));
        }
    }

    private List<ContactReport.StoreSummary> ledgerNow() {
        return List.of(Store.SCIENCE, Store.HK).stream().map(s -> new ContactReport.StoreSummary(s, null, null,
                ledger(s).confirmedUpTo(), ledger(s).deletedUpTo())).toList();
    }

    /** The next contact to execute; those that ended unexecuted since the start are reported MISSED. */
    private PlannedContact nextContact(List<PlannedContact> contacts) {
        for (PlannedContact c : contacts) {
            Instant last = state().lastDone();
            if (last != null && !c.start().isAfter(last)) {
                continue;
            }
            if (c.end().isAfter(now())) {
                return c;
            }
            if (c.end().isAfter(startedAt)) {
                publishAndRecord(c, ContactReport.missed(c.spacecraft(), c.station(), c.start(), c.end(),
                        "not watched: the automation was busy with the previous contact", now()));
            }
        }
        return null;
    }

    private void done(PlannedContact c, ContactReport r) {
        publishAndRecord(c, r);
        activity("reported the contact through " + c.station() + ": " + r.outcome());
    }

    private void publishAndRecord(PlannedContact c, ContactReport r) {
        try {
            update(state().withLastDone(c.start()).withExpected(state().expected().stream()
                    .filter(e -> !e.start().equals(c.start())).toList()));
        } catch (IOException e) {
            // reported anyway; after a restart it may be reported again
            log.error("Cannot record that {} was reported: {}", c, e.getMessage());
        }
        service.publish(spacecraft, r);
    }

    /** Keeps on disk the contacts of the plan it will execute, to report those missed if the MOC goes down. */
    private void expect(List<PlannedContact> contacts) throws IOException {
        Instant now = now();
        List<ExpectedContact> e = contacts.stream()
                .filter(c -> c.end().isAfter(now) && c.start().isBefore(now.plus(EXPECT_AHEAD)))
                .map(PlannedContact::expected).toList();
        if (!e.equals(state().expected())) {
            update(state().withExpected(e));
        }
    }

    private static ContactPlanService.Snapshot plan() {
        try {
            return NajmContext.running(ContactPlanService.class).snapshot().getNow(null);
        } catch (ServiceUnavailableException e) {
            return null;
        }
    }

    private List<PlannedContact> contactsOf(ContactPlanService.Snapshot snapshot) {
        List<PlannedContact> out = new ArrayList<>();
        for (var c : snapshot.plan().contactsOf(spacecraft.name())) {
            int stationId = service.constellation().stationByName(c.station()).map(st -> st.id()).orElse(-1);
            out.add(new PlannedContact(c.spacecraft(), c.station(), stationId, c.start(), c.end()));
        }
        out.sort(Comparator.comparing(PlannedContact::start));
        return out;
    }

    // ------------------------------------------------------------------------------------------ state

    synchronized AutomationState state() {
        return state;
    }

    /** Writes the new state, then uses it: what is not on disk does not count. */
    private synchronized void update(AutomationState s) throws IOException {
        file.write(s);
        state = s;
    }

    StoreLedger ledger(Store s) {
        return state().ledger(s);
    }

    /** Records a confirmation; it must be on disk before anything is freed on its strength. */
    synchronized void confirm(Store s, long upTo, int nextSeq) {
        updateOrFail(state.with(s, state.ledger(s).confirmed(upTo, nextSeq)));
    }

    synchronized void deleted(Store s, long upTo) {
        updateOrFail(state.with(s, state.ledger(s).deleted(upTo)));
    }

    private void updateOrFail(AutomationState s) {
        try {
            update(s);
        } catch (IOException e) {
            throw new IllegalStateException("cannot record the ledger in " + file.path() + ": " + e.getMessage(), e);
        }
    }

    Pause pauseState() {
        AutomationState s = state();
        return s == null ? null : s.pause();
    }

    /** Pauses; false when it was paused already (the first pause stays in force). */
    synchronized boolean pause(String user) throws IOException {
        requireAvailable();
        if (state.pause() != null) {
            return false;
        }
        update(state.withPause(new Pause(user, now())));
        return true;
    }

    /** Resumes; returns the pause it lifted, or null when it was not paused. */
    synchronized Pause resume() throws IOException {
        requireAvailable();
        Pause p = state.pause();
        if (p != null) {
            update(state.withPause(null));
        }
        return p;
    }

    private void requireAvailable() {
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }

    long since() {
        return state().since();
    }

    // ------------------------------------------------------------------------------------------ for the others

    Spacecraft spacecraft() {
        return spacecraft;
    }

    String instance() {
        return spacecraft.instance();
    }

    int scid() {
        return spacecraft.scid();
    }

    Settings settings() {
        return settings;
    }

    SpacecraftTelemetry telemetry() {
        return telemetry;
    }

    CommandWatch watch() {
        return watch;
    }

    Commander commander() {
        return commander;
    }

    String error() {
        return error;
    }

    String activity() {
        return activity;
    }

    PlannedContact nextPlanned() {
        return next;
    }

    void activity(String what) {
        if (!what.equals(activity)) {
            log.debug("{}: {}", spacecraft.name(), what);
        }
        activity = what;
    }

    /** @throws InterruptedException when the service is stopping */
    void checkRunning() throws InterruptedException {
        if (!running || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("stopping");
        }
    }

    private void sleep() throws InterruptedException {
        checkRunning();
        Thread.sleep(settings.poll().toMillis());
    }

    private static Instant now() {
        return SimClocks.shared().now();
    }

    /** Onboard GPS second (without a TIME_SYNC offset) at mission time {@code t}. */
    static long onboardSecond(Instant t) {
        return Math.floorDiv(TimeEncoding.toGpsTimeMillisec(TimeEncoding.fromJavaInstant(t)), 1000);
    }
}
