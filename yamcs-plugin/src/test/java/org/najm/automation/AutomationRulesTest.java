package org.najm.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.najm.automation.AutomationRules.OperatorCommand;
import org.najm.automation.AutomationState.Pause;
import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;

class AutomationRulesTest {

    private static final Constellation C = load();
    private static final Spacecraft NAJM1 = C.spacecraftByName("NAJM-1").orElseThrow();
    private static final Instant T = Instant.parse("2026-11-20T03:20:00Z");

    private static Constellation load() {
        try {
            return Constellation.load(Constellation.DEFAULT_PATH);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePartnersOperatorsAndLeadsMayPauseAndResume() {
        assertEquals(Optional.empty(), AutomationRules.whyNotChange(C, "alpha-op", NAJM1));
        assertEquals(Optional.empty(), AutomationRules.whyNotChange(C, "alpha-lead", NAJM1));
    }

    @Test
    void nobodyElseMayAndIsToldWhy() {
        assertEquals("bravo-op operates for bravo; NAJM-1 belongs to alpha: only alpha's operators and leads pause"
                + " or resume the automation of NAJM-1", AutomationRules.whyNotChange(C, "bravo-op", NAJM1).get());
        assertTrue(AutomationRules.whyNotChange(C, "observer", NAJM1).get()
                .startsWith("observer is not an operator of any partner"));
        assertTrue(AutomationRules.whyNotChange(C, "admin", NAJM1).get()
                .startsWith("admin is not an operator of any partner"));
        assertTrue(AutomationRules.whyNotChange(C, "alpha-automation", NAJM1).get()
                .startsWith("alpha-automation is alpha's automation identity"));
    }

    @Test
    void theAutomationStandsBackWhenPausedInSafeModeOrWhileAnOperatorCommands() {
        var op = Optional.of(new OperatorCommand("alpha-op", "/NAJM/SET_MODE(mode=SURVEY)", T));
        assertEquals(Optional.empty(), AutomationRules.standBack("NAJM-1", null, "SURVEY", Optional.empty()));
        assertEquals("paused by alpha-op since " + T, AutomationRules.standBack("NAJM-1", new Pause("alpha-op", T),
                "SAFE", op).get(), "a pause says who paused it, first");
        assertEquals("NAJM-1 is in SAFE mode", AutomationRules.standBack("NAJM-1", null, "SAFE", op).get());
        assertEquals("alpha-op is commanding NAJM-1 in this contact (/NAJM/SET_MODE(mode=SURVEY) at " + T + ")",
                AutomationRules.standBack("NAJM-1", null, "STANDBY", op).get());
        assertEquals(Optional.empty(), AutomationRules.standBack("NAJM-1", null, null, Optional.empty()),
                "mode not known yet");
    }
}
