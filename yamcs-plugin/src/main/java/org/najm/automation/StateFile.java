package org.najm.automation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

import org.najm.automation.AutomationState.ExpectedContact;
import org.najm.automation.AutomationState.Pause;
import org.najm.automation.AutomationState.StoreLedger;

/**
 * The durable {@link AutomationState} of one spacecraft: a small text file an operator can read, ending with
 * a CRC-32 of everything above it. Written whole to a temporary file, synced, then moved over the old one
 * (whose copy is kept as {@code .previous}), so a crash leaves either the old state or the new one.
 *
 * <p>A file that does not parse, or whose checksum is wrong, is never guessed at nor overwritten: reading it
 * fails with the line and the reason, and the automation of that spacecraft stays off until someone
 * repairs or removes it (an older ledger is safe to use: it only makes the automation play back again).
 */
final class StateFile {

    /** The state file cannot be trusted; nothing was changed. */
    static final class CorruptStateException extends IOException {
        CorruptStateException(String message) {
            super(message);
        }
    }

    static final int FORMAT = 1;

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    Path previous() {
        return file.resolveSibling(file.getFileName() + ".previous");
    }

    /** The state, or empty when there is no file yet. */
    Optional<AutomationState> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(parse(Files.readString(file, StandardCharsets.UTF_8)));
    }

    void write(AutomationState s) throws IOException {
        byte[] bytes = format(s).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(ByteBuffer.wrap(bytes));
            ch.force(true);
        }
        if (Files.exists(file)) {
            Files.copy(file, previous(), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static String format(AutomationState s) {
        StringBuilder b = new StringBuilder();
        b.append("# NAJM contact automation of ").append(s.spacecraft())
                .append(": what the ground holds (onboard GPS seconds), pause, contacts. Written by the MOC.\n");
        b.append("format ").append(FORMAT).append('\n');
        b.append("spacecraft ").append(s.spacecraft()).append('\n');
        b.append("since ").append(s.since()).append('\n');
        for (Store st : Store.values()) {
            StoreLedger l = s.ledger(st);
            b.append("store ").append(st.name()).append(" confirmed ").append(l.confirmedUpTo()).append(" deleted ")
                    .append(l.deletedUpTo()).append(" next-seq ").append(l.nextSeq()).append('\n');
        }
        b.append(s.pause() == null ? "automation on\n"
                : "automation paused " + s.pause().by() + " " + s.pause().since() + "\n");
        b.append("done ").append(s.lastDone() == null ? "-" : s.lastDone().toString()).append('\n');
        if (s.executing() != null) {
            b.append("executing ").append(s.executing()).append('\n');
        }
        for (ExpectedContact e : s.expected()) {
            b.append("expect ").append(e.station()).append(' ').append(e.start()).append(' ').append(e.end())
                    .append('\n');
        }
        String crc = crc(b.toString());
        return b.append("crc32 ").append(crc).append('\n').toString();
    }

    /** @throws CorruptStateException naming the file, the line and what is wrong */
    AutomationState parse(String text) throws CorruptStateException {
        int crcAt = text.lastIndexOf("crc32 ");
        if (crcAt < 0 || (crcAt > 0 && text.charAt(crcAt - 1) != '\n')) {
            throw corrupt(0, "no crc32 line at the end: the file is truncated or was edited");
        }
        String body = text.substring(0, crcAt);
        String stated = text.substring(crcAt + "crc32 ".length()).trim();
        if (!stated.equals(crc(body))) {
            throw corrupt(0, "checksum " + stated + " does not match the content (" + crc(body)
                    + "): the file is damaged or was edited");
        }
        String spacecraft = null;
        Long since = null;
        Integer format = null;
        Map<Store, StoreLedger> stores = new EnumMap<>(Store.class);
        Pause pause = null;
        boolean automationLine = false;
        Instant lastDone = null;
        boolean doneLine = false;
        List<ExpectedContact> expected = new ArrayList<>();
        Instant executing = null;
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            int n = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] w = line.split(" +");
            try {
                switch (w[0]) {
                case "format" -> {
                    format = Integer.parseInt(words(w, 2, n)[1]);
                    if (format != FORMAT) {
                        throw corrupt(n, "format " + format + " is not " + FORMAT);
                    }
                }
                case "spacecraft" -> spacecraft = words(w, 2, n)[1];
                case "since" -> since = Long.parseLong(words(w, 2, n)[1]);
                case "store" -> {
                    words(w, 8, n);
                    if (!w[2].equals("confirmed") || !w[4].equals("deleted") || !w[6].equals("next-seq")) {
                        throw corrupt(n, "expected 'store <HK|SCIENCE> confirmed <s> deleted <s> next-seq <n>'");
                    }
                    Store st = Store.valueOf(w[1]);
                    if (stores.put(st, new StoreLedger(Long.parseLong(w[3]), Long.parseLong(w[5]),
                            Integer.parseInt(w[7]))) != null) {
                        throw corrupt(n, "store " + st + " given twice");
                    }
                }
                case "automation" -> {
                    automationLine = true;
                    if (w.length == 2 && w[1].equals("on")) {
                        pause = null;
                    } else if (w.length == 4 && w[1].equals("paused")) {
                        pause = new Pause(w[2], Instant.parse(w[3]));
                    } else {
                        throw corrupt(n, "expected 'automation on' or 'automation paused <user> <time>'");
                    }
                }
                case "done" -> {
                    doneLine = true;
                    lastDone = words(w, 2, n)[1].equals("-") ? null : Instant.parse(w[1]);
                }
                case "executing" -> executing = Instant.parse(words(w, 2, n)[1]);
                case "expect" -> {
                    words(w, 4, n);
                    expected.add(new ExpectedContact(w[1], Instant.parse(w[2]), Instant.parse(w[3])));
                }
                default -> throw corrupt(n, "unknown entry '" + w[0] + "'");
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                throw corrupt(n, "unreadable value: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw corrupt(n, e.getMessage());
            }
        }
        List<String> missing = new ArrayList<>();
        if (format == null) {
            missing.add("format");
        }
        if (spacecraft == null) {
            missing.add("spacecraft");
        }
        if (since == null) {
            missing.add("since");
        }
        for (Store st : Store.values()) {
            if (!stores.containsKey(st)) {
                missing.add("store " + st);
            }
        }
        if (!automationLine) {
            missing.add("automation");
        }
        if (!doneLine) {
            missing.add("done");
        }
        if (!missing.isEmpty()) {
            throw corrupt(0, "missing " + String.join(", ", missing));
        }
        return new AutomationState(spacecraft, since, stores.get(Store.HK), stores.get(Store.SCIENCE), pause, lastDone,
                expected, executing);
    }

    private String[] words(String[] w, int count, int line) throws CorruptStateException {
        if (w.length != count) {
            throw corrupt(line, "'" + w[0] + "' takes " + (count - 1) + " values, not " + (w.length - 1));
        }
        return w;
    }

    private CorruptStateException corrupt(int line, String why) {
        return new CorruptStateException(file + (line > 0 ? ", line " + line : "") + ": " + why);
    }

    private static String crc(String s) {
        CRC32 c = new CRC32();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", c.getValue());
    }
}
