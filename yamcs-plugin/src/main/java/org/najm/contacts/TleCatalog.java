package org.najm.contacts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.TreeMap;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.passes.SpacecraftTle;
import org.najm.passes.TleParser;

/**
 * The TLE in force for each spacecraft, and every TLE that ever was, kept in a file under the
 * Yamcs data directory so that a restart resumes with the orbits last uploaded. Seeded with the
 * launch TLEs of the constellation description.
 *
 * <p>File format: one TLE a line, tab-separated: reception time, source, then its 2 or 3 lines.
 */
public final class TleCatalog {

    /** A TLE as it came in. */
    public record Entry(SpacecraftTle tle, Instant received, String source) {
    }

    private final Path file;
    private final TleParser parser;
    private final List<Entry> history = new ArrayList<>();
    private final Map<String, SpacecraftTle> inForce = new TreeMap<>();

    public TleCatalog(Path file, Constellation constellation, TleParser parser, Instant now) throws IOException {
        this.file = file;
        this.parser = parser;
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    String[] f = line.split("\t");
                    String text = String.join("\n", List.of(f).subList(2, f.length));
                    for (SpacecraftTle t : parser.parse(text)) {
                        record(new Entry(t, Instant.parse(f[0]), f[1]));
                    }
                }
            }
        } else {
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder();
            for (Spacecraft sc : constellation.spacecraft()) {
                text.append(String.join("\n", sc.tle())).append('\n');
            }
            accept(parser.parse(text.toString()), "configuration", now);
        }
    }

    /**
     * Accepts an upload: every TLE must be valid and newer than the one in force, or nothing changes.
     *
     * @throws org.najm.passes.TleUploadException naming each bad line and why
     */
    public synchronized List<SpacecraftTle> upload(String text, String source, Instant now) throws IOException {
        return upload(text, source, now, tles -> { });
    }

    /**
     * Accepts an upload that {@code check} lets pass (it throws to refuse it, and nothing changes).
     */
    public synchronized List<SpacecraftTle> upload(String text, String source, Instant now,
            Consumer<List<SpacecraftTle>> check) throws IOException {
        List<SpacecraftTle> accepted = parser.parse(text, Map.copyOf(inForce));
        check.accept(accepted);
        accept(accepted, source, now);
        return accepted;
    }

    private void accept(List<SpacecraftTle> tles, String source, Instant now) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (SpacecraftTle t : tles) {
            record(new Entry(t, now, source));
            lines.append(now).append('\t').append(source).append('\t').append(String.join("\t", t.lines()))
                    .append('\n');
        }
        Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private void record(Entry e) {
        history.add(e);
        inForce.put(e.tle().spacecraft(), e.tle());
    }

    public synchronized List<SpacecraftTle> inForce() {
        return List.copyOf(inForce.values());
    }

    public synchronized List<Entry> history() {
        return List.copyOf(history);
    }

    /** The entry through which each TLE in force came. */
    public synchronized List<Entry> inForceEntries() {
        List<Entry> out = new ArrayList<>();
        for (SpacecraftTle t : inForce.values()) {
            history.stream().filter(e -> e.tle() == t).findFirst().ifPresent(out::add);
        }
        return out;
    }
}
