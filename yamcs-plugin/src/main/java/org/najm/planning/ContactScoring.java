package org.najm.planning;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.passes.Pass;

/**
 * The priority of a candidate pass, in points worth about one minute of contact each:
 *
 * <pre>
 * score = value + owner + science + fairness
 *   value    = usable minutes of the pass (after now, after trimming so far), capped at 15:
 *              longer contacts are worth more, but beyond 15 min a pass should not crowd others out
 *   owner    = 3 if the station's owner is the spacecraft's partner; 0 otherwise and always 0 at a
 *              shared station (SVALBARD), which thus treats all partners alike
 *   science  = 5 x store fill (0..1): a fuller store wins an otherwise even conflict
 *   fairness = 0.2 x (mean over spacecraft of planned/weight - own planned/weight), in minutes,
 *              weight = 1 + store fill: a spacecraft behind its share gains 1 point per 5 minutes it
 *              lags, so nobody starves, and a fuller store's share is up to twice as large
 * </pre>
 *
 * value and owner depend on the pass only; science and fairness on the spacecraft only, and fairness is
 * re-evaluated after every contact chosen. Ties are broken by the planner (AOS, spacecraft, station).
 */
final class ContactScoring {

    static final double MAX_VALUE_MINUTES = 15;
    static final double OWNER_BONUS = 3;
    static final double SCIENCE_WEIGHT = 5;
    static final double FAIRNESS_PER_MINUTE = 0.2;

    private final PlanningRequest request;
    private final Map<String, Spacecraft> spacecraft;
    private final Map<String, Station> stations;

    ContactScoring(PlanningRequest request) {
        this.request = request;
        this.spacecraft = request.constellation().spacecraft().stream()
                .collect(Collectors.toMap(Spacecraft::name, Function.identity()));
        this.stations = request.constellation().stations().stream()
                .collect(Collectors.toMap(Station::name, Function.identity()));
    }

    /** The part of the score that depends on the pass: its value and the owner bonus. */
    double passScore(Pass pass, Duration usable) {
        double value = Math.min(usable.toMillis() / 60_000.0, MAX_VALUE_MINUTES);
        return value + (ownsStation(pass) ? OWNER_BONUS : 0);
    }

    /** The part of the score that depends on the spacecraft: science urgency and fairness, now. */
    double spacecraftScore(String name, PlanState state) {
        double mean = spacecraft.keySet().stream().mapToDouble(s -> weightedMinutes(s, state)).average().orElse(0);
        return SCIENCE_WEIGHT * request.fill(name) + FAIRNESS_PER_MINUTE * (mean - weightedMinutes(name, state));
    }

    boolean ownsStation(Pass pass) {
        Station st = stations.get(pass.station());
        Spacecraft sc = spacecraft.get(pass.spacecraft());
        return st != null && sc != null && !st.isShared() && st.owner().equals(sc.partner());
    }

    private double weightedMinutes(String name, PlanState state) {
        return state.planned(name).toMillis() / 60_000.0 / (1 + request.fill(name));
    }
}
