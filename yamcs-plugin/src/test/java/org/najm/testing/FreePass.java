package org.najm.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiPredicate;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.simulator.station.Visibility;
import org.najm.simulator.station.Visibility.Pass;

/**
 * A long pass of one spacecraft over a station whose antenna no other spacecraft wants then: where
 * the integration tests and the command latency benchmark make their contact.
 *
 * @param station where
 * @param pass    the pass, from the simulator's own visibility (the sky the stations see)
 */
public record FreePass(Station station, Pass pass) {

    /** The search starts at the launch TLEs' epoch day, in the early hours. */
    private static final Instant SEARCH_FROM = Instant.parse("2026-11-20T02:00:00Z");

    /**
     * The first pass, hour by hour over a day, of at least {@code minPass}, with no other spacecraft
     * over the station from {@code lead} plus 20 minutes before its AOS to its LOS, that {@code also}
     * accepts.
     */
    public static FreePass find(Constellation c, Spacecraft subject, Duration minPass, Duration lead,
            BiPredicate<Station, Pass> also) {
        for (int hour = 0; hour < 24; hour++) {
            Instant t = SEARCH_FROM.plus(Duration.ofHours(hour));
            for (Station st : c.stations()) {
                Optional<Pass> p = Visibility.nextPass(subject, st, t, Duration.ofHours(1));
                if (p.isPresent() && Duration.between(p.get().aos(), p.get().los()).compareTo(minPass) >= 0
                        && antennaFree(c, subject, st, p.get(), lead) && also.test(st, p.get())) {
                    return new FreePass(st, p.get());
                }
            }
        }
        throw new IllegalStateException("no free pass of " + minPass + " found for " + subject.name());
    }

    private static boolean antennaFree(Constellation c, Spacecraft subject, Station st, Pass p, Duration lead) {
        Instant busyFrom = p.aos().minus(lead).minus(Duration.ofMinutes(20));
        for (Spacecraft other : c.spacecraft()) {
            if (other.equals(subject)) {
                continue;
            }
            Optional<Pass> o = Visibility.nextPass(other, st, busyFrom, Duration.ofHours(1));
            if (o.isPresent() && o.get().aos().isBefore(p.los()) && o.get().los().isAfter(busyFrom)) {
                return false;
            }
        }
        return true;
    }
}
