package org.najm.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;

/** What the displays are told about a user: their own partner's spacecraft only, confirmation for leads. */
class DisplaysApiTest {

    private final Constellation c;

    DisplaysApiTest() throws Exception {
        c = Constellation.load(Constellation.DEFAULT_PATH);
    }

    @Test
    void anOperatorCommandsTheirPartnersSpacecraftAndConfirmsNothing() {
        var r = DisplaysApi.rightsOf(c, "bravo-op");
        assertEquals("bravo", r.getPartner());
        assertEquals(List.of("NAJM-2"), r.getCommandsList());
        assertTrue(r.getConfirmsList().isEmpty());
    }

    @Test
    void aLeadAlsoConfirmsTheirPartnersCriticalCommands() {
        var r = DisplaysApi.rightsOf(c, "alpha-lead");
        assertEquals(List.of("NAJM-1"), r.getCommandsList());
        assertEquals(List.of("NAJM-1"), r.getConfirmsList());
    }

    @Test
    void theObserverTheAdministratorAndAnAutomationIdentityHaveNoRights() {
        for (String user : List.of("observer", "admin", "alpha-automation", "nobody")) {
            var r = DisplaysApi.rightsOf(c, user);
            assertEquals(user, r.getUser());
            assertFalse(r.hasPartner(), user);
            assertTrue(r.getCommandsList().isEmpty() && r.getConfirmsList().isEmpty(), user);
        }
    }

    @Test
    void thePublicConfigurationNamesSpacecraftAndStationsButNoUsers() {
        var config = WebDisplaysPlugin.publicConfig(c).toString();
        assertTrue(config.contains("NAJM-4") && config.contains("SVALBARD"), config);
        assertFalse(config.contains("-op") || config.contains("-lead"), config);
    }
}
