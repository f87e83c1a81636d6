package org.najm.contacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.najm.planning.Unavailability;

/**
 * The station unavailability windows, kept in a file that only grows (one line per addition or
 * removal, replayed at start-up), so that they outlive the MOC.
 */
final class UnavailabilityLog {

    /** One window, with the id that removes it and who marked it. */
    record Window(String id, Unavailability unavailability, String by) {
    }

    private final Path file;
    private final Map<String, Window> windows = new LinkedHashMap<>();

    UnavailabilityLog(Path file) throws IOException {
        this.file = file;
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            if (f.length >= 7 && f[0].equals("ADD")) {
                var u = new Unavailability(f[2], Instant.parse(f[3]), Instant.parse(f[4]), f[6]);
                windows.put(f[1], new Window(f[1], u, f[5]));
            } else if (f.length >= 2 && f[0].equals("REMOVE")) {
                windows.remove(f[1]);
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException(file + ": not a window: " + line);
            }
        }
    }

    synchronized Window add(Unavailability u, String by) throws IOException {
        var w = new Window(UUID.randomUUID().toString(), u, by);
        append(String.join("\t", "ADD", w.id(), u.station(), u.start().toString(), u.end().toString(), clean(by),
                clean(u.reason())));
        windows.put(w.id(), w);
        return w;
    }

    synchronized Optional<Window> remove(String id, String by) throws IOException {
        Window w = windows.get(id);
        if (w == null) {
            return Optional.empty();
        }
        append(String.join("\t", "REMOVE", id, clean(by), Instant.now().toString()));
        windows.remove(id);
        return Optional.of(w);
    }

    synchronized Optional<Window> find(String id) {
        return Optional.ofNullable(windows.get(id));
    }

    synchronized List<Window> windows() {
        return List.copyOf(windows.values());
    }

    private void append(String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.SYNC);
    }

    private static String clean(String s) {
        return s.replaceAll("[\\t\\r\\n]", " ");
    }
}
