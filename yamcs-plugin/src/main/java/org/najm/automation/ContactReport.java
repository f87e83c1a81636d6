package org.najm.automation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened in one contact, written at LOS: to the contact-report table, as an event of the
 * spacecraft's instance and on the contact's timeline item.
 *
 * @param aos      first frames through the planned station, or null (MISSED, or the MOC was down)
 * @param los      when they stopped (or the planned end passed), or null
 * @param frames   the planned station's frame counters over the contact, or null
 * @param packets  packets of the spacecraft received in the contact, per APID
 * @param stores   per store: fill at AOS and LOS, ledger after the contact
 * @param commands every command sent, with its outcome
 */
record ContactReport(String spacecraft, String station, Instant plannedAos, Instant plannedLos, Instant aos,
        Instant los, Outcome outcome, String reason, Frames frames, List<PacketCount> packets, List<Gap> gaps,
        List<Dump> dumps, List<StoreSummary> stores, List<CommandRecord> commands, Instant reported) {

    /** Frame counter deltas; dropped by FrameDropReason name. */
    record Frames(long received, long routed, Map<String, Long> dropped, long badPacketCrc) {
        Frames {
            dropped = Map.copyOf(dropped);
        }
    }

    record PacketCount(int apid, String name, long count) {
    }

    /** One DUMP_STORE: its range, what was announced and received, and what it confirmed. */
    record Dump(Store store, long from, long to, Integer announced, int received, long confirmedUpTo, String note,
            String commandId) {
    }

    /** Fills in octets (null when no BUS_HK was received); ledger in onboard GPS seconds. */
    record StoreSummary(Store store, Long fillBefore, Long fillAfter, long confirmedUpTo, long deletedUpTo) {
    }

    /** @param outcome OK, NOK, or NONE when no CommandComplete had arrived */
    record CommandRecord(String id, String command, Instant sent, String outcome, String message) {
    }

    ContactReport {
        packets = List.copyOf(packets);
        gaps = List.copyOf(gaps);
        dumps = List.copyOf(dumps);
        stores = List.copyOf(stores);
        commands = List.copyOf(commands);
        reason = reason == null ? "" : reason;
    }

    /** A contact nobody listened to. */
    static ContactReport missed(String spacecraft, String station, Instant plannedAos, Instant plannedLos,
            String reason, Instant reported) {
        return new ContactReport(spacecraft, station, plannedAos, plannedLos, null, null, Outcome.MISSED, reason,
                null, List.of(), List.of(), List.of(), List.of(), List.of(), reported);
    }

    /**
     * A contact the MOC went down in, reported after its restart: what it had done shows only in the ledger
     * ({@code stores}, fills unknown).
     */
    static ContactReport interrupted(String spacecraft, String station, Instant plannedAos, Instant plannedLos,
            String reason, List<StoreSummary> ledger, Instant reported) {
        return new ContactReport(spacecraft, station, plannedAos, plannedLos, null, null, Outcome.FAILED, reason,
                null, List.of(), List.of(), List.of(), ledger, List.of(), reported);
    }

    /** One line for the event and the log. */
    String summary() {
        return spacecraft + " at " + station + " " + plannedAos + ": " + outcome
                + (reason.isEmpty() ? "" : " - " + reason);
    }
}
