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
 * an archive that is down delays delivery and loses nothing. A refused submission is set aside
 * (rejected/) for an operator and the next one goes.
 */
public final class ArchiveForwarder implements Runnable {

    private static final Logger LOG = Logger.getLogger(ArchiveForwarder.class.getName());

    /** What happened to a submission, for the accounting. */
    public record Delivery(Outbox.Submission submission, Result result) {
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
                listener.accept(new Delivery(s, r));
                if (r instanceof Result.Accepted a) {
                    outbox.markDelivered(s, a.receipt());
                    backoff = initialBackoff;
                    lastFailure = null;
                } else if (r instanceof Result.Refused f) {
                    LOG.warning("archive refused submission " + s.id() + ", set aside in rejected/: " + f.reason());
                    outbox.markRejected(s, f.reason());
                } else if (r instanceof Result.Failed f) {
                    failedAttempts.incrementAndGet();
                    lastFailure = f.reason();
                    LOG.info("delivery of submission " + s.id() + " failed (" + f.reason() + "); retry in " + backoff);
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

    public long failedAttempts() {
        return failedAttempts.get();
    }

    public String lastFailure() {
        return lastFailure;
    }
}
