package org.najm.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins per key (a user name, or a client address): after {@code maxFailures} failures within
 * {@link #WINDOW}, the key is locked for {@link #LOCKOUT} after the last one, even for the right
 * password. Per user name ({@link #MAX_FAILURES}): a password cannot be guessed faster than 5 tries per
 * 15 minutes. Per address ({@link #MAX_FAILURES_PER_ADDRESS}): one address cannot try many names either.
 * The {@value #MAX_NAMES} most recent keys are remembered (an attacker trying random names cannot
 * grow it without bound).
 */
public final class LoginLimiter {

    static final int MAX_FAILURES = 5;
    public static final int MAX_FAILURES_PER_ADDRESS = 50;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    static final int MAX_NAMES = 10_000;

    private final Clock clock;
    private final int maxFailures;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_NAMES;
        }
    };

    LoginLimiter(Clock clock) {
        this(clock, MAX_FAILURES);
    }

    private LoginLimiter(Clock clock, int maxFailures) {
        this.clock = clock;
        this.maxFailures = maxFailures;
    }

    /** The limiter of failed logins per client address. */
    public static LoginLimiter perAddress(Clock clock) {
        return new LoginLimiter(clock, MAX_FAILURES_PER_ADDRESS);
    }

    /** Until when {@code name} is locked, if it is. */
    public synchronized Optional<Instant> lockedUntil(String name) {
        Deque<Instant> f = failures.get(name);
        if (f == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        while (!f.isEmpty() && f.peekFirst().isBefore(now.minus(WINDOW.plus(LOCKOUT)))) {
            f.removeFirst();
        }
        if (f.size() < maxFailures) {
            return Optional.empty();
        }
        Instant last = f.peekLast();
        Instant first = f.stream().skip(f.size() - maxFailures).findFirst().orElseThrow();
        Instant until = last.plus(LOCKOUT);
        return Duration.between(first, last).compareTo(WINDOW) <= 0 && until.isAfter(now) ? Optional.of(until)
                : Optional.empty();
    }

    public synchronized void failed(String name) {
        Deque<Instant> f = failures.computeIfAbsent(name, n -> new ArrayDeque<>());
        f.addLast(clock.instant());
        while (f.size() > maxFailures) {
            f.removeFirst();
        }
    }

    synchronized void succeeded(String name) {
        failures.remove(name);
    }
}
