package org.najm.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A contact's identity on the timeline: to the millisecond the timeline stores, not to the nanosecond. */
class ContactTimelineTest {

    static final Instant AOS = Instant.parse("2026-12-02T03:01:02.123456789Z");
    static final Instant LOS = Instant.parse("2026-12-02T03:10:40.500000001Z");

    @Test
    void predictionsNanosecondsApartAreTheSameItem() {
        assertEquals(ContactTimeline.key("NAJM-1", "ANKARA", AOS, LOS),
                ContactTimeline.key("NAJM-1", "ANKARA", AOS.plusNanos(1), LOS.minusNanos(1)));
    }

    @Test
    void contactsAMillisecondApartOrAtAnotherStationAreOtherItems() {
        String key = ContactTimeline.key("NAJM-1", "ANKARA", AOS, LOS);
        assertNotEquals(key, ContactTimeline.key("NAJM-1", "ANKARA", AOS.plusMillis(1), LOS));
        assertNotEquals(key, ContactTimeline.key("NAJM-1", "ANKARA", AOS, LOS.plusMillis(1)));
        assertNotEquals(key, ContactTimeline.key("NAJM-1", "DUBAI", AOS, LOS));
        assertNotEquals(key, ContactTimeline.key("NAJM-2", "ANKARA", AOS, LOS));
    }
}
