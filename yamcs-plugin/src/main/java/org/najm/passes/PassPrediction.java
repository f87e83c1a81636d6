package org.najm.passes;

import java.time.Instant;
import java.util.List;

import org.najm.constellation.Station;

/** Predicts the passes of spacecraft over stations. */
public interface PassPrediction {

    /**
     * Every pass of every spacecraft over every station (elevation above the station's mask, no
     * refraction) in [start, end], clipped to it, sorted by AOS, then spacecraft, then station.
     */
    List<Pass> predict(List<SpacecraftTle> sats, List<Station> stations, Instant start, Instant end);
}
