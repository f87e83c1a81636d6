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
 * delivered submissions are what "already sent" means, so nothing is queued twice.
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
        String id = String.format("%08d", nextSeq++);
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
        move(s.id(), ".keys", delivered);
        move(s.id(), ".xml", delivered);
    }

    public synchronized void markRejected(Submission s, String reason) throws IOException {
        write(rejected.resolve(s.id() + ".reason"), reason + "\n");
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
