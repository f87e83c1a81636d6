package org.najm.science.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.najm.science.TrackletKey;

/**
 * The raw packets of the detections whose tracklet is still incomplete, so that a restart of the MOC keeps them:
 * one file per tracklet ({@code <spacecraft>_<trackletId>.hex}, one packet a line, in hex), deleted once the
 * tracklet is queued. What remains at start is replayed.
 */
public final class DetectionJournal {

    private static final String SUFFIX = ".hex";

    /** One journalled packet. */
    public record Entry(String spacecraft, byte[] packet) {
    }

    private final Path dir;

    public DetectionJournal(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    /** Adds a detection's packet to its tracklet's file. */
    public void record(TrackletKey key, byte[] packet) throws IOException {
        Files.writeString(file(key), HexFormat.of().formatHex(packet) + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Forgets a tracklet: it is queued. */
    public void delete(TrackletKey key) throws IOException {
        Files.deleteIfExists(file(key));
    }

    /**
     * The packets journalled for these spacecraft, file by file in name order, each file in the order recorded.
     * Another spacecraft's files (no longer in the constellation) are left as they are.
     */
    public List<Entry> entries(Set<String> spacecraft) throws IOException {
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(SUFFIX)).sorted().toList();
        }
        List<Entry> entries = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            String sc = name.substring(0, name.lastIndexOf('_'));
            if (!spacecraft.contains(sc)) {
                continue;
            }
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank()) {
                    entries.add(new Entry(sc, HexFormat.of().parseHex(line.strip())));
                }
            }
        }
        return entries;
    }

    private Path file(TrackletKey key) {
        return dir.resolve(key.spacecraft() + "_" + key.trackletId() + SUFFIX);
    }
}
