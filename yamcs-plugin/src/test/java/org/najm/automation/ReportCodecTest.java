package org.najm.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.najm.automation.ContactReport.CommandRecord;
import org.najm.automation.ContactReport.Dump;
import org.najm.automation.ContactReport.Frames;
import org.najm.automation.ContactReport.PacketCount;
import org.najm.automation.ContactReport.StoreSummary;

class ReportCodecTest {

    private static final Instant AOS = Instant.parse("2026-11-20T03:19:10.123456789Z");

    static ContactReport full() {
        return new ContactReport("NAJM-1", "SVALBARD", AOS, AOS.plusSeconds(620), AOS.plusSeconds(3),
                AOS.plusSeconds(618), Outcome.PARTIAL, "HK did not fit: waits for the next contact",
                new Frames(7_000, 6_990, Map.of("DUPLICATE", 8L, "BAD_FECF", 2L), 1),
                List.of(new PacketCount(100, "BUS_HK", 620), new PacketCount(200, "SCI_DETECTION", 42)),
                List.of(new Gap(Store.SCIENCE, 1_447_633_010L, 1_447_633_020L, "sequence count jumps", true)),
                List.of(new Dump(Store.SCIENCE, 0, 1_447_633_100L, 42, 41, 1_447_633_009L, "", "1-najm-automation-1"),
                        new Dump(Store.HK, 0, 1_447_633_100L, null, 0, -1, "no count", "1-najm-automation-2")),
                List.of(new StoreSummary(Store.SCIENCE, 3_822L, 0L, 1_447_633_100L, 1_447_633_100L),
                        new StoreSummary(Store.HK, null, null, -1, -1)),
                List.of(new CommandRecord("1-najm-automation-1", "/NAJM/DUMP_STORE(from=0, store=SCIENCE, to=5)",
                        AOS.plusSeconds(4), "OK", ""),
                        new CommandRecord("1-najm-automation-3", "/NAJM/DELETE_STORE(store=HK, up_to=5)",
                                AOS.plusSeconds(9), "NONE", "no CommandComplete by LOS")),
                AOS.plusSeconds(700));
    }

    @Test
    void aReportSurvivesItsStoredForm() {
        ContactReport r = full();
        assertEquals(r, ReportCodec.fromBytes(ReportCodec.toBytes(r)));
    }

    @Test
    void aMissedContactHasNoActualTimesNorCounters() {
        ContactReport r = ContactReport.missed("NAJM-2", "RABAT", AOS, AOS.plusSeconds(300), "the MOC was not running",
                AOS.plusSeconds(4000));
        var proto = ReportCodec.toProto(r);
        assertFalse(proto.hasAos() || proto.hasLos() || proto.hasFrames());
        assertEquals("MISSED", proto.getOutcome());
        assertEquals(r, ReportCodec.fromBytes(proto.toByteArray()));
    }

    @Test
    void absentAnnouncementsAndFillsStayAbsent() {
        var proto = ReportCodec.toProto(full());
        assertFalse(proto.getDumps(1).hasAnnounced());
        assertFalse(proto.getStores(1).hasFillBefore());
        assertEquals(2, proto.getFrames().getDropped(0).getCount(), "BAD_FECF sorts first");
    }

    @Test
    void bytesThatAreNoReportAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReportCodec.fromBytes(new byte[] { 1, 2, 3 }));
    }
}
