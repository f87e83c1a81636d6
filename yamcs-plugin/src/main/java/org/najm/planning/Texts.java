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
        // what TIME.format(t) gives, written by hand: rejection messages format tens of thousands of times
        int s = (int) Math.floorMod(t.getEpochSecond(), 86_400L);
        int h = s / 3600;
        int m = s / 60 % 60;
        int sec = s % 60;
        char[] c = { (char) ('0' + h / 10), (char) ('0' + h % 10), ':', (char) ('0' + m / 10), (char) ('0' + m % 10),
                ':', (char) ('0' + sec / 10), (char) ('0' + sec % 10), 'Z' };
        return new String(c);
    }

    /** The formatter {@link #time} stands for (kept for the test that checks they agree). */
    static String timeFormatted(Instant t) {
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
