package org.najm.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.najm.passes.Pass;

/**
 * One planned contact: a spacecraft tracked by a station's antenna from start to end, inside the pass
 * it comes from (possibly only part of it).
 *
 * @param locked   kept from an earlier plan (under way or past); re-planning never changes it
 * @param handover starts where a contact of the same spacecraft at another station ends: a deliberate
 *                 hand-over, never an overlap
 */
public record Contact(String spacecraft, String station, Instant start, Instant end, Pass pass, boolean locked,
        boolean handover) {

    public Contact {
        Objects.requireNonNull(pass, "pass");
        if (!spacecraft.equals(pass.spacecraft()) || !station.equals(pass.station())) {
            throw new IllegalArgumentException("contact " + spacecraft + "/" + station + " does not match its pass "
                    + pass.spacecraft() + "/" + pass.station());
        }
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("contact start " + start + " is not before end " + end);
        }
    }

    /** A contact over the given part of a pass. */
    public static Contact of(Pass pass, Instant start, Instant end, boolean handover) {
        return new Contact(pass.spacecraft(), pass.station(), start, end, pass, false, handover);
    }

    /** A locked contact (already under way or in the past) over the given part of a pass. */
    public static Contact locked(Pass pass, Instant start, Instant end) {
        return new Contact(pass.spacecraft(), pass.station(), start, end, pass, true, false);
    }

    public Contact asLocked() {
        return locked ? this : new Contact(spacecraft, station, start, end, pass, true, handover);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }

    public boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }

    @Override
    public String toString() {
        return spacecraft + " at " + station + " " + Texts.span(start, end) + (locked ? " locked" : "")
                + (handover ? " hand-over" : "");
    }
}
