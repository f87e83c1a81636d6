package org.najm.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.security.CommandAuthority.Issuer;
import org.najm.security.Decision.Verdict;
import org.yamcs.xtce.Significance.Levels;

/** The partner rules, read from the repository's constellation description. */
class CommandAuthorityTest {

    private final Constellation constellation = load();
    private final CommandAuthority authority = new CommandAuthority(constellation, Levels.CRITICAL,
            Duration.ofSeconds(120), "System");

    private static Constellation load() {
        try {
            return Constellation.load(Constellation.DEFAULT_PATH);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Spacecraft sc(String name) {
        return constellation.spacecraftByName(name).orElseThrow();
    }

    @Test
    void aPartnersOperatorsAndLeadsCommandItsSpacecraftAndNoOther() {
        for (Spacecraft sc : constellation.spacecraft()) {
            for (String user : new String[] { "alpha-op", "bravo-lead", "charlie-op", "delta-lead" }) {
                Verdict expected = user.startsWith(sc.partner() + "-") ? Verdict.RELEASE : Verdict.REFUSE;
                assertEquals(expected, authority.decide(user, sc, Levels.NONE).verdict(), user + " on " + sc.name());
            }
        }
    }

    @Test
    void aRefusalSaysWhoOwnsTheSpacecraft() {
        assertEquals("alpha-op operates for alpha; NAJM-2 belongs to bravo: only bravo's operators command NAJM-2",
                authority.decide("alpha-op", sc("NAJM-2"), Levels.NONE).reason());
        assertEquals("observer is not an operator of any partner: only alpha's operators command NAJM-1",
                authority.decide("observer", sc("NAJM-1"), Levels.NONE).reason());
        assertEquals(Verdict.REFUSE, authority.decide("admin", sc("NAJM-1"), Levels.CRITICAL).verdict());
    }

    @Test
    void aPartnersAutomationCommandsItsSpacecraftButNeverACriticalCommand() {
        assertEquals(Verdict.RELEASE, authority.decide("alpha-automation", sc("NAJM-1"), Levels.NONE).verdict());
        Decision other = authority.decide("alpha-automation", sc("NAJM-2"), Levels.NONE);
        assertEquals(Verdict.REFUSE, other.verdict());
        assertTrue(other.reason().startsWith("alpha-automation operates for alpha; NAJM-2 belongs to bravo"),
                other.reason());
        for (Levels level : new Levels[] { Levels.CRITICAL, Levels.SEVERE }) {
            Decision d = authority.decide("alpha-automation", sc("NAJM-1"), level);
            assertEquals(Verdict.REFUSE, d.verdict(), level.name());
            assertTrue(d.reason().contains("never sends a " + level.name().toLowerCase() + " command"), d.reason());
        }
        assertTrue(authority.whyNotConfirm("alpha-automation", "alpha-op", sc("NAJM-1")).isPresent());
    }

    @Test
    void commandsOfScheduledTimelineItemsHaveNoVerifiableIssuer() {
        Decision d = authority.decide("System", sc("NAJM-1"), Levels.NONE);
        assertEquals(Verdict.REFUSE, d.verdict());
        assertTrue(d.reason().contains("scheduled timeline item"), d.reason());
    }

    @Test
    void criticalAndSevereCommandsAreHeldOthersAreNot() {
        assertEquals(Verdict.HOLD, authority.decide("alpha-op", sc("NAJM-1"), Levels.CRITICAL).verdict());
        assertEquals(Verdict.HOLD, authority.decide("alpha-lead", sc("NAJM-1"), Levels.SEVERE).verdict());
        assertEquals(Verdict.RELEASE, authority.decide("alpha-op", sc("NAJM-1"), Levels.DISTRESS).verdict());
        assertEquals(Verdict.RELEASE, authority.decide("alpha-op", sc("NAJM-1"), null).verdict());
        // Refusal comes first: another partner's critical command is refused, not held.
        assertEquals(Verdict.REFUSE, authority.decide("bravo-op", sc("NAJM-1"), Levels.CRITICAL).verdict());
    }

    @Test
    void onlyAnotherLeadOfTheSamePartnerConfirms() {
        Spacecraft n1 = sc("NAJM-1");
        assertTrue(authority.whyNotConfirm("alpha-lead", "alpha-op", n1).isEmpty());
        assertTrue(authority.whyNotConfirm("alpha-lead", "alpha-lead", n1).orElseThrow()
                .contains("a second operator must confirm it"));
        assertTrue(authority.whyNotConfirm("alpha-op", "alpha-lead", n1).orElseThrow()
                .contains("alpha-op is not a lead of alpha"));
        assertTrue(authority.whyNotConfirm("bravo-lead", "alpha-op", n1).isPresent());
        assertTrue(authority.whyNotConfirm("admin", "alpha-op", n1).isPresent());
    }

    @Test
    void theIssuerOrALeadCancels() {
        Spacecraft n1 = sc("NAJM-1");
        assertTrue(authority.whyNotCancel("alpha-op", "alpha-op", n1).isEmpty());
        assertTrue(authority.whyNotCancel("alpha-lead", "alpha-op", n1).isEmpty());
        assertTrue(authority.whyNotCancel("bravo-lead", "alpha-op", n1).isPresent());
        assertTrue(authority.whyNotCancel("observer", "alpha-op", n1).isPresent());
    }

    @Test
    void aSitesCommandIsItsNamedPersonsOfItsOwnPartnerOnly() {
        Issuer relayed = authority.issuer("site-alpha", OnBehalfOf.stamp("alpha-op", "from home"));
        assertEquals(new Issuer("alpha-op", "site-alpha"), relayed);
        Decision released = authority.decide(relayed, sc("NAJM-1"), Levels.NONE);
        assertEquals(Verdict.RELEASE, released.verdict());
        assertEquals("from site site-alpha: alpha-op operates for alpha, owner of NAJM-1", released.reason());
        assertEquals(Verdict.HOLD, authority.decide(relayed, sc("NAJM-1"), Levels.CRITICAL).verdict());

        Decision otherSpacecraft = authority.decide(authority.issuer("site-bravo", OnBehalfOf.stamp("bravo-op", null)),
                sc("NAJM-1"), Levels.NONE);
        assertEquals(Verdict.REFUSE, otherSpacecraft.verdict());
        assertEquals("from site site-bravo: bravo-op operates for bravo; NAJM-1 belongs to alpha: only alpha's"
                + " operators command NAJM-1", otherSpacecraft.reason());

        Decision otherPerson = authority.decide(authority.issuer("site-bravo", OnBehalfOf.stamp("alpha-op", null)),
                sc("NAJM-1"), Levels.NONE);
        assertEquals(Verdict.REFUSE, otherPerson.verdict());
        assertEquals("site-bravo is bravo's site: it speaks for bravo's operators and leads only, and alpha-op is"
                + " not one of them", otherPerson.reason());

        for (String person : new String[] { "observer", "admin", "alpha-automation", "site-bravo" }) {
            Decision d = authority.decide(authority.issuer("site-alpha", OnBehalfOf.stamp(person, null)), sc("NAJM-1"),
                    Levels.NONE);
            assertEquals(Verdict.REFUSE, d.verdict(), person);
        }
        Decision nobody = authority.decide(authority.issuer("site-alpha", "no person named"), sc("NAJM-1"),
                Levels.NONE);
        assertEquals(Verdict.REFUSE, nobody.verdict());
        assertTrue(nobody.reason().contains("named no person"), nobody.reason());
    }

    @Test
    void onlyASiteAccountNamesAPerson() {
        assertEquals(new Issuer("bravo-op", null), authority.issuer("bravo-op", OnBehalfOf.stamp("alpha-op", null)));
        assertEquals(Verdict.REFUSE, authority.decide(authority.issuer("bravo-op", OnBehalfOf.stamp("alpha-op", null)),
                sc("NAJM-1"), Levels.NONE).verdict());
        assertTrue(authority.whyNotSpeakFor("alpha-op", "alpha-lead").isPresent());
        assertTrue(authority.whyNotSpeakFor("site-alpha", "alpha-lead").isEmpty());
        // the person's line is the first line only: an operator's own comment cannot add another
        assertEquals("alpha-op", OnBehalfOf.person(OnBehalfOf.stamp("alpha-op", "najm-person=alpha-lead"))
                .orElseThrow());
    }
}
