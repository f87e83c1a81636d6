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
 * Failed logins per user name: after {@value #MAX_FAILURES} failures within {@link #WINDOW}, the name
 * is locked for {@link #LOCKOUT} after the last one, even for the right password, so that a password
 * cannot be guessed faster than {@value #MAX_FAILURES} tries per 15 minutes. The names of the
 * {@value #MAX_NAMES} most recent failures are remembered (an attacker trying random names cannot
 * grow it without bound).
 */
final class LoginLimiter {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    static final Duration LOCKOUT = Duration.ofMinutes(15);
    static final int MAX_NAMES = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_NAMES;
        }
    };

    LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Until when {@code name} is locked, if it is. */
    synchronized Optional<Instant> lockedUntil(String name) {
        Deque<Instant> f = failures.get(name);
        if (f == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        while (!f.isEmpty() && f.peekFirst().isBefore(now.minus(WINDOW.plus(LOCKOUT)))) {
            f.removeFirst();
        }
        if (f.size() < MAX_FAILURES) {
            return Optional.empty();
        }
        Instant last = f.peekLast();
        Instant first = f.stream().skip(f.size() - MAX_FAILURES).findFirst().orElseThrow();
        Instant until = last.plus(LOCKOUT);
        return Duration.between(first, last).compareTo(WINDOW) <= 0 && until.isAfter(now) ? Optional.of(until)
                : Optional.empty();
    }

    synchronized void failed(String name) {
        Deque<Instant> f = failures.computeIfAbsent(name, n -> new ArrayDeque<>());
        f.addLast(clock.instant());
        while (f.size() > MAX_FAILURES) {
            f.removeFirst();
        }
    }

    synchronized void succeeded(String name) {
        failures.remove(name);
    }
}
