package org.najm.automation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.najm.automation.Commander.Sent;
import org.najm.automation.CommandWatch.Completion;
import org.najm.automation.ContactReport.CommandRecord;
import org.najm.automation.ContactReport.Dump;
import org.najm.automation.ContactReport.Frames;
import org.najm.automation.ContactReport.PacketCount;
import org.najm.automation.ContactReport.StoreSummary;
import org.najm.automation.SpacecraftTelemetry.Housekeeping;
import org.najm.gateway.FrameDropReason;
import org.najm.gateway.StationStats;

/** A contact report being written while the contact runs. */
final class ReportDraft {

    /** A station's counters at one moment. */
    record Counters(long received, long routed, Map<String, Long> dropped, long badPacketCrc) {
        static Counters of(StationStats s) {
            Map<String, Long> d = new LinkedHashMap<>();
            for (FrameDropReason r : FrameDropReason.values()) {
                d.put(r.name(), s.dropped(r));
            }
            return new Counters(s.received(), s.routed(), d, s.badPacketCrc());
        }

        Frames since(Counters before) {
            Map<String, Long> d = new LinkedHashMap<>();
            dropped.forEach((k, v) -> {
                long n = v - before.dropped.getOrDefault(k, 0L);
                if (n != 0) {
                    d.put(k, n);
                }
            });
            return new Frames(received - before.received, routed - before.routed, d,
                    badPacketCrc - before.badPacketCrc);
        }
    }

    private final PlannedContact contact;
    private Instant aos;
    private Instant los;
    private Counters atAos;
    private Housekeeping before;
    private final List<Sent> commands = new ArrayList<>();
    private final List<Dump> dumps = new ArrayList<>();
    private final List<Gap> gaps = new ArrayList<>();

    ReportDraft(PlannedContact contact) {
        this.contact = contact;
    }

    void aos(Instant t, Counters counters) {
        aos = t;
        atAos = counters;
    }

    void los(Instant t) {
        los = t;
    }

    void before(Housekeeping hk) {
        before = hk;
    }

    void command(Sent s) {
        commands.add(s);
    }

    void dump(Store store, long from, long to, DumpVerdict v, Sent command) {
        dumps.add(new Dump(store, from, to, v.announced(), v.received(), v.confirmedUpTo(), v.note(),
                command == null ? "" : command.commandId()));
        gaps.addAll(v.gaps());
    }

    /**
     * The report. A gap counts as recovered when the store was confirmed past it in this contact.
     *
     * @param counters the station's counters now (null: not heard)
     */
    ContactReport finish(Outcome outcome, String reason, Counters counters, List<PacketCount> packets,
            Housekeeping after, Map<Store, AutomationState.StoreLedger> ledger, CommandWatch watch, Instant now) {
        List<Gap> found = gaps.stream().map(g -> g.recovered(ledger.get(g.store()).confirmedUpTo() >= g.to()))
                .toList();
        List<StoreSummary> stores = new ArrayList<>();
        for (Store s : List.of(Store.SCIENCE, Store.HK)) {
            var l = ledger.get(s);
            stores.add(new StoreSummary(s, before == null ? null : before.fill(s), after == null ? null : after.fill(s),
                    l.confirmedUpTo(), l.deletedUpTo()));
        }
        List<CommandRecord> sent = new ArrayList<>();
        for (Sent s : commands) {
            Completion c = s.completion().getNow(null);
            if (c == null) {
                c = watch.partial(s.id()).orElse(new Completion("NONE", "no CommandComplete by the report"));
                watch.forget(s.id());
            }
            sent.add(new CommandRecord(s.commandId(), s.description(), s.at(), c.status(), c.message()));
        }
        Frames frames = atAos == null || counters == null ? null : counters.since(atAos);
        return new ContactReport(contact.spacecraft(), contact.station(), contact.start(), contact.end(), aos, los,
                outcome, reason, frames, packets, found, dumps, stores, sent, now);
    }

    static Map<Store, AutomationState.StoreLedger> ledgerOf(AutomationState s) {
        Map<Store, AutomationState.StoreLedger> m = new EnumMap<>(Store.class);
        for (Store st : Store.values()) {
            m.put(st, s.ledger(st));
        }
        return m;
    }
}
