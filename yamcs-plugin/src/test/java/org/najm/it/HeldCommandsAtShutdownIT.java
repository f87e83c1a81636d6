package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.najm.testing.FreePorts;
import org.najm.testing.MocProcess;
import org.najm.time.SimClock;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A real MOC stop (Yamcs in a process of its own, stopped with SIGTERM as an operator stops it): the critical
 * command still waiting for its second operator fails, with a command-history entry and an audit record,
 * both there when the MOC is back. No simulator: holding a command needs no contact.
 */
class HeldCommandsAtShutdownIT {

    @Test
    void aHeldCommandFailsAuditedWhenTheMocStops() throws Exception {
        int http = FreePorts.tcp();
        Path data = Files.createTempDirectory("najm-it-shutdown");
        var setup = new MocProcess.Setup(http, FreePorts.udpBlock(5), FreePorts.udpBlock(5), data,
                "http://127.0.0.1:" + FreePorts.tcp() + "/submit",
                SimClock.startingNow(Instant.now(), 1).toEnvironment(),
                Path.of("yamcs-plugin", "target", "moc-shutdown.log"));
        try (MocProcess moc = MocProcess.start(setup, NajmSystem.MOC_START_TIMEOUT)) {
            var op = new YamcsRest(http, "alpha-op", NajmSystem.DEMO_PASSWORD);
            awaitInstance(op);
            String id = Commands.issueOk(op, "najm-1", "REBOOT_OBC", "{}");
            Poll.until(Duration.ofSeconds(30), "held", () -> "PENDING".equals(Commands.history(op, "najm-1", id)
                    .get("Confirmed_Status")) ? Optional.of(true) : Optional.empty());

            moc.close(); // SIGTERM: Yamcs stops its instances, then itself
            assertFalse(moc.isAlive());
            moc.restart(NajmSystem.MOC_START_TIMEOUT);
            awaitInstance(op);

            Map<String, String> h = Commands.history(op, "najm-1", id);
            assertEquals("NOK", h.get("Confirmed_Status"), h.toString());
            assertEquals("NOK", h.get("CommandComplete_Status"), h.toString());
            assertTrue(h.get("CommandComplete_Message").contains("instance najm-1 stopped before confirmation"),
                    h.toString());
            assertFalse(h.containsKey("Acknowledge_Sent_Status") || h.containsKey("najm-authority"), h.toString());

            var admin = new YamcsRest(http, "admin", NajmSystem.DEMO_PASSWORD);
            var trail = admin.get("/najm/audit?user=alpha-op&limit=1000");
            assertEquals(200, trail.status(), trail.body());
            boolean expired = false;
            for (JsonElement e : trail.json().getAsJsonArray("records")) {
                JsonObject r = e.getAsJsonObject();
                expired |= r.get("commandId").getAsString().equals(id) && r.get("outcome").getAsString()
                        .equals("EXPIRED") && r.get("reason").getAsString().contains("stopped before confirmation");
            }
            assertTrue(expired, trail.body());
        }
    }

    /** HTTP answers before the instances have started. */
    private static void awaitInstance(YamcsRest rest) {
        Poll.until(NajmSystem.MOC_START_TIMEOUT, "instance najm-1 running", () -> rest
                .get("/instances/najm-1").body().contains("\"RUNNING\"") ? Optional.of(true) : Optional.empty());
    }
}
