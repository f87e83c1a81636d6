package org.najm.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.planning.Scenarios.at;
import static org.najm.planning.Scenarios.pass;
import static org.najm.planning.Scenarios.plan;
import static org.najm.planning.Scenarios.request;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.passes.Pass;

/** One spacecraft per antenna at a time, 120 s turnaround between contacts, minimum contact 4 min. */
class AntennaRulesTest {

    @Test
    void overlappingPassesAtOneStationGiveOneContactAndNameIt() {
        Pass n3 = pass("NAJM-3", "ANKARA", "02:10:00", "02:21:30");
        Pass n4 = pass("NAJM-4", "ANKARA", "02:12:00", "02:21:00"); // shorter: loses
        ContactPlan plan = plan(request(List.of(n4, n3)));

        assertEquals(List.of(Contact.of(n3, n3.aos(), n3.los(), false)), plan.contacts());
        Rejection r = plan.rejectionFor(n4).orElseThrow();
        assertEquals(RejectionReason.ANTENNA_CONFLICT, r.reason());
        assertTrue(r.message().startsWith("ANKARA antenna busy with NAJM-3 02:10:00Z-02:21:30Z (+120 s turnaround)"),
                r.message());
    }

    @Test
    void passStarting60sAfterAnotherEndsIsTrimmedToLeaveTheTurnaround() {
        Pass first = pass("NAJM-1", "RABAT", "02:00:00", "02:12:00");
        Pass second = pass("NAJM-2", "RABAT", "02:13:00", "02:23:00");
        ContactPlan plan = plan(request(List.of(second, first)));

        Contact a = plan.contactFor(first).orElseThrow();
        Contact b = plan.contactFor(second).orElseThrow();
        assertEquals(first.los(), a.end());
        assertEquals(at("02:14:00"), b.start(), "starts 120 s after the previous contact ends");
        assertEquals(second.los(), b.end());
    }

    @Test
    void passThatTheTurnaroundLeavesTooShortIsRejected() {
        Pass first = pass("NAJM-1", "RABAT", "02:00:00", "02:12:00");
        Pass second = pass("NAJM-2", "RABAT", "02:13:00", "02:17:30"); // 3.5 min left after the turnaround
        ContactPlan plan = plan(request(List.of(first, second)));

        assertEquals(1, plan.contacts().size());
        Rejection r = plan.rejectionFor(second).orElseThrow();
        assertEquals(RejectionReason.ANTENNA_CONFLICT, r.reason());
        assertTrue(r.message().contains("RABAT antenna busy with NAJM-1 02:00:00Z-02:12:00Z (+120 s turnaround)"),
                r.message());
        assertTrue(r.message().contains("leaves at most 3 min 30 s"), r.message());
        assertTrue(r.message().contains("minimum contact of 4 min"), r.message());
    }

    @Test
    void passTrimmedBelowMinimumIsRejectedEvenWithoutTurnaroundIssue() {
        // NAJM-4 fits only the 3 min 50 s before the turnaround of NAJM-1's long contact
        Pass longOne = pass("NAJM-1", "DUBAI", "02:06:00", "02:20:00");
        Pass early = pass("NAJM-4", "DUBAI", "02:00:10", "02:10:00");
        ContactPlan plan = plan(request(List.of(longOne, early)));

        assertEquals(RejectionReason.ANTENNA_CONFLICT, plan.rejectionFor(early).orElseThrow().reason());
        assertTrue(plan.rejectionFor(early).orElseThrow().message().contains("leaves at most 3 min 50 s"));
    }

    @Test
    void threeMinutePassIsTooShort() {
        Pass shortPass = pass("NAJM-2", "ANKARA", "05:00:00", "05:03:00");
        ContactPlan plan = plan(request(List.of(shortPass)));

        assertTrue(plan.contacts().isEmpty());
        Rejection r = plan.rejectionFor(shortPass).orElseThrow();
        assertEquals(RejectionReason.TOO_SHORT, r.reason());
        assertEquals("pass lasts 3 min, below the minimum contact of 4 min", r.message());
    }

    @Test
    void exactlyTheMinimumIsEnoughAndTheMinimumIsAParameter() {
        Pass fourMinutes = pass("NAJM-2", "ANKARA", "05:00:00", "05:04:00");
        assertEquals(1, plan(request(List.of(fourMinutes))).contacts().size());

        PlanningRequest strict = request(List.of(fourMinutes))
                .withParameters(PlanningParameters.DEFAULT.withMinimumContact(Duration.ofMinutes(5)));
        assertEquals(RejectionReason.TOO_SHORT, plan(strict).rejectionFor(fourMinutes).orElseThrow().reason());
    }

    @Test
    void nothingBeforeNowIsPlanned() {
        Pass over = pass("NAJM-1", "DUBAI", "01:00:00", "01:10:00");
        Pass underWay = pass("NAJM-2", "ANKARA", "01:55:00", "02:08:00");
        Pass almostOver = pass("NAJM-3", "RABAT", "01:55:00", "02:03:00");
        PlanningRequest req = PlanningRequest.of(List.of(over, underWay, almostOver), Scenarios.constellation(),
                at("02:00:00"));
        ContactPlan plan = plan(req);

        assertEquals(RejectionReason.IN_THE_PAST, plan.rejectionFor(over).orElseThrow().reason());
        assertEquals(RejectionReason.IN_THE_PAST, plan.rejectionFor(almostOver).orElseThrow().reason());
        assertTrue(plan.rejectionFor(almostOver).orElseThrow().message().contains("only 3 min"));
        Contact c = plan.contactFor(underWay).orElseThrow();
        assertEquals(at("02:00:00"), c.start(), "only the part after now");
        assertFalse(c.locked());
    }
}
