package org.najm.it;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, instead of sleeping and hoping. */
final class Poll {

    private Poll() {
    }

    /** Polls until {@code probe} returns a value, or fails with {@code what} after {@code timeout}. */
    static <T> T until(Duration timeout, String what, Supplier<Optional<T>> probe) {
        return until(timeout, what, probe, () -> "");
    }

    /** As above; {@code lastSeen} describes the last observation when it times out. */
    static <T> T until(Duration timeout, String what, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; last seen: "
                        + lastSeen.get());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
