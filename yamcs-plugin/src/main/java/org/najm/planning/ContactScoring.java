package org.najm.planning;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
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
        return spacecraftScore(name, state, meanWeightedMinutes(state));
    }

    /**
     * The same, with the mean over spacecraft of planned/weight already worked out (it is common to all
     * spacecraft and only changes when a contact is booked, so the planner computes it once per booking).
     */
    double spacecraftScore(String name, PlanState state, double mean) {
        return SCIENCE_WEIGHT * request.fill(name) + FAIRNESS_PER_MINUTE * (mean - weightedMinutes(name, state));
    }

    /**
     * The spacecraft scores kept up to date as contacts are booked, for the planner: the same values as
     * {@link #spacecraftScore(String, PlanState)}, bit for bit (same terms, same order of summation), but
     * a booking only recomputes the booked spacecraft's share instead of every spacecraft's.
     */
    final class Shares {
        private final String[] names = spacecraft.keySet().toArray(new String[0]); // the order of the mean
        private final Map<String, Integer> index = new HashMap<>();
        private final double[] weighted = new double[names.length];
        private final double[] fills = new double[names.length];
        private final PlanState state;

        Shares(PlanState state) {
            this.state = state;
            for (int i = 0; i < names.length; i++) {
                index.put(names[i], i);
                weighted[i] = weightedMinutes(names[i], state);
                fills[i] = request.fill(names[i]);
            }
        }

        /** After a contact of this spacecraft was booked. */
        void booked(String name) {
            Integer i = index.get(name);
            if (i != null) {
                weighted[i] = weightedMinutes(name, state);
            }
        }

        double mean() {
            return Arrays.stream(weighted).average().orElse(0);
        }

        /** The position of a spacecraft in {@link #spacecraftScore(int, double)}, -1 if not in the constellation. */
        int indexOf(String name) {
            Integer i = index.get(name);
            return i == null ? -1 : i;
        }

        double spacecraftScore(int i, double mean) {
            return SCIENCE_WEIGHT * fills[i] + FAIRNESS_PER_MINUTE * (mean - weighted[i]);
        }

        double spacecraftScore(String name, double mean) {
            Integer i = index.get(name);
            double own = i != null ? weighted[i] : weightedMinutes(name, state);
            return SCIENCE_WEIGHT * request.fill(name) + FAIRNESS_PER_MINUTE * (mean - own);
        }
    }

    /** Mean over the constellation's spacecraft of planned minutes / (1 + store fill). */
    double meanWeightedMinutes(PlanState state) {
        return spacecraft.keySet().stream().mapToDouble(s -> weightedMinutes(s, state)).average().orElse(0);
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
