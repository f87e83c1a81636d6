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
    void eachPartnerCommandsItsOwnSpacecraft() throws Exception {
        Constellation c = Constellation.load(FILE);
        assertEquals(4, c.partners().size());
        for (Spacecraft sc : c.spacecraft()) {
            Partner owner = c.partner(sc.partner()).orElseThrow();
            assertTrue(owner.commands(sc.partner() + "-op"), sc.name());
            assertTrue(owner.commands(sc.partner() + "-lead") && owner.confirms(sc.partner() + "-lead"), sc.name());
            assertTrue(!owner.confirms(sc.partner() + "-op"), sc.name());
        }
        assertEquals("bravo", c.partnerOf("bravo-lead").orElseThrow().id());
        assertTrue(c.partnerOf("observer").isEmpty());
    }

    @Test
    void eachPartnerHasOneAutomationIdentityOfItsOwn() throws Exception {
        String good = Files.readString(FILE);
        Constellation c = Constellation.parse(good);
        Partner alpha = c.partner("alpha").orElseThrow();
        assertEquals("alpha-automation", alpha.automation());
        assertTrue(alpha.commands("alpha-automation") && !alpha.confirms("alpha-automation"));
        assertTrue(!c.partner("bravo").orElseThrow().commands("alpha-automation"));
        // Named nowhere: <id>-automation.
        Constellation implicit = Constellation.parse(good.replace("automation: bravo-automation, ", ""));
        assertEquals("bravo-automation", implicit.partner("bravo").orElseThrow().automation());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Constellation.parse(good.replace("automation: bravo-automation", "automation: alpha-op")));
        assertTrue(e.getMessage().contains("automation identity 'alpha-op' is also a person's account"),
                e.getMessage());
    }

    @Test
    void eachPartnerHasOneSiteAccountOfItsOwn() throws Exception {
        String good = Files.readString(FILE);
        Constellation c = Constellation.parse(good);
        assertEquals("alpha", c.partnerOfSite("site-alpha").orElseThrow().id());
        assertTrue(c.partnerOfSite("alpha-op").isEmpty());
        assertTrue(!c.partner("alpha").orElseThrow().commands("site-alpha"), "a site account commands nothing itself");
        // Named nowhere: site-<id>.
        Constellation implicit = Constellation.parse(good.replace(", site: site-bravo", ""));
        assertEquals("site-bravo", implicit.partner("bravo").orElseThrow().site());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Constellation.parse(good.replace("site: site-bravo", "site: site-alpha")));
        assertTrue(e.getMessage().contains("site account 'site-alpha' is also"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Constellation.parse(good.replace("site: site-bravo", "site: bravo-op")));
        assertTrue(e.getMessage().contains("site account 'bravo-op' is also a person's account"), e.getMessage());
    }

    @Test
    void partnersAreCheckedAgainstTheSpacecraft() throws Exception {
        String good = Files.readString(FILE);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Constellation.parse(good.replace("partner: delta", "partner: echo")));
        assertTrue(e.getMessage().contains("NAJM-4: partner 'echo' is not in 'partners'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Constellation.parse(good.replace("operators: [bravo-op]", "operators: [alpha-op]")));
        assertTrue(e.getMessage().contains("'alpha-op' is listed twice or by two partners"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Constellation.parse(good.replace("leads: [delta-lead]", "leads: delta-lead")));
        assertTrue(e.getMessage().contains("partners[3].leads: expected a list of names"), e.getMessage());
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
