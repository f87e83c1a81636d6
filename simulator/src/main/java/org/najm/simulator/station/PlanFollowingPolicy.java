package org.najm.simulator.station;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import org.najm.constellation.Station;

/**
 * Points each antenna as the MOC's contact plan says: during a planned contact the station tracks
 * that spacecraft (while it is above the mask), otherwise nothing. Until a plan has been received
 * the stations fall back to {@link FirstRisenPolicy}.
 */
public final class PlanFollowingPolicy implements AntennaPolicy {

    private final ContactScheduleClient schedule;
    private final AntennaPolicy fallback = new FirstRisenPolicy();

    public PlanFollowingPolicy(ContactScheduleClient schedule) {
        this.schedule = schedule;
    }

    @Override
    public OptionalInt choose(Station station, OptionalInt current, List<Candidate> visible, Instant now) {
        var plan = schedule.schedule();
        if (plan.isEmpty()) {
            return fallback.choose(station, current, visible, now);
        }
        for (PlannedContact c : plan.get()) {
            if (c.runningAt(station.name(), now) && visible.stream().anyMatch(v -> v.scid() == c.scid())) {
                return OptionalInt.of(c.scid());
            }
        }
        return OptionalInt.empty();
    }
}
