package org.najm.constellation;

import java.util.List;

/**
 * One spacecraft of the constellation (ICD section 1).
 *
 * @param name        e.g. "NAJM-1"
 * @param instance    the Yamcs instance that operates it, e.g. "najm-1"
 * @param scid        CCSDS spacecraft id
 * @param partner     the partner agency that owns and commands it
 * @param stationCode MPC/ADES observatory code
 * @param noradId     catalog number of its TLEs
 * @param tle         the launch TLE: two lines, or three with a name line first
 */
public record Spacecraft(String name, String instance, int scid, String partner, String stationCode,
        int noradId, List<String> tle) {

    public Spacecraft {
        tle = List.copyOf(tle);
    }

    /** TLE line 1 (the line starting with "1 "). */
    public String tleLine1() {
        return tle.get(tle.size() - 2);
    }

    /** TLE line 2 (the line starting with "2 "). */
    public String tleLine2() {
        return tle.get(tle.size() - 1);
    }
}
