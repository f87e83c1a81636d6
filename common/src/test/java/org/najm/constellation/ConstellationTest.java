package org.najm.constellation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ConstellationTest {

    /** The repository's description (tests run in the module directory). */
    private static final Path FILE = Path.of("..").resolve(Constellation.DEFAULT_PATH);

    @Test
    void theRepositoryDescriptionMatchesTheIcd() throws Exception {
        Constellation c = Constellation.load(FILE);
        assertEquals(4, c.spacecraft().size());
        assertEquals(5, c.stations().size());
        Spacecraft n1 = c.spacecraftByScid(0x1A1).orElseThrow();
        assertEquals("NAJM-1", n1.name());
        assertEquals("alpha", n1.partner());
        assertEquals("NJM1", n1.stationCode());
        assertTrue(n1.tleLine1().startsWith("1 99001U"));
        assertTrue(c.stationByName("SVALBARD").orElseThrow().isShared());
        assertEquals(10102, c.transport().tmPort(2));
        assertEquals(10204, c.transport().tcPort(4));
        assertEquals(120, c.turnaroundSeconds());
    }

    @Test
    void badDescriptionsSayWhatAndWhere() throws Exception {
        String good = Files.readString(FILE);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Constellation.parse(good.replace("scid: 0x1A2", "scid: 0x1A1")));
        assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Constellation.parse(good.replace("mask:  5,", "mask: high,")));
        assertTrue(e.getMessage().contains("stations[0].mask"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Constellation.parse(good.replace("tcPortBase", "x")));
        assertTrue(e.getMessage().contains("missing 'tcPortBase'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Constellation.parse("- just a list"));
        assertTrue(e.getMessage().contains("YAML map"), e.getMessage());
    }
}
