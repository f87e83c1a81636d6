package org.najm.science.delivery;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.science.delivery.ArchiveClient.Result;

/**
 * Delivers the outbox to the archive, oldest first, one at a time so that the archive sees
 * submissions in order. A failure is retried with exponential backoff for as long as it takes:
 * an archive that is down delays delivery and loses nothing. A submission the archive refuses for
 * its content (400, 413, 422) is set aside (rejected/) for an operator and the next one goes; but
 * when the very next one is refused as well, the archive is taken to refuse everything (it is
 * broken, or its rules changed) and the rest stays pending, retried with backoff like a failure,
 * instead of the whole outbox being set aside one submission after another.
 */
public final class ArchiveForwarder implements Runnable {

    private static final Logger LOG = Logger.getLogger(ArchiveForwarder.class.getName());

    /** What the forwarder did with the result of one attempt. */
    public enum Outcome {
        /** Accepted, moved to delivered/. */
        DELIVERED,
        /** Accepted after one or more failed attempts: delivery works again. */
        RECOVERED,
        /** Refused for its content: moved to rejected/ with the reason. */
        SET_ASIDE,
        /** The first failed attempt after a success (or since start): kept pending, retried. */
        FAILING,
        /** A further failed attempt: still pending, retried with a longer backoff. */
        STILL_FAILING
    }

    /**
     * What happened to a submission, for the accounting and the operators.
     *
     * @param reason the archive's or the connection's words for what went wrong; null when delivered
     */
    public record Delivery(Outbox.Submission submission, Result result, Outcome outcome, String reason) {
    }

    private final Outbox outbox;
    private final ArchiveClient client;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Consumer<Delivery> listener;
    private final Object wakeup = new Object();
    private final AtomicLong failedAttempts = new AtomicLong();
    private volatile boolean running = true;
    private volatile String lastFailure;
    private boolean failing;
    private boolean lastWasRefusal;
    private Thread thread;

    public ArchiveForwarder(Outbox outbox, ArchiveClient client, Duration initialBackoff, Duration maxBackoff,
            Consumer<Delivery> listener) {
        this.outbox = outbox;
        this.client = client;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.listener = listener;
    }

    public void start() {
        thread = new Thread(this, "najm-archive-forwarder");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Something was queued: deliver it now rather than at the next poll. */
    public void wake() {
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    @Override
    public void run() {
        Duration backoff = initialBackoff;
        while (running) {
            try {
                Optional<Outbox.Submission> next = outbox.oldestPending();
                if (next.isEmpty()) {
                    pause(Duration.ofSeconds(1));
                    continue;
                }
                Outbox.Submission s = next.get();
                Result r = client.submit(s.id(), s.text());
                if (r instanceof Result.Accepted a) {
                    outbox.markDelivered(s, a.receipt());
                    listener.accept(new Delivery(s, r, failing ? Outcome.RECOVERED : Outcome.DELIVERED, null));
                    backoff = initialBackoff;
                    lastFailure = null;
                    failing = false;
                    lastWasRefusal = false;
                } else if (r instanceof Result.Refused f && !lastWasRefusal) {
                    LOG.warning("archive refused submission " + s.id() + ", set aside in rejected/: " + f.reason());
                    outbox.markRejected(s, f.reason());
                    lastFailure = "submission " + s.id() + " refused, set aside: " + f.reason();
                    lastWasRefusal = true;
                    listener.accept(new Delivery(s, r, Outcome.SET_ASIDE, f.reason()));
                } else {
                    String reason = r instanceof Result.Refused f
                            ? "the archive refused the previous submission too, so it refuses everything: the"
                                    + " rest stays pending; " + f.reason()
                            : ((Result.Failed) r).reason();
                    failedAttempts.incrementAndGet();
                    lastFailure = reason;
                    LOG.info("delivery of submission " + s.id() + " failed (" + reason + "); retry in " + backoff);
                    listener.accept(new Delivery(s, r, failing ? Outcome.STILL_FAILING : Outcome.FAILING, reason));
                    failing = true;
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                }
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "outbox error; retrying", e);
                sleep(backoff);
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "forwarder error; retrying", e);
                sleep(backoff);
            }
        }
    }

    /** Backoff: new submissions do not shorten it (they wait behind the failing one anyway). */
    private void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Idle: until something is queued, or a second at most. */
    private void pause(Duration d) {
        synchronized (wakeup) {
            try {
                wakeup.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Whether its thread still runs (after {@link #stop()}: until the attempt under way has ended). */
    public boolean isAlive() {
        return thread != null && thread.isAlive();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }

    public String lastFailure() {
        return lastFailure;
    }
}
