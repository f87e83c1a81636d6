package org.najm.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.automation.AutomationState.ExpectedContact;
import org.najm.automation.AutomationState.StoreLedger;

class AutomationStateTest {

    private static final Instant T = Instant.parse("2026-11-20T03:00:00Z");

    private static ExpectedContact contact(int startMin, int endMin) {
        return new ExpectedContact("SVALBARD", T.plusSeconds(60L * startMin), T.plusSeconds(60L * endMin));
    }

    @Test
    void afterARestartTheContactsThatEndedWhileDownAndWereNeverReportedAreMissed() {
        var a = contact(0, 10);
        var b = contact(100, 110);
        var c = contact(200, 212);
        var d = contact(300, 310);
        AutomationState s = AutomationState.fresh("NAJM-1", 0).withExpected(List.of(d, b, c, a))
                .withLastDone(a.start());
        // restarted at T + 205 min: b ended while down, c is under way (executed normally), d is ahead
        assertEquals(List.of(b), s.endedUnreported(T.plusSeconds(205 * 60)));
        assertEquals(List.of(b, c), s.endedUnreported(T.plusSeconds(212 * 60)), "in start order");
        assertEquals(List.of(a, b), AutomationState.fresh("NAJM-1", 0).withExpected(List.of(b, a))
                .endedUnreported(T.plusSeconds(120 * 60)), "nothing reported yet");
    }

    @Test
    void theLedgerNeverFreesBeyondWhatIsConfirmedAndNeverGoesBack() {
        StoreLedger l = StoreLedger.NONE.confirmed(1_000, 7).deleted(1_000);
        assertEquals(new StoreLedger(1_000, 1_000, 7), l);
        assertEquals(1_000, l.confirmed(900, 7).confirmedUpTo(), "a confirmation never lowers it");
        assertEquals(1_000, l.deleted(900).deletedUpTo());
        assertThrows(IllegalArgumentException.class, () -> l.deleted(1_001));
    }

    @Test
    void theContactBeingExecutedIsForgottenOnceReported() {
        Instant aos = T.plusSeconds(600);
        AutomationState s = AutomationState.fresh("NAJM-1", 0).withExecuting(aos);
        assertTrue(s.wasExecuting(aos), "executing until reported");
        assertFalse(s.withLastDone(T).wasExecuting(T), "another contact reported: still executing this one");
        assertTrue(s.withLastDone(T).wasExecuting(aos));
        assertFalse(s.withLastDone(aos).wasExecuting(aos), "reported");
    }
}
