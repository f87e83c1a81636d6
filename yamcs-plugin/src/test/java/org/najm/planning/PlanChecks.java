package org.najm.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.najm.passes.Pass;

/** The rules every plan must keep, whatever the scenario; every test runs them. */
final class PlanChecks {

    private PlanChecks() {
    }

    static void assertConsistent(PlanningRequest request, ContactPlan plan) {
        List<Contact> contacts = plan.contacts();
        Duration turnaround = request.turnaround();

        // every input pass is planned (its contact, possibly locked) or rejected, exactly once
        Map<Pass, Integer> accounted = new HashMap<>();
        contacts.forEach(c -> accounted.merge(c.pass(), 1, Integer::sum));
        plan.rejections().forEach(r -> accounted.merge(r.pass(), 1, Integer::sum));
        for (Pass p : request.passes()) {
            assertEquals(1, accounted.getOrDefault(p, 0), "planned or rejected exactly once: " + p);
        }
        for (Contact c : contacts) {
            assertTrue(c.locked() || request.passes().contains(c.pass()), "contact from an input pass: " + c);
        }
        plan.rejections().forEach(r -> assertFalse(r.message().isBlank(), "rejection says why: " + r));

        // sorted by start, then station
        for (int i = 1; i < contacts.size(); i++) {
            assertTrue(ContactPlan.CONTACT_ORDER.compare(contacts.get(i - 1), contacts.get(i)) <= 0, "sorted");
        }
        // locked contacts kept exactly
        for (Contact l : request.lockedContacts()) {
            assertTrue(contacts.contains(l), "locked contact kept: " + l);
        }

        for (int i = 0; i < contacts.size(); i++) {
            Contact a = contacts.get(i);
            for (int j = i + 1; j < contacts.size(); j++) {
                Contact b = contacts.get(j);
                if (a.station().equals(b.station())) {
                    assertFalse(a.start().isBefore(b.end().plus(turnaround))
                            && b.start().isBefore(a.end().plus(turnaround)),
                            "antenna exclusive with turnaround: " + a + " / " + b);
                }
                if (a.spacecraft().equals(b.spacecraft())) {
                    assertFalse(a.overlaps(b.start(), b.end()), "one station at a time: " + a + " / " + b);
                }
            }
            if (a.locked()) {
                continue;
            }
            Pass p = a.pass();
            Instant earliest = p.aos().isAfter(request.now()) ? p.aos() : request.now();
            assertFalse(a.start().isBefore(earliest), "not before AOS or now: " + a);
            assertFalse(a.end().isAfter(p.los()), "not after LOS: " + a);
            assertTrue(a.duration().compareTo(request.minimumContact()) >= 0, "minimum contact: " + a);
            for (Unavailability u : request.unavailability()) {
                assertFalse(u.station().equals(a.station()) && u.overlaps(a.start(), a.end()),
                        "not in " + u + ": " + a);
            }
            boolean abuts = contacts.stream().anyMatch(o -> o.spacecraft().equals(a.spacecraft())
                    && !o.station().equals(a.station()) && o.end().equals(a.start()));
            assertEquals(abuts, a.handover(), "hand-over flag iff starting where another station's ends: " + a);
        }

        // the measures add up
        Duration total = contacts.stream().map(Contact::duration).reduce(Duration.ZERO, Duration::plus);
        assertEquals(total, plan.totalContactTime());
        assertEquals(total, plan.contactTimeByStation().values().stream().reduce(Duration.ZERO, Duration::plus));
        for (String sc : plan.contactTimeBySpacecraft().keySet()) {
            assertEquals(plan.contactsOf(sc).stream().map(Contact::duration).reduce(Duration.ZERO, Duration::plus),
                    plan.contactTimeBySpacecraft().get(sc));
        }
    }
}
