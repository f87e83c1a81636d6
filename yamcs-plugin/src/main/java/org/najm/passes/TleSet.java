package org.najm.passes;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;

/**
 * The TLEs in force, one per spacecraft, by name. Immutable: an accepted upload gives a new set,
 * a refused one leaves this set as it was (uploads are all-or-nothing).
 */
public final class TleSet {

    private final Map<String, SpacecraftTle> byName;

    private TleSet(Map<String, SpacecraftTle> byName) {
        this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    }

    /** A set of the given TLEs; the last one wins for a spacecraft listed twice. */
    public static TleSet of(Collection<SpacecraftTle> tles) {
        Map<String, SpacecraftTle> m = new TreeMap<>();
        for (SpacecraftTle t : tles) {
            m.put(t.spacecraft(), t);
        }
        return new TleSet(m);
    }

    /** The launch TLEs of the constellation description. */
    public static TleSet launch(Constellation constellation, TleParser parser) {
        List<SpacecraftTle> tles = new ArrayList<>();
        for (Spacecraft s : constellation.spacecraft()) {
            tles.addAll(parser.parse(String.join("\n", s.tle())));
        }
        return of(tles);
    }

    /**
     * Applies an upload: every TLE must be valid and newer than the one it replaces.
     *
     * @return the new set; this one is unchanged
     * @throws TleUploadException naming each bad line and why; nothing is applied
     */
    public TleSet withUpload(String text, TleParser parser) {
        Map<String, SpacecraftTle> m = new TreeMap<>(byName);
        for (SpacecraftTle t : parser.parse(text, byName)) {
            m.put(t.spacecraft(), t);
        }
        return new TleSet(m);
    }

    public Optional<SpacecraftTle> get(String spacecraft) {
        return Optional.ofNullable(byName.get(spacecraft));
    }

    /** By spacecraft name, sorted. */
    public Map<String, SpacecraftTle> asMap() {
        return byName;
    }

    /** All TLEs, sorted by spacecraft name: the predictors' input. */
    public List<SpacecraftTle> all() {
        return List.copyOf(byName.values());
    }
}
