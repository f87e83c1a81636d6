package org.najm.science.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The durable outbox of ADES submissions: a directory that survives a restart of the MOC.
 *
 * <p>A submission is a file {@code <seq>.xml} plus {@code <seq>.keys} (the tracklets it carries,
 * one {@code spacecraft/trackletId} a line) that moves, atomically, from {@code pending/} to
 * {@code delivered/} (with a {@code .receipt}: the archive's submission id) or to
 * {@code rejected/} (the archive refused it: kept for an operator, with a {@code .reason}).
 * What is in {@code pending/} at start is delivered after the restart; the keys of pending and
 * delivered submissions are what "already sent" means, so nothing is queued twice. A submission may carry
 * {@code <seq>.tracklets}: one line per tracklet of what the pipeline knows of it (opaque here), which moves
 * with it.
 */
public final class Outbox {

    /** One submission waiting in the outbox. */
    public record Submission(String id, Path xml, List<String> trackletKeys, Instant queued) {
        public String text() {
            try {
                return Files.readString(xml, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Path pending;
    private final Path delivered;
    private final Path rejected;
    private long nextSeq;
    /** A submission's content never changes: its detection counts, once read. */
    private final Map<String, Map<String, Long>> countsById = new HashMap<>();
    /** Records of submissions no longer pending: they do not change. */
    private final Map<String, TrackletRecords> recordsById = new HashMap<>();

    public Outbox(Path dir) throws IOException {
        pending = Files.createDirectories(dir.resolve("pending"));
        delivered = Files.createDirectories(dir.resolve("delivered"));
        rejected = Files.createDirectories(dir.resolve("rejected"));
        long max = 0;
        for (Path d : List.of(pending, delivered, rejected)) {
            for (String id : ids(d)) {
                max = Math.max(max, Long.parseLong(id));
            }
        }
        nextSeq = max + 1;
    }

    /** Queues a submission durably: once this returns, a restart will deliver it. */
    public synchronized Submission enqueue(String xml, List<String> trackletKeys) throws IOException {
        return enqueue(xml, trackletKeys, List.of());
    }

    /**
     * Queues a submission durably with a record line per tracklet (kept in {@code <seq>.tracklets}, never empty
     * lines or line breaks inside one).
     */
    public synchronized Submission enqueue(String xml, List<String> trackletKeys, List<String> trackletRecords)
            throws IOException {
        String id = String.format("%08d", nextSeq++);
        if (!trackletRecords.isEmpty()) {
            write(pending.resolve(id + ".tracklets"), String.join("\n", trackletRecords) + "\n");
        }
        write(pending.resolve(id + ".keys"), String.join("\n", trackletKeys) + "\n");
        write(pending.resolve(id + ".xml"), xml); // last: the .xml makes it visible
        return submission(pending, id);
    }

    /** The oldest pending submission, if any. */
    public synchronized Optional<Submission> oldestPending() throws IOException {
        List<String> ids = ids(pending);
        return ids.isEmpty() ? Optional.empty() : Optional.of(submission(pending, ids.get(0)));
    }

    public synchronized List<Submission> pending() throws IOException {
        List<Submission> out = new ArrayList<>();
        for (String id : ids(pending)) {
            out.add(submission(pending, id));
        }
        return out;
    }

    public synchronized void markDelivered(Submission s, String receipt) throws IOException {
        write(delivered.resolve(s.id() + ".receipt"), receipt + "\n");
        moveIfThere(s.id(), ".tracklets", delivered);
        move(s.id(), ".keys", delivered);
        move(s.id(), ".xml", delivered);
    }

    public synchronized void markRejected(Submission s, String reason) throws IOException {
        write(rejected.resolve(s.id() + ".reason"), reason + "\n");
        moveIfThere(s.id(), ".tracklets", rejected);
        move(s.id(), ".keys", rejected);
        move(s.id(), ".xml", rejected);
    }

    /** Tracklet keys of every pending or delivered submission: already sent, or on their way. */
    public synchronized Set<String> queuedOrDelivered() throws IOException {
        Set<String> keys = new HashSet<>();
        for (Path d : List.of(pending, delivered)) {
            for (String id : ids(d)) {
                keys.addAll(readKeys(d.resolve(id + ".keys")));
            }
        }
        return keys;
    }

    /** Detections in submissions, by ADES station code (NJM1..): pending (sent or not) and delivered. */
    public record DetectionCounts(Map<String, Long> pending, Map<String, Long> delivered) {
    }

    /** Counts the detections of every pending and delivered submission; each file is read once. */
    public synchronized DetectionCounts detectionCounts() throws IOException {
        return new DetectionCounts(count(pending), count(delivered));
    }

    private Map<String, Long> count(Path dir) throws IOException {
        Map<String, Long> total = new HashMap<>();
        for (String id : ids(dir)) {
            Map<String, Long> of = countsById.get(id);
            if (of == null) {
                of = AdesCounts.detectionsByStationCode(Files.readString(dir.resolve(id + ".xml"),
                        StandardCharsets.UTF_8));
                countsById.put(id, of);
            }
            of.forEach((code, n) -> total.merge(code, n, Long::sum));
        }
        return total;
    }

    public synchronized int countDelivered() throws IOException {
        return ids(delivered).size();
    }

    public synchronized int countRejected() throws IOException {
        return ids(rejected).size();
    }

    /** How long the oldest undelivered submission has waited, or zero. */
    public synchronized Duration oldestPendingAge(Instant now) throws IOException {
        return oldestPending().map(s -> Duration.between(s.queued(), now)).filter(d -> !d.isNegative())
                .orElse(Duration.ZERO);
    }

    /** Where a submission is: pending (not yet acknowledged), delivered (acknowledged) or rejected. */
    public enum State {
        PENDING, DELIVERED, REJECTED
    }

    /**
     * The tracklet records of one submission.
     *
     * @param acknowledged when the archive's receipt was recorded (DELIVERED only, else null)
     */
    public record TrackletRecords(String id, State state, Instant acknowledged, List<String> lines) {
    }

    /** The tracklet records of every submission, oldest first; delivered and rejected ones are read once. */
    public synchronized List<TrackletRecords> trackletRecords() throws IOException {
        List<TrackletRecords> out = new ArrayList<>();
        for (State st : State.values()) {
            Path dir = st == State.PENDING ? pending : st == State.DELIVERED ? delivered : rejected;
            for (String id : ids(dir)) {
                TrackletRecords r = recordsById.get(id);
                if (r == null || r.state() != st) {
                    Path f = dir.resolve(id + ".tracklets");
                    List<String> lines = readKeys(f);
                    Instant ack = st == State.DELIVERED && Files.exists(dir.resolve(id + ".receipt"))
                            ? Files.getLastModifiedTime(dir.resolve(id + ".receipt")).toInstant()
                            : null;
                    r = new TrackletRecords(id, st, ack, lines);
                    if (st != State.PENDING) {
                        recordsById.put(id, r);
                    }
                }
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(TrackletRecords::id));
        return out;
    }

    private void moveIfThere(String id, String suffix, Path to) throws IOException {
        if (Files.exists(pending.resolve(id + suffix))) {
            move(id, suffix, to);
        }
    }

    private Submission submission(Path dir, String id) throws IOException {
        Path xml = dir.resolve(id + ".xml");
        return new Submission(id, xml, readKeys(dir.resolve(id + ".keys")),
                Files.getLastModifiedTime(xml).toInstant());
    }

    private static List<String> readKeys(Path keys) throws IOException {
        return Files.exists(keys) ? Files.readAllLines(keys).stream().filter(l -> !l.isBlank()).toList() : List.of();
    }

    private void move(String id, String suffix, Path to) throws IOException {
        Files.move(pending.resolve(id + suffix), to.resolve(id + suffix), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Writes a file whole or not at all (temporary file, then an atomic rename). */
    static void write(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static List<String> ids(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }
}
