package org.najm.time;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The simulation clock every NAJM component agrees on: simulated time runs at {@code rate}
 * times the wall clock and equals {@code start} at the wall-clock instant {@code anchor}.
 *
 * <p>The run launcher fixes the anchor once and hands the same three values to Yamcs and to
 * the simulator through the environment, so both read the same time without a handshake.
 */
public final class SimClock {

    public static final String ENV_START = "NAJM_SIM_START";
    public static final String ENV_RATE = "NAJM_SIM_RATE";
    public static final String ENV_ANCHOR = "NAJM_SIM_ANCHOR";
    public static final double MAX_RATE = 1000;

    private final Instant start;
    private final double rate;
    private final long anchorMillis;
    private final Clock wallClock;

    public SimClock(Instant start, double rate, long anchorMillis, Clock wallClock) {
        if (!(rate > 0) || rate > MAX_RATE) {
            throw new IllegalArgumentException("simulation rate must be in (0, " + MAX_RATE + "], got " + rate);
        }
        this.start = start;
        this.rate = rate;
        this.anchorMillis = anchorMillis;
        this.wallClock = wallClock;
    }

    /** A clock that starts at {@code start} now and runs at {@code rate}. */
    public static SimClock startingNow(Instant start, double rate) {
        Clock wall = Clock.systemUTC();
        return new SimClock(start, rate, wall.millis(), wall);
    }

    /** A real-time clock: simulated time is wall-clock time. */
    public static SimClock realTime() {
        Clock wall = Clock.systemUTC();
        long now = wall.millis();
        return new SimClock(Instant.ofEpochMilli(now), 1, now, wall);
    }

    /**
     * Reads {@value #ENV_START} (ISO-8601 UTC, default now), {@value #ENV_RATE} (default 1) and
     * {@value #ENV_ANCHOR} (wall-clock epoch milliseconds, default now).
     *
     * @throws IllegalArgumentException naming the variable that is malformed
     */
    public static SimClock fromEnvironment(Map<String, String> env) {
        Clock wall = Clock.systemUTC();
        long now = wall.millis();
        long anchor = parse(env, ENV_ANCHOR, now, Long::parseLong);
        Instant start = parse(env, ENV_START, Instant.ofEpochMilli(anchor), Instant::parse);
        double rate = parse(env, ENV_RATE, 1.0, Double::parseDouble);
        try {
            return new SimClock(start, rate, anchor, wall);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENV_RATE + ": " + e.getMessage(), e);
        }
    }

    private interface Parser<T> {
        T parse(String s);
    }

    private static <T> T parse(Map<String, String> env, String name, T dflt, Parser<T> parser) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return dflt;
        }
        try {
            return parser.parse(value.trim());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(
                    name + "='" + value + "' is not valid (" + e.getMessage() + ")", e);
        }
    }

    /** The environment that makes another process build an identical clock. */
    public Map<String, String> toEnvironment() {
        return Map.of(ENV_START, start.toString(), ENV_RATE, Double.toString(rate),
                ENV_ANCHOR, Long.toString(anchorMillis));
    }

    /** Simulated time now, in milliseconds since the Unix epoch (UTC). */
    public long millis() {
        return toSimMillis(wallClock.millis());
    }

    public Instant now() {
        return Instant.ofEpochMilli(millis());
    }

    /** The simulated time at a given wall-clock time. */
    public long toSimMillis(long wallMillis) {
        return start.toEpochMilli() + Math.round((wallMillis - anchorMillis) * rate);
    }

    /** The wall-clock time at which the simulation reaches {@code simMillis}. */
    public long toWallMillis(long simMillis) {
        return anchorMillis + Math.round((simMillis - start.toEpochMilli()) / rate);
    }

    /** Wall-clock milliseconds that {@code simMillis} of simulated time take. */
    public long wallDuration(long simMillis) {
        return Math.round(simMillis / rate);
    }

    public Instant start() {
        return start;
    }

    public double rate() {
        return rate;
    }

    public long anchorMillis() {
        return anchorMillis;
    }

    @Override
    public String toString() {
        return "SimClock[start=" + start + ", rate=" + rate + ", anchor=" + Instant.ofEpochMilli(anchorMillis) + "]";
    }
}
