package org.najm.passes;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.time.TimeScale;

/**
 * Parses and validates the text of a TLE upload: one or more TLEs, each 2 lines (line 1, line 2)
 * or 3 lines (a name line first), blank lines tolerated, trailing white space ignored.
 *
 * <p>Every problem is reported with the line number in the uploaded text, so an operator can fix the
 * file. Orekit's {@link TLE} parses the fields, but its exceptions do not say which line of a
 * multi-TLE upload is wrong, so the checks that matter are made here first and Orekit's message is
 * wrapped. Immutable and thread-safe.
 */
public final class TleParser {

    /** Length of TLE lines 1 and 2. */
    public static final int LINE_LENGTH = 69;

    /** Names are at most 24 characters: anything longer that starts like "1 " is a data line. */
    private static final int MAX_NAME_LENGTH = 24;

    private final Map<Integer, String> spacecraftByCatalogNumber;
    private final TimeScale utc;

    /**
     * @param spacecraftByCatalogNumber the constellation's spacecraft names by NORAD catalog number:
     *                                  a TLE of any other object is refused
     * @param utc                       UTC, from the Orekit data context in use
     */
    public TleParser(Map<Integer, String> spacecraftByCatalogNumber, TimeScale utc) {
        this.spacecraftByCatalogNumber = Map.copyOf(spacecraftByCatalogNumber);
        this.utc = Objects.requireNonNull(utc, "utc");
    }

    /** A parser that accepts the TLEs of the constellation's spacecraft. */
    public static TleParser of(Constellation constellation, TimeScale utc) {
        Map<Integer, String> names = new HashMap<>();
        for (Spacecraft s : constellation.spacecraft()) {
            names.put(s.noradId(), s.name());
        }
        return new TleParser(names, utc);
    }

    /**
     * Parses an upload with no TLE in force (e.g. the launch TLEs).
     *
     * @throws TleUploadException listing every problem found
     */
    public List<SpacecraftTle> parse(String text) {
        return parse(text, Map.of());
    }

    /**
     * Parses an upload and checks that each TLE is newer than the one in force for its spacecraft
     * (or than an earlier TLE of the same upload for the same spacecraft).
     *
     * @param text    the uploaded text
     * @param inForce the TLEs in force, by spacecraft name
     * @return the TLEs of the upload, in the order of the text
     * @throws TleUploadException listing every problem found: the upload is all-or-nothing
     */
    public List<SpacecraftTle> parse(String text, Map<String, SpacecraftTle> inForce) {
        List<String> errors = new ArrayList<>();
        List<SpacecraftTle> accepted = new ArrayList<>();
        Map<String, SpacecraftTle> newest = new TreeMap<>(inForce);
        Map<String, Integer> upLine = new HashMap<>();
        List<String[]> lines = new ArrayList<>(); // {line number, text} of the non-blank lines
        String[] raw = text.split("\\R", -1);
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i].stripTrailing();
            if (!l.isBlank()) {
                lines.add(new String[] {Integer.toString(i + 1), l});
            }
        }
        if (lines.isEmpty()) {
            throw new TleUploadException(List.of("the upload holds no TLE"));
        }
        int i = 0;
        while (i < lines.size()) {
            String[] name = isDataLine(lines.get(i)[1]) ? null : lines.get(i);
            int first = name == null ? i : i + 1;
            if (first + 1 >= lines.size()) {
                errors.add("line " + lines.get(i)[0] + ": incomplete TLE: expected "
                        + (name == null ? "line 2" : "lines 1 and 2") + " after it");
                break;
            }
            String[] l1 = lines.get(first);
            String[] l2 = lines.get(first + 1);
            if (!isDataLine(l1[1]) || !isDataLine(l2[1])) {
                String[] bad = isDataLine(l1[1]) ? l2 : l1;
                errors.add("line " + bad[0] + ": expected a TLE line " + (bad == l1 ? 1 : 2) + ", found '"
                        + abbreviate(bad[1]) + "'");
                // resynchronise on the line after the offending one
                i = lines.indexOf(bad) + 1;
                continue;
            }
            i = first + 2;
            try {
                SpacecraftTle tle = check(name, l1, l2);
                SpacecraftTle previous = newest.get(tle.spacecraft());
                if (previous != null && !tle.epoch().isAfter(previous.epoch())) {
                    Integer at = upLine.get(tle.spacecraft());
                    throw new Refused(l1[0], "epoch " + tle.epoch() + " is not newer than the "
                            + (at == null ? "TLE in force" : "TLE of line " + at + " of this upload")
                            + " (epoch " + previous.epoch() + ")");
                }
                newest.put(tle.spacecraft(), tle);
                upLine.put(tle.spacecraft(), Integer.parseInt(l1[0]));
                accepted.add(tle);
            } catch (Refused e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new TleUploadException(errors);
        }
        return List.copyOf(accepted);
    }

    /** Checks one TLE; the cheap textual checks first so that the message names the real cause. */
    private SpacecraftTle check(String[] name, String[] l1, String[] l2) throws Refused {
        checkLine(l1, '1');
        checkLine(l2, '2');
        int cat1 = catalogNumber(l1);
        int cat2 = catalogNumber(l2);
        if (cat1 != cat2) {
            throw new Refused(l2[0], "catalog number " + cat2 + " differs from " + cat1 + " on line " + l1[0]);
        }
        String spacecraft = spacecraftByCatalogNumber.get(cat1);
        if (spacecraft == null) {
            throw new Refused(l1[0], "unknown catalog number " + cat1 + ": not a spacecraft of the constellation "
                    + new TreeMap<>(spacecraftByCatalogNumber));
        }
        if (name != null) {
            // "0 NAME" is the CelesTrak 3LE spelling of a name line
            String n = name[1].startsWith("0 ") ? name[1].substring(2).strip() : name[1].strip();
            if (!n.equals(spacecraft)) {
                throw new Refused(name[0], "name '" + n + "' does not match catalog number " + cat1
                        + " (" + spacecraft + ")");
            }
        }
        TLE tle;
        try {
            tle = new TLE(l1[1], l2[1], utc);
        } catch (RuntimeException e) {
            throw new Refused(l1[0] + "-" + l2[0], "Orekit refuses the TLE: " + e.getMessage());
        }
        if (!TLE.isFormatOK(l1[1], l2[1])) {
            throw new Refused(l1[0] + "-" + l2[0], "Orekit refuses the TLE format");
        }
        List<String> original = name == null ? List.of(l1[1], l2[1]) : List.of(name[1], l1[1], l2[1]);
        return new SpacecraftTle(spacecraft, original, tle, epoch(l1));
    }

    private static void checkLine(String[] line, char number) throws Refused {
        String l = line[1];
        if (l.length() != LINE_LENGTH) {
            throw new Refused(line[0], "TLE line " + number + " has " + l.length() + " characters, expected "
                    + LINE_LENGTH);
        }
        if (l.charAt(0) != number) {
            throw new Refused(line[0], "wrong line number '" + l.charAt(0) + "', expected '" + number + "'");
        }
        char last = l.charAt(LINE_LENGTH - 1);
        int sum = checksum(l);
        if (last - '0' != sum) {
            throw new Refused(line[0], "bad checksum: the line ends with '" + last + "', its checksum is " + sum);
        }
    }

    /** The mod-10 TLE checksum of the first 68 characters: digits count their value, '-' counts 1. */
    public static int checksum(String line) {
        int sum = 0;
        for (int k = 0; k < LINE_LENGTH - 1 && k < line.length(); k++) {
            char c = line.charAt(k);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            } else if (c == '-') {
                sum += 1;
            }
        }
        return sum % 10;
    }

    private static int catalogNumber(String[] line) throws Refused {
        String field = line[1].substring(2, 7);
        try {
            return TLE.parseSatelliteNumber(field);
        } catch (RuntimeException e) {
            throw new Refused(line[0], "bad catalog number '" + field + "'");
        }
    }

    /** The epoch exactly as written (columns 19-32, YYDDD.DDDDDDDD), without Orekit's rounding. */
    private static Instant epoch(String[] l1) throws Refused {
        String field = l1[1].substring(18, 32).strip();
        try {
            int yy = Integer.parseInt(field.substring(0, 2));
            BigDecimal day = new BigDecimal(field.substring(2));
            long nanos = day.subtract(BigDecimal.ONE).multiply(BigDecimal.valueOf(86_400_000_000_000L))
                    .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            // the TLE convention: 57-99 are 1957-1999, 00-56 are 2000-2056
            int year = yy < 57 ? 2000 + yy : 1900 + yy;
            return LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant().plusNanos(nanos);
        } catch (RuntimeException e) {
            throw new Refused(l1[0], "bad epoch '" + field + "'");
        }
    }

    private static boolean isDataLine(String l) {
        return l.length() > MAX_NAME_LENGTH && Character.isDigit(l.charAt(0)) && l.charAt(1) == ' ';
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 27) + "...";
    }

    /** One refused TLE; the message names the line(s). */
    private static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String line, String reason) {
            super((line.contains("-") ? "lines " : "line ") + line + ": " + reason, null, false, false);
        }
    }
}
