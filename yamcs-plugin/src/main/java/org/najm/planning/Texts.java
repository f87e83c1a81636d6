package org.najm.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The time and duration spellings of rejection messages, e.g. "02:10:00Z-02:21:30Z", "3 min 20 s". */
final class Texts {

    // Time of day only: a message always sits next to its pass, which carries the date.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Texts() {
    }

    static String time(Instant t) {
        return TIME.format(t);
    }

    static String span(Instant start, Instant end) {
        return time(start) + "-" + time(end);
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
    }
}
