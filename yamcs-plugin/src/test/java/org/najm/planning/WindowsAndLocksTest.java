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

/** Station unavailability windows and locked contacts. */
class WindowsAndLocksTest {

    private final Unavailability maintenance = new Unavailability("RABAT", at("06:00:00"), at("08:00:00"),
            "antenna maintenance");

    @Test
    void noContactInsideAnUnavailabilityWindow() {
        Pass inside = pass("NAJM-4", "RABAT", "06:30:00", "06:42:00");
        Pass straddling = pass("NAJM-2", "RABAT", "07:50:00", "08:05:00");
        Pass otherStation = pass("NAJM-1", "DUBAI", "06:30:00", "06:42:00");
        ContactPlan plan = plan(request(List.of(inside, straddling, otherStation))
                .withUnavailability(List.of(maintenance)));

        Rejection r = plan.rejectionFor(inside).orElseThrow();
        assertEquals(RejectionReason.STATION_UNAVAILABLE, r.reason());
        assertEquals("RABAT unavailable 06:00:00Z-08:00:00Z (antenna maintenance)", r.message());
        Contact trimmed = plan.contactFor(straddling).orElseThrow();
        assertEquals(at("08:00:00"), trimmed.start(), "only the part after the window");
        assertTrue(plan.contactFor(otherStation).isPresent());
    }

    @Test
    void lockedContactsAreKeptAndOthersPlannedAroundThem() {
        // NAJM-2's contact is under way (trimmed earlier to 02:01-02:09); a re-plan at 02:05 keeps it
        Pass underWay = pass("NAJM-2", "ANKARA", "02:00:00", "02:10:00");
        Contact locked = Contact.locked(underWay, at("02:01:00"), at("02:09:00"));
        // a better pass of NAJM-3 over the same antenna must wait for the locked contact and its turnaround
        Pass better = pass("NAJM-3", "ANKARA", "02:06:00", "02:25:00");
        // NAJM-2 elsewhere, overlapping its locked contact: may only continue as a hand-over
        Pass elsewhere = pass("NAJM-2", "SVALBARD", "02:05:00", "02:16:00");
        PlanningRequest req = PlanningRequest.of(List.of(better, underWay, elsewhere), Scenarios.constellation(),
                at("02:05:00")).withLockedContacts(List.of(locked));
        ContactPlan plan = plan(req);

        assertEquals(locked, plan.contactFor(underWay).orElseThrow(), "kept exactly, not re-planned");
        assertTrue(plan.rejectionFor(underWay).isEmpty());
        Contact after = plan.contactFor(better).orElseThrow();
        assertEquals(at("02:11:00"), after.start(), "after the locked contact and 120 s turnaround");
        assertFalse(after.locked());
        Contact handover = plan.contactFor(elsewhere).orElseThrow();
        assertEquals(locked.end(), handover.start());
        assertTrue(handover.handover());
    }

    @Test
    void repredictedPassOfALockedContactIsNotPlannedTwice() {
        Pass original = pass("NAJM-2", "ANKARA", "02:00:00", "02:10:00");
        Pass repredicted = pass("NAJM-2", "ANKARA", "02:00:01", "02:10:02");
        Contact locked = Contact.locked(original, original.aos(), original.los());
        PlanningRequest req = PlanningRequest.of(List.of(repredicted), Scenarios.constellation(), at("02:03:00"))
                .withLockedContacts(List.of(locked));
        ContactPlan plan = plan(req);

        assertEquals(List.of(locked), plan.contacts());
        assertEquals(RejectionReason.ALREADY_LOCKED, plan.rejectionFor(repredicted).orElseThrow().reason());
    }

    @Test
    void lockedContactsCountForFairnessAndMeasures() {
        Pass past = pass("NAJM-1", "SVALBARD", "01:00:00", "01:10:00");
        Contact locked = Contact.locked(past, past.aos(), past.los());
        // equal SVALBARD passes later: NAJM-1 already had its contact today, so NAJM-2 gets this one
        Pass n1 = pass("NAJM-1", "SVALBARD", "03:00:00", "03:10:00");
        Pass n2 = pass("NAJM-2", "SVALBARD", "03:00:00", "03:10:00");
        PlanningRequest req = PlanningRequest.of(List.of(n1, n2), Scenarios.constellation(), at("02:00:00"))
                .withLockedContacts(List.of(locked));
        ContactPlan plan = plan(req);

        assertTrue(plan.contactFor(n2).isPresent());
        assertEquals(RejectionReason.ANTENNA_CONFLICT, plan.rejectionFor(n1).orElseThrow().reason());
        assertEquals(Duration.ofMinutes(20), plan.contactTime("SVALBARD"));
        assertEquals(Duration.ofMinutes(10), plan.contactTime("NAJM-1"));
    }
}
