package org.najm.simulator.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import com.google.gson.Gson;
import com.google.gson.JsonParser;

/**
 * Accepted submissions on disk: {@code <id>.xml} (the source bytes exactly) and {@code <id>.json} (the
 * metadata). Ids are {@code NJMA-000001}, ... : zero-padded so that name order is id order, and continuing
 * from the highest id in the directory so that they stay unique across restarts. The metadata and the
 * duplicate index are reloaded from the directory at start.
 */
final class SubmissionStore {

    private static final Logger LOG = Logger.getLogger(SubmissionStore.class.getName());
    static final String ID_PREFIX = "NJMA-";
    static final Pattern ID = Pattern.compile("NJMA-(\\d{6,})");
    private static final Pattern FILE = Pattern.compile("(NJMA-(\\d{6,}))\\.(xml|json)");
    private static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting().create();

    private final Path dir;
    /** By numeric id: the listing order. */
    private final TreeMap<Long, Submission> byNumber = new TreeMap<>();
    /** sha256 -> id of the first accepted submission with those bytes. */
    private final Map<String, String> firstBySha = new HashMap<>();
    private long lastNumber;

    SubmissionStore(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        load();
    }

    private void load() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                long n = Long.parseLong(m.group(2));
                // An .xml without its .json (crash between the two writes) still uses up its id.
                lastNumber = Math.max(lastNumber, n);
                if (m.group(3).equals("json")) {
                    try {
                        byNumber.put(n, Submission.fromJson(JsonParser.parseString(
                                Files.readString(p, StandardCharsets.UTF_8)).getAsJsonObject()));
                    } catch (RuntimeException e) {
                        LOG.warning("archive: ignoring unreadable " + p + ": " + e);
                    }
                }
            }
        }
        for (Submission s : byNumber.values()) {
            firstBySha.putIfAbsent(s.sha256(), s.id());
        }
    }

    /** Stores a valid source; the id and duplicate check happen under one lock so ids stay ordered. */
    synchronized Submission accept(byte[] source, String ack, String ac2, String objType, AdesCheck check)
            throws IOException {
        long n = lastNumber + 1;
        String id = String.format("%s%06d", ID_PREFIX, n);
        String sha = sha256(source);
        Submission s = new Submission(id, Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), ack, ac2,
                objType, sha, check.observations(), check.trkSubs(), firstBySha.get(sha));
        writeAtomically(dir.resolve(id + ".xml"), source);
        lastNumber = n; // from here on the id is taken, even if the metadata write fails
        // The .json is written last: it is what makes the submission exist at reload.
        writeAtomically(dir.resolve(id + ".json"), GSON.toJson(s.toJson()).getBytes(StandardCharsets.UTF_8));
        byNumber.put(n, s);
        firstBySha.putIfAbsent(sha, id);
        return s;
    }

    synchronized List<Submission> all() {
        return List.copyOf(byNumber.values());
    }

    /** The stored source of a known id. */
    Optional<byte[]> source(String id) throws IOException {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            return Optional.empty(); // also keeps path segments out of the file name
        }
        synchronized (this) {
            if (!byNumber.containsKey(Long.parseLong(m.group(1)))) {
                return Optional.empty();
            }
        }
        return Optional.of(Files.readAllBytes(dir.resolve(id + ".xml")));
    }

    private void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
