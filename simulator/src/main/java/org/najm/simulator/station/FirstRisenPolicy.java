package org.najm.simulator.station;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;

import org.najm.constellation.Station;

/** Keeps the current spacecraft until it sets; then takes the one that rose first (ties: lowest SCID). */
public final class FirstRisenPolicy implements AntennaPolicy {

    @Override
    public OptionalInt choose(Station station, OptionalInt current, List<Candidate> visible, Instant now) {
        if (current.isPresent() && visible.stream().anyMatch(c -> c.scid() == current.getAsInt())) {
            return current;
        }
        return visible.stream()
                .min(Comparator.comparing(Candidate::rise).thenComparingInt(Candidate::scid))
                .map(c -> OptionalInt.of(c.scid()))
                .orElse(OptionalInt.empty());
    }
}
