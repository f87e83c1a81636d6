package org.najm.accountability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.yaml.snakeyaml.Yaml;

/**
 * What the ground knows of one spacecraft's detections onboard, kept in a file so that it outlives
 * a MOC restart: the highest PAYLOAD_HK detection count seen in each boot (the counter restarts at
 * every boot), the science packets the spacecraft reported freed (STORE_DELETED), and its store
 * overflow episodes (STORE_OVERFLOW).
 */
final class OnboardTally {

    /** Events already counted, by generation time and text: the same event comes live and in a dump. */
    private static final int REMEMBERED_EVENTS = 4096;

    private final Path file;
    private final TreeMap<Long, Long> maxDetectionsByBoot = new TreeMap<>();
    private long freed;
    private long overflows;
    private final Deque<String> counted = new ArrayDeque<>();

    private OnboardTally(Path file) {
        this.file = file;
    }

    /** The tally in {@code file}, or an empty one if there is none yet. */
    @SuppressWarnings("unchecked")
    static OnboardTally load(Path file) throws IOException {
        OnboardTally t = new OnboardTally(file);
        if (!Files.exists(file)) {
            return t;
        }
        Object loaded = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
        if (!(loaded instanceof Map<?, ?> map)) {
            throw new IOException(file + ": not an accountability tally (expected a map)");
        }
        try {
            ((Map<Object, Object>) map.get("maxDetectionsByBoot")).forEach(
                    (boot, n) -> t.maxDetectionsByBoot.put(((Number) boot).longValue(), ((Number) n).longValue()));
            t.freed = ((Number) map.get("freed")).longValue();
            t.overflows = ((Number) map.get("overflows")).longValue();
            t.counted.addAll((List<String>) map.get("counted"));
        } catch (ClassCastException | NullPointerException e) {
            throw new IOException(file + ": malformed accountability tally (" + e + ")", e);
        }
        return t;
    }

    /** @return whether the tally changed */
    synchronized boolean detections(long boot, long sinceBoot) {
        Long before = maxDetectionsByBoot.get(boot);
        if (before != null && before >= sinceBoot) {
            return false;
        }
        maxDetectionsByBoot.put(boot, sinceBoot);
        return true;
    }

    /** @return whether it was new (not counted before) */
    synchronized boolean freed(String eventKey, long packets) {
        if (!remember(eventKey)) {
            return false;
        }
        freed += packets;
        return true;
    }

    /** @return whether it was new */
    synchronized boolean overflow(String eventKey) {
        if (!remember(eventKey)) {
            return false;
        }
        overflows++;
        return true;
    }

    private boolean remember(String key) {
        if (counted.contains(key)) {
            return false;
        }
        counted.addLast(key);
        while (counted.size() > REMEMBERED_EVENTS) {
            counted.removeFirst();
        }
        return true;
    }

    /** Detections made onboard, as far as the ground has seen: the sum over boots of each boot's highest count. */
    synchronized long made() {
        return maxDetectionsByBoot.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized long freed() {
        return freed;
    }

    synchronized long overflows() {
        return overflows;
    }

    /** Writes the tally whole or not at all (temporary file, atomic rename). */
    synchronized void save() throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("maxDetectionsByBoot", new LinkedHashMap<>(maxDetectionsByBoot));
        map.put("freed", freed);
        map.put("overflows", overflows);
        map.put("counted", List.copyOf(counted));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, new Yaml().dump(map), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
