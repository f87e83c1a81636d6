package org.najm.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.planning.Scenarios.SPACECRAFT;
import static org.najm.planning.Scenarios.STATIONS;
import static org.najm.planning.Scenarios.at;
import static org.najm.planning.Scenarios.pass;
import static org.najm.planning.Scenarios.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.najm.passes.Pass;

/** Same inputs, same plan; every pass accounted for; a realistic day keeps every rule. */
class DeterminismAndRealisticDayTest {

    /** A day with a bit of everything: fills, maintenance windows, a contact under way, re-planning at ~01:00. */
    private static PlanningRequest realisticRequest(List<Pass> passes) {
        Pass underWay = passes.stream().filter(p -> !p.aos().isBefore(at("01:00:00"))
                && p.duration().compareTo(Duration.ofMinutes(5)) > 0).min(PassOrder.CANONICAL).orElseThrow();
        return PlanningRequest.of(passes, Scenarios.constellation(), underWay.aos().plusSeconds(120))
                .withScienceFill(Map.of("NAJM-1", 0.35, "NAJM-2", 0.8, "NAJM-3", 0.1, "NAJM-4", 0.55))
                .withUnavailability(List.of(new Unavailability("RABAT", at("10:00:00"), at("13:30:00"), "maintenance"),
                        new Unavailability("SVALBARD", at("18:00:00"), at("18:45:00"), "power test")))
                .withLockedContacts(List.of(Contact.locked(underWay, underWay.aos(), underWay.los())));
    }

    @Test
    void shuffledInputGivesTheIdenticalPlan() {
        List<Pass> passes = Scenarios.realisticDay(7);
        PlanningRequest request = realisticRequest(passes);
        ContactPlan reference = plan(request);
        Random rnd = new Random(42);
        for (int i = 0; i < 5; i++) {
            List<Pass> shuffled = new ArrayList<>(passes);
            Collections.shuffle(shuffled, rnd);
            ContactPlan again = plan(request.withPasses(shuffled));
            assertEquals(reference, again, "run " + i);
        }
        assertEquals(reference, new ContactPlanner().plan(request), "a second run of the same request");
    }

    @Test
    void everyPassIsPlannedOrRejectedWithAReason() {
        List<Pass> passes = new ArrayList<>(Scenarios.realisticDay(11));
        passes.add(pass("NAJM-9", "DUBAI", "05:00:00", "05:10:00"));
        passes.add(pass("NAJM-1", "HOBART", "05:00:00", "05:10:00"));
        PlanningRequest request = realisticRequest(passes);
        ContactPlan plan = plan(request); // PlanChecks: exactly one contact or rejection per pass

        assertEquals(passes.size(), plan.contacts().size() + plan.rejections().size());
        assertEquals(RejectionReason.NOT_IN_CONSTELLATION, plan.rejectionFor(passes.get(passes.size() - 1))
                .orElseThrow().reason());
        for (Rejection r : plan.rejections()) {
            assertTrue(r.message().length() > 10, r.toString());
        }
    }

    @Test
    void realisticDayKeepsEveryRuleAndServesEveryone() {
        for (long seed = 1; seed <= 20; seed++) {
            PlanningRequest request = realisticRequest(Scenarios.realisticDay(seed));
            ContactPlan plan = plan(request);

            double mean = plan.totalContactTime().toSeconds() / 4.0;
            for (String sc : SPACECRAFT) {
                assertTrue(plan.contactTime(sc).toSeconds() >= mean / 2,
                        "seed " + seed + " " + sc + " " + plan.contactTimeBySpacecraft());
            }
            for (String st : STATIONS) {
                assertTrue(plan.contactTime(st).compareTo(Duration.ZERO) > 0, "seed " + seed + " " + st);
            }
            // the polar station sees almost every orbit: it carries most of the contact time
            for (String st : STATIONS.subList(1, STATIONS.size())) {
                assertTrue(plan.contactTime("SVALBARD").compareTo(plan.contactTime(st)) > 0, "seed " + seed);
            }
            if (seed == 1) {
                System.out.println(describe(plan));
            }
        }
    }

    private static String describe(ContactPlan plan) {
        StringBuilder s = new StringBuilder("contacts: " + plan.contacts().size() + ", rejections: "
                + plan.rejections().size() + "\nby spacecraft " + plan.contactTimeBySpacecraft()
                + "\nby station " + plan.contactTimeByStation() + "\n");
        plan.contacts().forEach(c -> s.append("  ").append(c).append('\n'));
        plan.rejections().forEach(r -> s.append("  ").append(r).append('\n'));
        return s.toString();
    }
}
