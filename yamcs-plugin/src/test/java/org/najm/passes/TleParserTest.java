package org.najm.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.orekit.OrekitData;

class TleParserTest {

    // ICD section 1 launch TLEs
    static final String L1_1 = "1 99001U 26900A   26324.00000000  .00000000  00000-0  00000+0 0  9992";
    static final String L1_2 = "2 99001  98.6000 330.0000 0012000  90.0000   0.0000 14.32016018    19";
    static final String L2_1 = "1 99002U 26900B   26324.00000000  .00000000  00000-0  00000+0 0  9993";
    static final String L2_2 = "2 99002  98.6000 330.0000 0012000  90.0000  90.0000 14.32016018    19";
    static final String ICD = """
            NAJM-1
            1 99001U 26900A   26324.00000000  .00000000  00000-0  00000+0 0  9992
            2 99001  98.6000 330.0000 0012000  90.0000   0.0000 14.32016018    19
            NAJM-2
            1 99002U 26900B   26324.00000000  .00000000  00000-0  00000+0 0  9993
            2 99002  98.6000 330.0000 0012000  90.0000  90.0000 14.32016018    19
            NAJM-3
            1 99003U 26900C   26324.00000000  .00000000  00000-0  00000+0 0  9994
            2 99003  98.6000  30.0000 0012000  90.0000  45.0000 14.32016018    17
            NAJM-4
            1 99004U 26900D   26324.00000000  .00000000  00000-0  00000+0 0  9995
            2 99004  98.6000  30.0000 0012000  90.0000 225.0000 14.32016018    18
            """;

    static TleParser parser;
    static TleSet launch;

    @BeforeAll
    static void load() throws IOException {
        Constellation c = Constellation.load(Constellation.DEFAULT_PATH);
        parser = TleParser.of(c, OrekitData.context().getTimeScales().getUTC());
        launch = TleSet.launch(c, parser);
    }

    /** The first 68 characters of a line followed by its checksum digit. */
    static String fix(String line) {
        String body = line.substring(0, 68);
        return body + TleParser.checksum(body);
    }

    /** Line 1 of NAJM-1 with another epoch field (14 characters, e.g. "26325.50000000"). */
    static String line1WithEpoch(String epoch) {
        return fix(L1_1.substring(0, 18) + epoch + L1_1.substring(32));
    }

    static String refusal(String text, TleSet set) {
        TleUploadException e = assertThrows(TleUploadException.class, () -> set.withUpload(text, parser));
        return String.join("; ", e.errors());
    }

    @Test
    void icdLaunchTlesAreValid() {
        List<SpacecraftTle> tles = parser.parse(ICD);
        assertEquals(4, tles.size());
        for (SpacecraftTle t : tles) {
            assertEquals(Instant.parse("2026-11-20T00:00:00Z"), t.epoch());
            assertEquals(3, t.lines().size());
            assertEquals(t.spacecraft(), t.lines().get(0));
        }
        assertEquals(List.of("NAJM-1", "NAJM-2", "NAJM-3", "NAJM-4"), launch.all().stream()
                .map(SpacecraftTle::spacecraft).toList());
        assertEquals(L1_1, launch.get("NAJM-1").orElseThrow().line1());
        assertEquals(99003, launch.get("NAJM-3").orElseThrow().catalogNumber());
    }

    @Test
    void twoAndThreeLineFormsMixedWithBlankLines() {
        String upload = "\n" + line1WithEpoch("26325.50000000") + "\n" + L1_2 + "\n\n\r\n"
                + "NAJM-2\r\n" + fix(L2_1.replace("26324.00000000", "26324.25000000")) + "\r\n" + L2_2 + "  \n\n";
        TleSet next = launch.withUpload(upload, parser);
        SpacecraftTle one = next.get("NAJM-1").orElseThrow();
        assertEquals(2, one.lines().size());
        assertEquals(Instant.parse("2026-11-21T12:00:00Z"), one.epoch());
        assertEquals(Instant.parse("2026-11-20T06:00:00Z"), next.get("NAJM-2").orElseThrow().epoch());
        assertEquals(3, next.get("NAJM-2").orElseThrow().lines().size());
        // untouched spacecraft keep their TLE, and the old set is unchanged
        assertSame(launch.get("NAJM-3").orElseThrow(), next.get("NAJM-3").orElseThrow());
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), launch.get("NAJM-1").orElseThrow().epoch());
    }

    @Test
    void epochKeepsTheTextsResolution() {
        TleSet next = launch.withUpload(line1WithEpoch("26324.00000001") + "\n" + L1_2, parser);
        assertEquals(Instant.parse("2026-11-20T00:00:00.000864Z"), next.get("NAJM-1").orElseThrow().epoch());
    }

    @Test
    void newerAcceptedOlderAndEqualRefused() {
        TleSet next = launch.withUpload(line1WithEpoch("26330.00000000") + "\n" + L1_2, parser);
        assertEquals(Instant.parse("2026-11-26T00:00:00Z"), next.get("NAJM-1").orElseThrow().epoch());
        assertEquals("line 2: epoch 2026-11-25T00:00:00Z is not newer than the TLE in force "
                + "(epoch 2026-11-26T00:00:00Z)",
                refusal("NAJM-1\n" + line1WithEpoch("26329.00000000") + "\n" + L1_2, next));
        assertEquals("line 1: epoch 2026-11-20T00:00:00Z is not newer than the TLE in force "
                + "(epoch 2026-11-20T00:00:00Z)",
                refusal(L1_1 + "\n" + L1_2, launch));
    }

    @Test
    void twiceTheSameSpacecraftInOneUploadMustIncrease() {
        String upload = line1WithEpoch("26326.00000000") + "\n" + L1_2 + "\n" + line1WithEpoch("26325.00000000")
                + "\n" + L1_2;
        assertEquals("line 3: epoch 2026-11-21T00:00:00Z is not newer than the TLE of line 1 of this upload "
                + "(epoch 2026-11-22T00:00:00Z)", refusal(upload, launch));
    }

    @Test
    void wrongLength() {
        assertEquals("line 2: TLE line 1 has 68 characters, expected 69",
                refusal("NAJM-1\n" + L1_1.substring(0, 68) + "\n" + L1_2, launch));
        assertEquals("line 3: TLE line 2 has 70 characters, expected 69",
                refusal("NAJM-1\n" + L1_1 + "\n" + L1_2 + "0", launch));
    }

    @Test
    void wrongLineNumberDigit() {
        assertEquals("line 1: wrong line number '3', expected '1'",
                refusal("3" + L1_1.substring(1) + "\n" + L1_2, launch));
        assertEquals("line 2: wrong line number '1', expected '2'", refusal(L1_1 + "\n1" + L1_2.substring(1), launch));
    }

    @Test
    void badChecksum() {
        String bad = L1_1.substring(0, 68) + "3";
        assertEquals("line 2: bad checksum: the line ends with '3', its checksum is 2",
                refusal("NAJM-1\n" + bad + "\n" + L1_2, launch));
        // '-' counts 1: a negative B* changes the sum
        String minus = L1_1.substring(0, 53) + "-" + L1_1.substring(54);
        assertEquals("line 1: bad checksum: the line ends with '2', its checksum is 3",
                refusal(minus + "\n" + L1_2, launch));
    }

    @Test
    void catalogNumbersDiffer() {
        assertEquals("line 3: catalog number 99002 differs from 99001 on line 2",
                refusal("NAJM-1\n" + line1WithEpoch("26325.00000000") + "\n" + L2_2, launch));
    }

    @Test
    void unknownCatalogNumber() {
        String l1 = fix(L1_1.replace("99001", "25544"));
        String l2 = fix(L1_2.replace("99001", "25544"));
        String msg = refusal(l1 + "\n" + l2, launch);
        assertTrue(msg.startsWith("line 1: unknown catalog number 25544: not a spacecraft of the constellation"), msg);
    }

    @Test
    void nameMustMatchCatalogNumber() {
        assertEquals("line 1: name 'NAJM-2' does not match catalog number 99001 (NAJM-1)",
                refusal("NAJM-2\n" + line1WithEpoch("26325.00000000") + "\n" + L1_2, launch));
    }

    @Test
    void fieldsOrekitRefusesAreWrapped() {
        // a letter in the inclination: checksum and length fine, the number is not
        String l2 = fix(L1_2.substring(0, 8) + " 9X.6000" + L1_2.substring(16));
        String msg = refusal(line1WithEpoch("26325.00000000") + "\n" + l2, launch);
        assertTrue(msg.startsWith("lines 1-2: Orekit refuses the TLE"), msg);
    }

    @Test
    void structuralErrors() {
        assertEquals("line 3: incomplete TLE: expected line 2 after it",
                refusal("\n\n" + line1WithEpoch("26325.00000000") + "\n", launch));
        assertEquals("line 2: expected a TLE line 1, found 'NAJM-2'", refusal("NAJM-1\nNAJM-2\n" + L1_1 + "\n" + L1_2,
                launch).split("; ")[0]);
        assertEquals("the upload holds no TLE", refusal(" \n\n", launch));
    }

    @Test
    void allOrNothing() {
        // a good NAJM-1 update and a bad NAJM-2 one: everything refused, each error reported
        String upload = "NAJM-1\n" + line1WithEpoch("26325.00000000") + "\n" + L1_2 + "\n"
                + "NAJM-2\n" + L2_1.substring(0, 68) + "0\n" + L2_2 + "\n"
                + "NAJM-3\n" + L1_1 + "\n" + L1_2;
        TleUploadException e = assertThrows(TleUploadException.class, () -> launch.withUpload(upload, parser));
        assertEquals(List.of("line 5: bad checksum: the line ends with '0', its checksum is 3",
                "line 7: name 'NAJM-3' does not match catalog number 99001 (NAJM-1)"), e.errors());
        assertTrue(e.getMessage().startsWith("TLE upload refused, nothing changed: line 5: bad checksum"));
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), launch.get("NAJM-1").orElseThrow().epoch());
    }
}
