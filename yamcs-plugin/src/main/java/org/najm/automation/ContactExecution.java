package org.najm.automation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.najm.automation.AutomationState.StoreLedger;
import org.najm.automation.Commander.Sent;
import org.najm.automation.CommandWatch.Completion;
import org.najm.automation.ContactAutomationService.Settings;
import org.najm.automation.DumpEvidence.PacketKey;
import org.najm.automation.SpacecraftTelemetry.Housekeeping;
import org.najm.context.NajmContext;
import org.najm.gateway.StationGateway;
import org.najm.time.SimClocks;
import org.yamcs.http.ServiceUnavailableException;

/**
 * One contact of one spacecraft, lights out: AOS from the downlink (the spacecraft's frames through the
 * planned station), the science store then the HK store played back in ranges that fit what is left of the
 * contact, each range confirmed from the evidence in the downlink and the archive, what is confirmed freed
 * onboard, LOS, and the report.
 *
 * <p>It stands back, and says why, while the automation is paused, while the spacecraft is in SAFE mode and
 * once one of the partner's people commands the spacecraft: it then sends nothing more in this contact.
 */
final class ContactExecution {

    private final SpacecraftAutomation owner;
    private final PlannedContact contact;
    private final Settings settings;
    private final ReportDraft report;
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<Store, Long> targets = new EnumMap<>(Store.class);
    private final Map<Store, StoreLedger> atAos = new EnumMap<>(Store.class);
    private Instant aos;
    private Instant los;
    private String otherStation;
    private final Instant restartedAt;
    /** Why it stopped issuing commands in this contact, once it did. */
    private String standBack;

    /** @param restartedAt when the MOC restarted, if it went down while executing this contact; else null */
    ContactExecution(SpacecraftAutomation owner, PlannedContact contact, Instant restartedAt) {
        this.owner = owner;
        this.contact = contact;
        this.restartedAt = restartedAt;
        this.settings = owner.settings();
        this.report = new ReportDraft(contact);
    }

    ContactReport run() throws InterruptedException {
        owner.activity("waiting for AOS through " + contact.station() + " (planned " + contact.start() + ")");
        if (!awaitAos()) {
            return ContactReport.missed(contact.spacecraft(), contact.station(), contact.start(), contact.end(),
                    "no frames of " + contact.spacecraft() + " through " + contact.station() + " between "
                            + contact.start() + " and " + contact.end()
                            + (otherStation == null ? "" : " (heard through " + otherStation + ")"),
                    now());
        }
        report.aos(aos, counters());
        owner.telemetry().resetCounts();
        Housekeeping hk = awaitHousekeeping();
        report.before(hk);
        for (Store s : Store.values()) {
            atAos.put(s, owner.ledger(s));
        }
        if (!standingBack()) {
            for (Store store : List.of(Store.SCIENCE, Store.HK)) {
                play(store);
                if (stopped()) {
                    break;
                }
                free(store);
                if (stopped()) {
                    break;
                }
            }
        }
        owner.activity("in contact through " + contact.station() + ": waiting for LOS");
        while (inContact()) {
            pause();
        }
        return finish();
    }

    // ------------------------------------------------------------------------------------------ AOS, LOS

    private boolean awaitAos() throws InterruptedException {
        while (now().isBefore(contact.end())) {
            OptionalInt st = stationHearing();
            if (st.isPresent() && st.getAsInt() == contact.stationId()) {
                aos = now();
                return true;
            }
            if (st.isPresent()) {
                otherStation = gateway().map(g -> g.stationName(st.getAsInt())).orElse("station " + st.getAsInt());
            }
            pause();
        }
        return false;
    }

    /** Whether the planned station still hears the spacecraft within the plan; records LOS once not. */
    private boolean inContact() {
        if (los != null) {
            return false;
        }
        OptionalInt st = stationHearing();
        if (!now().isBefore(contact.end()) || st.isEmpty() || st.getAsInt() != contact.stationId()) {
            los = now();
            report.los(los);
            return false;
        }
        return true;
    }

    private OptionalInt stationHearing() {
        return gateway().map(g -> g.stationInContact(owner.scid())).orElse(OptionalInt.empty());
    }

    private static Optional<StationGateway> gateway() {
        try {
            return Optional.of(NajmContext.running(StationGateway.class));
        } catch (ServiceUnavailableException e) {
            return Optional.empty();
        }
    }

    private ReportDraft.Counters counters() {
        return gateway().map(g -> ReportDraft.Counters.of(g.stats(contact.stationId()))).orElse(null);
    }

    /** The first BUS_HK after AOS (mode and fills at AOS), or the latest one if none comes soon. */
    private Housekeeping awaitHousekeeping() throws InterruptedException {
        long deadline = System.nanoTime() + settings.housekeepingWait().toNanos();
        while (System.nanoTime() < deadline && inContact()) {
            Housekeeping hk = owner.telemetry().latest();
            if (hk != null && !hk.received().isBefore(aos)) {
                return hk;
            }
            pause();
        }
        return owner.telemetry().latest();
    }

    // ------------------------------------------------------------------------------------------ rules

    /** Whether it must send nothing more in this contact; the first reason sticks. */
    private boolean standingBack() {
        if (standBack == null) {
            Housekeeping hk = owner.telemetry().latest();
            AutomationRules.standBack(contact.spacecraft(), owner.pauseState(), hk == null ? null : hk.mode(),
                    owner.watch().operatorCommandSince(aos)).ifPresent(why -> standBack = why);
        }
        return standBack != null;
    }

    private boolean stopped() {
        return standingBack() || !inContact();
    }

    // ------------------------------------------------------------------------------------------ playback

    /** Plays back one store, in ranges that fit, until it is confirmed up to its last complete second. */
    private void play(Store store) throws InterruptedException {
        Housekeeping hk = owner.telemetry().latest();
        if (hk == null) {
            problems.add(store + " not played back: no BUS_HK received, so its fill and the onboard time are unknown");
            return;
        }
        // The current onboard second may still get packets: the last complete one is the target.
        long target = hk.onboardSecond() - 1;
        targets.put(store, target);
        int dumps = 0;
        int fruitless = 0;
        while (owner.ledger(store).confirmedUpTo() < target && !stopped()) {
            StoreLedger l = owner.ledger(store);
            if (dumps == settings.maxDumpsPerStore()) {
                problems.add(store + ": " + dumps + " dumps in this contact and still not confirmed up to " + target
                        + "; the rest waits for the next contact");
                return;
            }
            long from = l.confirmedUpTo() + 1;
            long spanStart = l.confirmedUpTo() >= 0 ? from : owner.since();
            // What follows this playback needs time too: a DELETE_STORE, and the HK store after the science.
            double wall = wallSecondsLeft() - settings.marginSeconds()
                    - (store == Store.SCIENCE ? 3 : 1) * settings.reserveSeconds();
            long fill = owner.telemetry().latest().fill(store);
            OptionalLong to = RangeSizer.rangeEnd(store, from, target, spanStart, fill, wall,
                    settings.framesPerSecond());
            if (to.isEmpty()) {
                problems.add(store + " " + from + ".." + target + " did not fit in what is left of the contact ("
                        + String.format("%.1f", Math.max(0, wall)) + " s): it waits for the next one");
                return;
            }
            dumps++;
            fruitless = dump(store, from, to.getAsLong()) ? 0 : fruitless + 1;
            if (fruitless == 2) {
                problems.add(store + ": two dumps in a row confirmed nothing; the rest waits for the next contact");
                return;
            }
        }
    }

    /** One DUMP_STORE and what its evidence confirms; true when the ledger moved on. */
    private boolean dump(Store store, long from, long to) throws InterruptedException {
        owner.activity("dumping " + store + " " + from + ".." + to + " through " + contact.station());
        StoreLedger before = owner.ledger(store);
        DumpEvidence evidence = new DumpEvidence(store, from, to);
        owner.telemetry().watch(evidence);
        Sent command = null;
        try {
            for (int attempt = 1;; attempt++) {
                command = send("DUMP_STORE", Map.of("store", store.name(), "from", from, "to", to));
                if (command == null) {
                    break;
                }
                Completion c = await(command);
                if (c != null && "OK".equals(c.status())) {
                    // the last frames are in: the acknowledgement follows them on the same link
                    Thread.sleep(settings.evidenceGrace().toMillis());
                    break;
                }
                if (c == null || evidence.announced() != null || attempt >= settings.attempts() || !inContact()) {
                    if (c != null) {
                        problems.add("DUMP_STORE " + store + " " + from + ".." + to + " failed: " + c.message());
                    }
                    break;
                }
                // not sent or refused onboard (e.g. COP-1 not ready yet at AOS): once more, a little later
                Thread.sleep(settings.retryDelay().toMillis());
                if (stopped()) {
                    break;
                }
            }
        } finally {
            owner.telemetry().watch(null);
        }
        DumpVerdict v = verdict(store, evidence, before);
        report.dump(store, from, to, v, command);
        if (v.confirmedUpTo() > before.confirmedUpTo()) {
            owner.confirm(store, v.confirmedUpTo(), v.nextSeq());
            return true;
        }
        return false;
    }

    /** The evidence's verdict, confirmed no further than what the tm archive holds. */
    private DumpVerdict verdict(Store store, DumpEvidence evidence, StoreLedger before) {
        DumpVerdict v = evidence.evaluate(before.nextSeq(), Long.MAX_VALUE);
        Set<PacketKey> missing;
        try {
            missing = ArchiveCheck.missing(owner.instance(), store, evidence.keysThrough(v.confirmedUpTo()));
        } catch (IllegalStateException e) {
            return evidence.evaluate(before.nextSeq(), evidence.from - 1)
                    .with(new Gap(store, evidence.from, v.confirmedUpTo(), e.getMessage(), false));
        }
        if (missing.isEmpty()) {
            return v;
        }
        long first = missing.stream().mapToLong(evidence::secondOf).min().getAsLong();
        return evidence.evaluate(before.nextSeq(), first - 1).with(new Gap(store, first, v.confirmedUpTo(),
                missing.size() + " packets received are not in the tm archive", false));
    }

    /** Frees onboard what the ground confirmed (and the archive holds), never while a person dumps that store. */
    private void free(Store store) throws InterruptedException {
        StoreLedger l = owner.ledger(store);
        if (l.confirmedUpTo() <= l.deletedUpTo()) {
            return;
        }
        Optional<String> person = owner.watch().personDumping(store);
        if (person.isPresent()) {
            problems.add(store + " not freed: " + person.get() + "'s DUMP_STORE of it is running");
            return;
        }
        long upTo = l.confirmedUpTo();
        owner.activity("freeing " + store + " up to " + upTo + " through " + contact.station());
        for (int attempt = 1;; attempt++) {
            Sent command = send("DELETE_STORE", Map.of("store", store.name(), "up_to", upTo));
            if (command == null) {
                return;
            }
            Completion c = await(command);
            if (c != null && "OK".equals(c.status())) {
                owner.deleted(store, upTo);
                return;
            }
            if (c == null) {
                problems.add("DELETE_STORE " + store + " up to " + upTo + ": no CommandComplete before LOS");
                return;
            }
            if (attempt >= settings.attempts() || !inContact()) {
                problems.add("DELETE_STORE " + store + " up to " + upTo + " failed: " + c.message());
                return;
            }
            Thread.sleep(settings.retryDelay().toMillis());
            if (stopped()) {
                return;
            }
        }
    }

    /** Sends a command unless it must stand back; null when not sent (the reason is recorded). */
    private Sent send(String name, Map<String, Object> args) {
        if (standingBack()) {
            return null;
        }
        try {
            Sent s = owner.commander().send(name, args);
            sent.add(s);
            report.command(s);
            return s;
        } catch (IllegalStateException e) {
            problems.add(name + " not sent: " + e.getMessage());
            return null;
        }
    }

    /** The command's CommandComplete, or null when the contact ends first. */
    private Completion await(Sent s) throws InterruptedException {
        while (true) {
            Completion c = s.completion().getNow(null);
            if (c != null) {
                return c;
            }
            if (!inContact()) {
                return null;
            }
            pause();
        }
    }

    // ------------------------------------------------------------------------------------------ report

    private ContactReport finish() {
        var ledger = ReportDraft.ledgerOf(owner.state());
        boolean progress = false;
        List<String> left = new ArrayList<>(problems);
        for (Store s : List.of(Store.SCIENCE, Store.HK)) {
            StoreLedger now = ledger.get(s);
            StoreLedger then = atAos.get(s);
            progress |= now.confirmedUpTo() > then.confirmedUpTo() || now.deletedUpTo() > then.deletedUpTo();
            Long target = targets.get(s);
            if (standBack != null) {
                continue;
            }
            if (target == null) {
                if (problems.stream().noneMatch(p -> p.startsWith(s.name()))) {
                    left.add(s + " not played back: LOS at " + los + " came first");
                }
            } else if (now.confirmedUpTo() < target && problems.stream().noneMatch(p -> p.startsWith(s.name()))) {
                left.add(s + " confirmed up to " + now.confirmedUpTo() + " of " + target + " when LOS came at " + los);
            }
        }
        Outcome outcome;
        String reason;
        if (standBack != null) {
            outcome = sent.isEmpty() ? Outcome.SKIPPED : Outcome.PARTIAL;
            reason = sent.isEmpty() ? standBack : "stopped: " + standBack;
        } else if (left.isEmpty()) {
            outcome = Outcome.COMPLETE;
            reason = "SCIENCE confirmed and freed up to " + ledger.get(Store.SCIENCE).deletedUpTo() + ", HK up to "
                    + ledger.get(Store.HK).deletedUpTo();
        } else {
            outcome = progress ? Outcome.PARTIAL : Outcome.FAILED;
            reason = String.join("; ", left);
        }
        if (restartedAt != null) {
            reason = "the MOC went down during the contact and joined it again after its restart at " + restartedAt
                    + "; " + reason;
        }
        return report.finish(outcome, reason, counters(), owner.telemetry().counts(), owner.telemetry().latest(),
                ledger, owner.watch(), now());
    }

    // ------------------------------------------------------------------------------------------ time

    private double wallSecondsLeft() {
        return Duration.between(now(), contact.end()).toMillis() / 1000.0 / SimClocks.shared().rate();
    }

    private void pause() throws InterruptedException {
        owner.checkRunning();
        Thread.sleep(settings.poll().toMillis());
    }

    private static Instant now() {
        return SimClocks.shared().now();
    }
}
