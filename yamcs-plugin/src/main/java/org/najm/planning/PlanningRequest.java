package org.najm.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.najm.constellation.Constellation;
import org.najm.passes.Pass;

/**
 * Everything one planning run depends on; the plan is a function of this value alone.
 *
 * @param passes         candidate passes (any order: the planner sorts them)
 * @param constellation  spacecraft (partner), stations (owner, "shared") and the antenna turnaround
 * @param scienceFill    science store fill fraction 0..1 per spacecraft name, from telemetry; missing = 0
 * @param unavailability windows in which a station takes no contact
 * @param lockedContacts contacts under way or past: kept exactly, and their antenna time respected
 * @param now            planning time: nothing before it is planned
 * @param parameters     minimum contact and hand-over rule
 */
public record PlanningRequest(List<Pass> passes, Constellation constellation, Map<String, Double> scienceFill,
        List<Unavailability> unavailability, List<Contact> lockedContacts, Instant now,
        PlanningParameters parameters) {

    public PlanningRequest {
        Objects.requireNonNull(constellation, "constellation");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(parameters, "parameters");
        passes = List.copyOf(passes);
        scienceFill = Map.copyOf(scienceFill);
        unavailability = List.copyOf(unavailability);
        lockedContacts = lockedContacts.stream().map(Contact::asLocked).toList();
        scienceFill.forEach((sc, f) -> {
            if (!(f >= 0 && f <= 1)) {
                throw new IllegalArgumentException("science fill of " + sc + " must be within 0..1, got " + f);
            }
        });
        if (constellation.turnaroundSeconds() < 0) {
            throw new IllegalArgumentException("negative turnaround " + constellation.turnaroundSeconds());
        }
    }

    /** A request with no fill information, no unavailability, no locked contacts and default parameters. */
    public static PlanningRequest of(List<Pass> passes, Constellation constellation, Instant now) {
        return new PlanningRequest(passes, constellation, Map.of(), List.of(), List.of(), now,
                PlanningParameters.DEFAULT);
    }

    public PlanningRequest withScienceFill(Map<String, Double> fill) {
        return new PlanningRequest(passes, constellation, fill, unavailability, lockedContacts, now, parameters);
    }

    public PlanningRequest withUnavailability(List<Unavailability> windows) {
        return new PlanningRequest(passes, constellation, scienceFill, windows, lockedContacts, now, parameters);
    }

    public PlanningRequest withLockedContacts(List<Contact> locked) {
        return new PlanningRequest(passes, constellation, scienceFill, unavailability, locked, now, parameters);
    }

    public PlanningRequest withPasses(List<Pass> p) {
        return new PlanningRequest(p, constellation, scienceFill, unavailability, lockedContacts, now, parameters);
    }

    public PlanningRequest withParameters(PlanningParameters p) {
        return new PlanningRequest(passes, constellation, scienceFill, unavailability, lockedContacts, now, p);
    }

    public double fill(String spacecraft) {
        return scienceFill.getOrDefault(spacecraft, 0.0);
    }

    public Duration turnaround() {
        return Duration.ofSeconds(constellation.turnaroundSeconds());
    }

    public Duration minimumContact() {
        return parameters.minimumContact();
    }
}
