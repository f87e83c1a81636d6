package org.najm.passes;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.orekit.propagation.analytical.tle.TLE;

/**
 * One spacecraft's TLE as accepted: the original text lines (so that what an operator uploaded
 * is what is archived and shown, not Orekit's re-formatting), the parsed Orekit {@link TLE} and
 * its epoch. Immutable.
 *
 * @param spacecraft spacecraft name, e.g. "NAJM-1"
 * @param lines      the original lines: line 1 and line 2, or a name line then both
 * @param tle        the parsed elements
 * @param epoch      the epoch, exact to the TLE's 1e-8 day resolution (parsed from the text)
 */
public record SpacecraftTle(String spacecraft, List<String> lines, TLE tle, Instant epoch) {

    public SpacecraftTle {
        Objects.requireNonNull(spacecraft, "spacecraft");
        Objects.requireNonNull(tle, "tle");
        Objects.requireNonNull(epoch, "epoch");
        lines = List.copyOf(lines);
        if (lines.size() < 2 || lines.size() > 3) {
            throw new IllegalArgumentException("a TLE has 2 or 3 lines, got " + lines.size());
        }
    }

    /** TLE line 1, as uploaded. */
    public String line1() {
        return lines.get(lines.size() - 2);
    }

    /** TLE line 2, as uploaded. */
    public String line2() {
        return lines.get(lines.size() - 1);
    }

    /** The catalog (NORAD) number. */
    public int catalogNumber() {
        return tle.getSatelliteNumber();
    }
}
