package org.najm.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.najm.automation.DumpEvidence.Packet;
import org.najm.automation.DumpEvidence.PacketKey;

class DumpEvidenceTest {

    private static final long FROM = 1_000;
    private static final long TO = 1_100;
    private static final long ALL = Long.MAX_VALUE;

    /** A detection of tracklet {@code t} (index i of n) recorded at {@code second} with sequence count seq. */
    private static Packet det(long second, int seq, long t, int i, int n) {
        return new Packet(second, new PacketKey(second * 1000 + seq, seq), seq, t, i, n);
    }

    private static Packet hk(long second, int seq) {
        return new Packet(second, new PacketKey(second * 1000, seq), seq, -1, 0, 0);
    }

    private static DumpEvidence science(Packet... packets) {
        DumpEvidence e = new DumpEvidence(Store.SCIENCE, FROM, TO);
        for (Packet p : packets) {
            e.packet(Store.SCIENCE, p);
        }
        return e;
    }

    @Test
    void everyAnnouncedPacketInSequenceConfirmsTheWholeRange() {
        DumpEvidence e = science(det(1010, 7, 1, 0, 3), det(1010, 8, 1, 1, 3), det(1010, 9, 1, 2, 3),
                det(1050, 10, 2, 0, 3), det(1050, 11, 2, 1, 3), det(1050, 12, 2, 2, 3));
        e.started(Store.SCIENCE, FROM, TO, 6);
        DumpVerdict v = e.evaluate(7, ALL);
        assertEquals(TO, v.confirmedUpTo());
        assertEquals(13, v.nextSeq());
        assertTrue(v.gaps().isEmpty(), v.gaps().toString());
    }

    @Test
    void aSequenceJumpConfirmsOnlyUpToTheSecondBeforeIt() {
        // seq 9 lost: missing packets may share second 1010, so only up to 1009
        DumpEvidence e = science(det(1005, 5, 1, 0, 3), det(1005, 6, 1, 1, 3), det(1005, 7, 1, 2, 3),
                det(1010, 8, 2, 0, 3), det(1020, 10, 3, 0, 3));
        e.started(Store.SCIENCE, FROM, TO, 9);
        DumpVerdict v = e.evaluate(5, ALL);
        assertEquals(1009, v.confirmedUpTo());
        assertEquals(8, v.nextSeq(), "after the last packet of the prefix (seq 7)");
        assertEquals(1010, v.gaps().get(0).from());
        assertTrue(v.gaps().get(0).what().contains("1 packets missing"), v.gaps().toString());
    }

    @Test
    void theCountAnnouncedRevealsAMissingTail() {
        DumpEvidence e = science(det(1005, 5, 1, 0, 3), det(1005, 6, 1, 1, 3), det(1005, 7, 1, 2, 3),
                det(1040, 8, 2, 0, 4));
        e.started(Store.SCIENCE, FROM, TO, 7);
        DumpVerdict v = e.evaluate(5, ALL);
        assertEquals(1039, v.confirmedUpTo());
        assertEquals(7, v.announced());
        assertEquals(4, v.received());
    }

    @Test
    void anUnknownFirstSequenceCountConfirmsNothingUnlessTheCountMatches() {
        DumpEvidence e = science(det(1005, 5, 1, 0, 3), det(1005, 6, 1, 1, 3), det(1005, 7, 1, 2, 3));
        e.started(Store.SCIENCE, FROM, TO, 4);
        assertEquals(FROM - 1, e.evaluate(-1, ALL).confirmedUpTo(), "the missing one may be the first");
        DumpEvidence whole = science(det(1005, 5, 1, 0, 3), det(1005, 6, 1, 1, 3), det(1005, 7, 1, 2, 3));
        whole.started(Store.SCIENCE, FROM, TO, 3);
        assertEquals(TO, whole.evaluate(-1, ALL).confirmedUpTo());
    }

    @Test
    void aWrongFirstSequenceCountConfirmsNothing() {
        DumpEvidence e = science(det(1005, 6, 1, 1, 3), det(1005, 7, 1, 2, 3));
        e.started(Store.SCIENCE, FROM, TO, 3);
        DumpVerdict v = e.evaluate(5, ALL);
        assertEquals(FROM - 1, v.confirmedUpTo());
        assertEquals(5, v.nextSeq(), "unchanged");
    }

    @Test
    void withoutAnyAnnouncementOnlyTheEndIsInDoubt() {
        DumpEvidence e = science(det(1005, 5, 1, 0, 3), det(1005, 6, 1, 1, 3), det(1005, 7, 1, 2, 3),
                det(1030, 8, 2, 0, 3), det(1030, 9, 2, 1, 3), det(1030, 10, 2, 2, 3));
        DumpVerdict v = e.evaluate(5, ALL);
        assertNull(v.announced());
        assertEquals(1029, v.confirmedUpTo(), "never from completion alone: more may follow in second 1030");
    }

    @Test
    void anIncompleteTrackletEndsThePrefix() {
        // the count matches and the sequence is unbroken, but tracklet 2 says it has 4 detections
        DumpEvidence e = science(det(1005, 5, 1, 0, 3), det(1005, 6, 1, 1, 3), det(1005, 7, 1, 2, 3),
                det(1030, 8, 2, 0, 4), det(1030, 9, 2, 1, 4), det(1030, 10, 2, 3, 4));
        e.started(Store.SCIENCE, FROM, TO, 6);
        DumpVerdict v = e.evaluate(5, ALL);
        assertEquals(1029, v.confirmedUpTo());
        assertTrue(v.gaps().get(0).what().contains("tracklet 2 has 3 of its 4"), v.gaps().toString());
    }

    @Test
    void anEmptyRangeAnnouncedEmptyIsConfirmed() {
        DumpEvidence e = science();
        e.started(Store.SCIENCE, FROM, TO, 0);
        assertEquals(TO, e.evaluate(5, ALL).confirmedUpTo());
        assertEquals(FROM - 1, science().evaluate(5, ALL).confirmedUpTo(), "nothing announced: nothing proven");
    }

    @Test
    void duplicatesOtherStoresOtherRangesAndOtherDumpsAnnouncementsAreIgnored() {
        DumpEvidence e = science(det(1005, 5, 1, 0, 3), det(1005, 5, 1, 0, 3), det(999, 4, 9, 0, 3),
                det(1101, 9, 9, 0, 3));
        e.packet(Store.HK, hk(1006, 77));
        e.done(Store.SCIENCE, 1); // before this dump's DUMP_STARTED: a previous dump's
        e.started(Store.SCIENCE, FROM, TO + 1, 1); // another range
        assertNull(e.announced());
        e.started(Store.SCIENCE, FROM, TO, 1);
        assertEquals(1, e.received());
        assertEquals(1, (int) e.announced());
    }

    @Test
    void theCapLimitsWhatIsConfirmed() {
        DumpEvidence e = science(det(1005, 5, 1, 0, 3), det(1005, 6, 1, 1, 3), det(1005, 7, 1, 2, 3),
                det(1030, 8, 2, 0, 1));
        e.started(Store.SCIENCE, FROM, TO, 4);
        DumpVerdict v = e.evaluate(5, 1029);
        assertEquals(1029, v.confirmedUpTo());
        assertEquals(8, v.nextSeq());
    }

    @Test
    void hkIsConfirmedWholeWhenTheAnnouncedCountArrivedAndNotAtAllOtherwise() {
        DumpEvidence e = new DumpEvidence(Store.HK, FROM, TO);
        e.packet(Store.HK, hk(1000, 1));
        e.packet(Store.HK, hk(1010, 11));
        e.packet(Store.HK, hk(1020, 21));
        e.started(Store.HK, FROM, TO, 4);
        DumpVerdict v = e.evaluate(-1, ALL);
        assertEquals(FROM - 1, v.confirmedUpTo());
        assertTrue(v.gaps().get(0).what().contains("received 3 of the 4"), v.gaps().toString());
        e.packet(Store.HK, hk(1021, 3)); // an EVENT
        assertEquals(TO, e.evaluate(-1, ALL).confirmedUpTo());
        assertEquals(3, e.keysThrough(1020).size());
    }

    @Test
    void announcementsThatDisagreeAreNoted() {
        DumpEvidence e = new DumpEvidence(Store.HK, FROM, TO);
        e.packet(Store.HK, hk(1000, 1));
        e.started(Store.HK, FROM, TO, 1);
        e.done(Store.HK, 2);
        DumpVerdict v = e.evaluate(-1, ALL);
        assertEquals(TO, v.confirmedUpTo(), "DUMP_STARTED's count is the one that counts");
        assertTrue(v.note().contains("DUMP_DONE 2"), v.note());
    }

    @Test
    void sequenceCountsWrapAt14Bits() {
        DumpEvidence e = science(det(1005, 16382, 1, 0, 3), det(1005, 16383, 1, 1, 3), det(1005, 0, 1, 2, 3));
        e.started(Store.SCIENCE, FROM, TO, 3);
        DumpVerdict v = e.evaluate(16382, ALL);
        assertEquals(TO, v.confirmedUpTo());
        assertEquals(1, v.nextSeq());
    }
}
