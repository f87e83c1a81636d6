package org.najm.automation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.najm.api.ApidCount;
import org.najm.api.CommandInfo;
import org.najm.api.ContactReportInfo;
import org.najm.api.DropCount;
import org.najm.api.DumpInfo;
import org.najm.api.FrameCounts;
import org.najm.api.GapInfo;
import org.najm.api.StoreReport;
import org.najm.automation.ContactReport.CommandRecord;
import org.najm.automation.ContactReport.Dump;
import org.najm.automation.ContactReport.Frames;
import org.najm.automation.ContactReport.PacketCount;
import org.najm.automation.ContactReport.StoreSummary;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;

/**
 * A contact report as automation.proto's ContactReportInfo: the HTTP API's form, and (as its bytes) the
 * row stored in the archive, so the two never differ.
 */
final class ReportCodec {

    private ReportCodec() {
    }

    static ContactReportInfo toProto(ContactReport r) {
        var b = ContactReportInfo.newBuilder().setSpacecraft(r.spacecraft()).setStation(r.station())
                .setPlannedAos(ts(r.plannedAos())).setPlannedLos(ts(r.plannedLos())).setOutcome(r.outcome().name())
                .setReason(r.reason()).setReported(ts(r.reported()));
        if (r.aos() != null) {
            b.setAos(ts(r.aos()));
        }
        if (r.los() != null) {
            b.setLos(ts(r.los()));
        }
        if (r.frames() != null) {
            var f = FrameCounts.newBuilder().setReceived(r.frames().received()).setRouted(r.frames().routed())
                    .setBadPacketCrc(r.frames().badPacketCrc());
            r.frames().dropped().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> f.addDropped(DropCount.newBuilder().setReason(e.getKey()).setCount(e.getValue())));
            b.setFrames(f);
        }
        r.packets().forEach(p -> b.addPackets(ApidCount.newBuilder().setApid(p.apid()).setName(p.name())
                .setCount(p.count())));
        r.gaps().forEach(g -> b.addGaps(GapInfo.newBuilder().setStore(g.store().name()).setFrom(g.from())
                .setTo(g.to()).setWhat(g.what()).setRecovered(g.recovered())));
        for (Dump d : r.dumps()) {
            var db = DumpInfo.newBuilder().setStore(d.store().name()).setFrom(d.from()).setTo(d.to())
                    .setReceived(d.received()).setConfirmedUpTo(d.confirmedUpTo()).setNote(d.note())
                    .setCommandId(d.commandId());
            if (d.announced() != null) {
                db.setAnnounced(d.announced());
            }
            b.addDumps(db);
        }
        for (StoreSummary s : r.stores()) {
            var sb = StoreReport.newBuilder().setStore(s.store().name()).setConfirmedUpTo(s.confirmedUpTo())
                    .setDeletedUpTo(s.deletedUpTo());
            if (s.fillBefore() != null) {
                sb.setFillBefore(s.fillBefore());
            }
            if (s.fillAfter() != null) {
                sb.setFillAfter(s.fillAfter());
            }
            b.addStores(sb);
        }
        r.commands().forEach(c -> b.addCommands(CommandInfo.newBuilder().setId(c.id()).setCommand(c.command())
                .setSent(ts(c.sent())).setOutcome(c.outcome()).setMessage(c.message())));
        return b.build();
    }

    static ContactReport fromProto(ContactReportInfo p) {
        Frames frames = null;
        if (p.hasFrames()) {
            Map<String, Long> dropped = new LinkedHashMap<>();
            p.getFrames().getDroppedList().forEach(d -> dropped.put(d.getReason(), d.getCount()));
            frames = new Frames(p.getFrames().getReceived(), p.getFrames().getRouted(), dropped,
                    p.getFrames().getBadPacketCrc());
        }
        return new ContactReport(p.getSpacecraft(), p.getStation(), instant(p.getPlannedAos()),
                instant(p.getPlannedLos()), p.hasAos() ? instant(p.getAos()) : null,
                p.hasLos() ? instant(p.getLos()) : null, Outcome.valueOf(p.getOutcome()), p.getReason(), frames,
                p.getPacketsList().stream().map(a -> new PacketCount(a.getApid(), a.getName(), a.getCount()))
                        .toList(),
                p.getGapsList().stream().map(g -> new Gap(Store.valueOf(g.getStore()), g.getFrom(), g.getTo(),
                        g.getWhat(), g.getRecovered())).toList(),
                p.getDumpsList().stream().map(d -> new Dump(Store.valueOf(d.getStore()), d.getFrom(), d.getTo(),
                        d.hasAnnounced() ? d.getAnnounced() : null, d.getReceived(), d.getConfirmedUpTo(), d.getNote(),
                        d.getCommandId())).toList(),
                p.getStoresList().stream().map(s -> new StoreSummary(Store.valueOf(s.getStore()),
                        s.hasFillBefore() ? s.getFillBefore() : null, s.hasFillAfter() ? s.getFillAfter() : null,
                        s.getConfirmedUpTo(), s.getDeletedUpTo())).toList(),
                p.getCommandsList().stream().map(c -> new CommandRecord(c.getId(), c.getCommand(),
                        instant(c.getSent()), c.getOutcome(), c.getMessage())).toList(),
                instant(p.getReported()));
    }

    static byte[] toBytes(ContactReport r) {
        return toProto(r).toByteArray();
    }

    /** @throws IllegalArgumentException when the bytes are not a report */
    static ContactReport fromBytes(byte[] bytes) {
        try {
            return fromProto(ContactReportInfo.parseFrom(bytes));
        } catch (InvalidProtocolBufferException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not a contact report: " + e.getMessage(), e);
        }
    }

    /** Exact to the nanosecond (an Instant has no leap seconds, nor has a Timestamp). */
    static Timestamp ts(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Instant instant(Timestamp t) {
        return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }
}
