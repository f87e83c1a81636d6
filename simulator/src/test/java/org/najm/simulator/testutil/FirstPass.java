package org.najm.simulator.testutil;

import java.time.Duration;
import java.time.Instant;

import org.najm.constellation.Constellation;
import org.najm.constellation.Station;
import org.najm.simulator.station.Visibility;

/** Where the socket tests make contact: a spacecraft's first pass over a station on the launch TLEs' day. */
public final class FirstPass {

    private static final Instant LAUNCH_DAY = Instant.parse("2026-11-20T00:00:00Z");

    private FirstPass() {
    }

    public static Visibility.Pass of(Constellation c, int scid, Station station) {
        return Visibility.nextPass(c.spacecraftByScid(scid).orElseThrow(), station, LAUNCH_DAY, Duration.ofDays(1))
                .orElseThrow();
    }
}
