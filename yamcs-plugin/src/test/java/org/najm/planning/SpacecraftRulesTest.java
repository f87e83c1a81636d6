package org.najm.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.planning.Scenarios.pass;
import static org.najm.planning.Scenarios.plan;
import static org.najm.planning.Scenarios.request;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.passes.Pass;

/** A spacecraft is served by one station at a time, except a deliberate, flagged, non-overlapping hand-over. */
class SpacecraftRulesTest {

    // NAJM-1 over its owner's DUBAI (wins: owner bonus), then over ANKARA, overlapping by 5 min
    private final Pass dubai = pass("NAJM-1", "DUBAI", "03:00:00", "03:10:00");
    private final Pass ankara = pass("NAJM-1", "ANKARA", "03:05:00", "03:15:00");

    @Test
    void overlappingPassesOfOneSpacecraftBecomeAHandover() {
        ContactPlan plan = plan(request(List.of(ankara, dubai)));

        Contact first = plan.contactFor(dubai).orElseThrow();
        Contact second = plan.contactFor(ankara).orElseThrow();
        assertEquals(dubai.aos(), first.start());
        assertEquals(dubai.los(), first.end());
        assertFalse(first.handover());
        assertEquals(first.end(), second.start(), "the second starts where the first ends");
        assertEquals(ankara.los(), second.end());
        assertTrue(second.handover());
        assertTrue(plan.rejections().isEmpty());
    }

    @Test
    void withoutHandoverTheSecondStationIsRejected() {
        PlanningRequest req = request(List.of(ankara, dubai))
                .withParameters(PlanningParameters.DEFAULT.withHandoverAllowed(false));
        ContactPlan plan = plan(req);

        assertEquals(List.of(dubai), plan.contacts().stream().map(Contact::pass).toList());
        Rejection r = plan.rejectionFor(ankara).orElseThrow();
        assertEquals(RejectionReason.SPACECRAFT_ALREADY_SERVED, r.reason());
        assertTrue(r.message().startsWith("NAJM-1 already in contact with DUBAI 03:00:00Z-03:10:00Z"), r.message());
    }

    @Test
    void passInsideAnotherStationsContactIsRejected() {
        Pass svalbard = pass("NAJM-1", "SVALBARD", "03:02:00", "03:08:00");
        ContactPlan plan = plan(request(List.of(svalbard, dubai)));

        assertEquals(RejectionReason.SPACECRAFT_ALREADY_SERVED, plan.rejectionFor(svalbard).orElseThrow().reason());
    }

    @Test
    void handoverWhoseRemainderIsTooShortIsRejected() {
        Pass lateAnkara = pass("NAJM-1", "ANKARA", "03:05:00", "03:12:00"); // only 2 min after DUBAI's LOS
        ContactPlan plan = plan(request(List.of(lateAnkara, dubai)));

        Rejection r = plan.rejectionFor(lateAnkara).orElseThrow();
        assertEquals(RejectionReason.SPACECRAFT_ALREADY_SERVED, r.reason());
        assertTrue(r.message().contains("leaves at most 2 min"), r.message());
    }

    @Test
    void earlierContactChosenLastStillFlagsTheLaterOne() {
        // the 14-min ANKARA pass wins first; DUBAI is trimmed to end where ANKARA starts
        Pass longAnkara = pass("NAJM-1", "ANKARA", "03:06:00", "03:20:00");
        ContactPlan plan = plan(request(List.of(longAnkara, dubai)));

        Contact d = plan.contactFor(dubai).orElseThrow();
        Contact a = plan.contactFor(longAnkara).orElseThrow();
        assertEquals(a.start(), d.end());
        assertTrue(a.handover());
        assertFalse(d.handover());
    }
}
