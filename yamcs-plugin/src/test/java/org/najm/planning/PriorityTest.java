package org.najm.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.planning.Scenarios.SPACECRAFT;
import static org.najm.planning.Scenarios.pass;
import static org.najm.planning.Scenarios.plan;
import static org.najm.planning.Scenarios.request;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.najm.passes.Pass;

/** Owner preference, the shared polar station, science urgency and fairness. */
class PriorityTest {

    private static String winner(ContactPlan plan) {
        assertEquals(1, plan.contacts().size(), plan.toString());
        return plan.contacts().get(0).spacecraft();
    }

    @Test
    void ownerStationFavoursItsOwnersSpacecraft() {
        // NAJM-2 has the (slightly) better pass, but DUBAI belongs to alpha, NAJM-1's partner
        Pass n1 = pass("NAJM-1", "DUBAI", "04:00:00", "04:10:00");
        Pass n2 = pass("NAJM-2", "DUBAI", "04:00:00", "04:10:30");
        assertEquals("NAJM-1", winner(plan(request(List.of(n2, n1)))));

        // and ANKARA (bravo) favours NAJM-2 the same way
        Pass a1 = pass("NAJM-1", "ANKARA", "04:00:00", "04:10:30");
        Pass a2 = pass("NAJM-2", "ANKARA", "04:00:00", "04:10:00");
        assertEquals("NAJM-2", winner(plan(request(List.of(a1, a2)))));
    }

    @Test
    void equalPassesAtOwnerStationGoToTheOwner() {
        // with equal passes the tie-break alone would pick NAJM-1 (name order): RABAT (delta) picks NAJM-4
        Pass n1 = pass("NAJM-1", "RABAT", "04:00:00", "04:10:00");
        Pass n4 = pass("NAJM-4", "RABAT", "04:00:00", "04:10:00");
        assertEquals("NAJM-4", winner(plan(request(List.of(n1, n4)))));
        Pass d1 = pass("NAJM-1", "DUBAI", "04:00:00", "04:10:00");
        Pass d2 = pass("NAJM-2", "DUBAI", "04:00:00", "04:10:00");
        assertEquals("NAJM-1", winner(plan(request(List.of(d2, d1)))));
    }

    @Test
    void sharedSvalbardPrefersNoPartner() {
        // the same passes as at DUBAI: at SVALBARD the better pass wins, whoever's partner owns what
        Pass n1 = pass("NAJM-1", "SVALBARD", "04:00:00", "04:10:00");
        Pass n2 = pass("NAJM-2", "SVALBARD", "04:00:00", "04:10:30");
        assertEquals("NAJM-2", winner(plan(request(List.of(n1, n2)))));
        // and with truly equal passes only the documented tie-break decides (name order)
        Pass e4 = pass("NAJM-4", "SVALBARD", "04:00:00", "04:10:00");
        assertEquals("NAJM-1", winner(plan(request(List.of(e4, n1)))));
    }

    @Test
    void fullerScienceStoreWinsAnEvenConflict() {
        Pass n1 = pass("NAJM-1", "SVALBARD", "04:00:00", "04:10:00");
        Pass n3 = pass("NAJM-3", "SVALBARD", "04:00:00", "04:10:00");
        PlanningRequest req = request(List.of(n1, n3)).withScienceFill(Map.of("NAJM-1", 0.2, "NAJM-3", 0.7));
        assertEquals("NAJM-3", winner(plan(req)));
        // swapped fills, swapped winner
        assertEquals("NAJM-1", winner(plan(req.withScienceFill(Map.of("NAJM-1", 0.7, "NAJM-3", 0.2)))));
    }

    @Test
    void fullerScienceStoreGetsMoreContactTimeOverADay() {
        PlanningRequest req = request(Scenarios.crowdedSvalbardDay())
                .withScienceFill(Map.of("NAJM-1", 0.1, "NAJM-2", 0.1, "NAJM-3", 0.9, "NAJM-4", 0.1));
        ContactPlan plan = plan(req);

        Duration full = plan.contactTime("NAJM-3");
        for (String sc : List.of("NAJM-1", "NAJM-2", "NAJM-4")) {
            assertTrue(full.compareTo(plan.contactTime(sc)) > 0, sc + " " + plan.contactTimeBySpacecraft());
        }
        // but the fuller store does not take everything
        for (String sc : SPACECRAFT) {
            assertTrue(plan.contactTime(sc).compareTo(Duration.ZERO) > 0, sc + " " + plan.contactTimeBySpacecraft());
        }
    }

    @Test
    void everySpacecraftGetsAFairShareOverADay() {
        // NAJM-4's passes are always 2 minutes shorter: pure "longest pass first" would never serve it
        PlanningRequest req = request(Scenarios.crowdedSvalbardDay(Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofMinutes(2)));
        ContactPlan plan = plan(req);

        double mean = plan.totalContactTime().toSeconds() / 4.0;
        for (String sc : SPACECRAFT) {
            assertTrue(plan.contactTime(sc).toSeconds() >= mean / 2, sc + " " + plan.contactTimeBySpacecraft());
        }
    }
}
