package org.najm.automation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.najm.automation.AutomationState.ExpectedContact;
import org.najm.automation.AutomationState.Pause;
import org.najm.automation.AutomationState.StoreLedger;
import org.najm.automation.StateFile.CorruptStateException;

class StateFileTest {

    @TempDir
    Path dir;

    private static AutomationState sample() {
        return AutomationState.fresh("NAJM-1", 1_447_632_000L)
                .with(Store.SCIENCE, new StoreLedger(1_447_633_000L, 1_447_632_500L, 123))
                .with(Store.HK, new StoreLedger(1_447_633_010L, 1_447_633_010L, -1))
                .withPause(new Pause("alpha-op", Instant.parse("2026-11-20T03:00:00.250Z")))
                .withLastDone(Instant.parse("2026-11-20T01:39:10.123456789Z"))
                .withExpected(List.of(new ExpectedContact("SVALBARD", Instant.parse("2026-11-20T03:19:10.5Z"),
                        Instant.parse("2026-11-20T03:29:30Z")), new ExpectedContact("DUBAI",
                                Instant.parse("2026-11-20T03:34:28Z"), Instant.parse("2026-11-20T03:41:52Z"))))
                .withExecuting(Instant.parse("2026-11-20T03:19:10.5Z"));
    }

    @Test
    void aWrittenStateReadsBackTheSame() throws Exception {
        StateFile f = new StateFile(dir.resolve("NAJM-1.state"));
        assertTrue(f.read().isEmpty(), "no file: no state yet");
        f.write(sample());
        assertEquals(sample(), f.read().orElseThrow());
        f.write(sample().withPause(null));
        assertEquals(sample().withPause(null), f.read().orElseThrow());
        assertEquals(sample(), new StateFile(f.previous()).read().orElseThrow(), "the previous state is kept");
        assertTrue(Files.readString(f.path()).contains("store SCIENCE confirmed 1447633000 deleted 1447632500"),
                "readable by an operator");
    }

    @Test
    void aDamagedFileIsAClearErrorAndIsNeverOverwritten() throws Exception {
        StateFile f = new StateFile(dir.resolve("NAJM-1.state"));
        f.write(sample());
        String text = Files.readString(f.path());
        String damaged = text.replace("confirmed 1447633000", "confirmed 1447699999");
        Files.writeString(f.path(), damaged);
        var e = assertThrows(CorruptStateException.class, f::read);
        assertTrue(e.getMessage().contains(f.path().toString()) && e.getMessage().contains("checksum"),
                e.getMessage());
        assertArrayEquals(damaged.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(f.path()),
                "reading changed nothing");
    }

    @Test
    void aTruncatedFileIsRefused() throws Exception {
        StateFile f = new StateFile(dir.resolve("NAJM-1.state"));
        f.write(sample());
        String text = Files.readString(f.path());
        Files.writeString(f.path(), text.substring(0, text.length() / 2));
        var e = assertThrows(CorruptStateException.class, f::read);
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aWellFormedButWrongEntryNamesItsLine() throws Exception {
        StateFile f = new StateFile(dir.resolve("x.state"));
        String body = StateFile.format(sample());
        body = body.substring(0, body.indexOf("crc32 "));
        assertLine(f, body.replace("store HK confirmed 1447633010 deleted 1447633010",
                "store HK confirmed 1447633010 deleted 1447633011"), "line 5", "beyond confirmed");
        assertLine(f, body.replace("since 1447632000", "since soon"), "line 4", "unreadable");
        assertLine(f, body.replace("automation paused", "automation sleeping"), "line 7", "automation on");
        assertLine(f, body + "colour blue\n", "line 12", "unknown entry");
        assertLine(f, body.replace("done 2026", "xdone 2026").replace("xdone", "#"), "", "missing done");
    }

    /** The body with a valid checksum: only the content is wrong. */
    private static void assertLine(StateFile f, String body, String line, String why) {
        var e = assertThrows(CorruptStateException.class, () -> f.parse(withCrc(body)));
        assertTrue(e.getMessage().contains(line) && e.getMessage().contains(why), e.getMessage());
    }

    private static String withCrc(String body) {
        var c = new CRC32();
        c.update(body.getBytes(StandardCharsets.UTF_8));
        return body + "crc32 " + String.format("%08x", c.getValue()) + "\n";
    }
}
