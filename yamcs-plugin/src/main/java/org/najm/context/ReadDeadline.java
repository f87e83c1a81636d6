package org.najm.context;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a read that Yamcs completes on its own reader thread, within a deadline, so no caller hangs on it. */
final class ReadDeadline {

    /** How long a read may take before it is given up. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ReadDeadline() {
    }

    /**
     * The result of {@code read}, once complete.
     *
     * @param what what is read, for the messages
     * @throws IllegalStateException when the read failed, took longer than {@link #TIMEOUT}, or the wait was
     *                               interrupted
     */
    static <T> T await(CompletableFuture<T> read, String what) {
        try {
            return read.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + what, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("reading " + what + " took over " + TIMEOUT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read " + what + ": " + e.getCause(), e.getCause());
        }
    }
}
