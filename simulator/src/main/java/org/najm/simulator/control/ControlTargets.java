package org.najm.simulator.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.najm.simulator.spacecraft.SpacecraftSim;
import org.najm.simulator.station.StationSim;
import org.najm.time.SimClock;

/** What the control API acts on: the stations and spacecraft by their constellation names, and mission time. */
public final class ControlTargets {

    private final Map<String, StationSim> stations = new LinkedHashMap<>();
    private final Map<String, SpacecraftSim> spacecraft = new LinkedHashMap<>();
    private final Map<Integer, String> spacecraftNames = new LinkedHashMap<>();
    private final SimClock clock;

    public ControlTargets(List<StationSim> stations, List<SpacecraftSim> spacecraft, SimClock clock) {
        for (StationSim st : stations) {
            this.stations.put(st.station().name(), st);
        }
        for (SpacecraftSim sc : spacecraft) {
            this.spacecraft.put(sc.name(), sc);
            spacecraftNames.put(sc.scid(), sc.name());
        }
        this.clock = clock;
    }

    /** @throws ControlException 404 naming the known stations */
    StationSim station(String name) {
        StationSim st = stations.get(name);
        if (st == null) {
            throw ControlException.notFound("no station '" + name + "'", "stations", stations.keySet());
        }
        return st;
    }

    /** @throws ControlException 404 naming the known spacecraft */
    SpacecraftSim spacecraft(String name) {
        SpacecraftSim sc = spacecraft.get(name);
        if (sc == null) {
            throw ControlException.notFound("no spacecraft '" + name + "'", "spacecraft", spacecraft.keySet());
        }
        return sc;
    }

    Iterable<StationSim> stations() {
        return stations.values();
    }

    Iterable<SpacecraftSim> spacecraft() {
        return spacecraft.values();
    }

    /** The name of a spacecraft by SCID, or null. */
    String spacecraftName(int scid) {
        return spacecraftNames.get(scid);
    }

    SimClock clock() {
        return clock;
    }
}
