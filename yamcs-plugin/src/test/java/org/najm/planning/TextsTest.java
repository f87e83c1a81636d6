package org.najm.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The hand-written time of day of rejection messages is what the DateTimeFormatter would write. */
class TextsTest {

    @Test
    void timeOfDayAsTheFormatterWritesIt() {
        Random rnd = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(rnd.nextLong() % 10_000_000_000L, rnd.nextInt(1_000_000_000));
            assertEquals(Texts.timeFormatted(t), Texts.time(t), t.toString());
        }
        for (String s : new String[] { "2026-11-22T00:00:00Z", "2026-11-22T23:59:59.999999999Z",
                "1969-12-31T23:59:59.5Z", "1970-01-01T00:00:00Z", "2026-11-22T09:05:07Z" }) {
            Instant t = Instant.parse(s);
            assertEquals(Texts.timeFormatted(t), Texts.time(t), s);
        }
    }
}
