package org.najm.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.passes.Pass;

/**
 * Rejects, before any choice is made, the passes that no choice of other contacts could make plannable.
 * Passes that locked contacts were made from are not screened here: they are planned, as those contacts.
 */
final class PassScreening {

    private final PlanningRequest request;
    private final Set<String> spacecraft;
    private final Set<String> stations;
    private final Map<String, List<Contact>> lockedBySpacecraftAndStation = new HashMap<>();

    PassScreening(PlanningRequest request) {
        this.request = request;
        this.spacecraft = request.constellation().spacecraft().stream().map(Spacecraft::name)
                .collect(Collectors.toSet());
        this.stations = request.constellation().stations().stream().map(Station::name).collect(Collectors.toSet());
        for (Contact c : request.lockedContacts()) { // in request order: the first match names the contact
            lockedBySpacecraftAndStation.computeIfAbsent(c.spacecraft() + '\n' + c.station(), k -> new ArrayList<>())
                    .add(c);
        }
    }

    Optional<Rejection> screen(Pass pass) {
        Instant now = request.now();
        Duration min = request.minimumContact();
        if (!spacecraft.contains(pass.spacecraft())) {
            return reject(pass, RejectionReason.NOT_IN_CONSTELLATION,
                    "spacecraft " + pass.spacecraft() + " is not in the constellation");
        }
        if (!stations.contains(pass.station())) {
            return reject(pass, RejectionReason.NOT_IN_CONSTELLATION,
                    "station " + pass.station() + " is not in the constellation");
        }
        for (Contact c : lockedBySpacecraftAndStation.getOrDefault(pass.spacecraft() + '\n' + pass.station(),
                List.of())) {
            // e.g. the same pass predicted again from a newer TLE: the locked contact already serves it
            if (c.spacecraft().equals(pass.spacecraft()) && c.station().equals(pass.station())
                    && c.overlaps(pass.aos(), pass.los())) {
                return reject(pass, RejectionReason.ALREADY_LOCKED,
                        "already served by the locked contact " + c.spacecraft() + " at " + c.station() + " "
                                + Texts.span(c.start(), c.end()) + " (re-planning never changes a locked contact)");
            }
        }
        if (!pass.los().isAfter(now)) {
            return reject(pass, RejectionReason.IN_THE_PAST,
                    "pass ended at " + Texts.time(pass.los()) + ", before now " + Texts.time(now));
        }
        if (pass.duration().compareTo(min) < 0) {
            return reject(pass, RejectionReason.TOO_SHORT, "pass lasts " + Texts.duration(pass.duration())
                    + ", below the minimum contact of " + Texts.duration(min));
        }
        Duration left = Duration.between(now, pass.los());
        if (left.compareTo(min) < 0) {
            return reject(pass, RejectionReason.IN_THE_PAST, "only " + Texts.duration(left)
                    + " of the pass left after now " + Texts.time(now) + ", below the minimum contact of "
                    + Texts.duration(min));
        }
        return Optional.empty();
    }

    private static Optional<Rejection> reject(Pass pass, RejectionReason reason, String message) {
        return Optional.of(new Rejection(pass, reason, message));
    }
}
