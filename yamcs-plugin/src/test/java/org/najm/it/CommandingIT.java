package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.simulator.spacecraft.ExecutedCommand;

import com.google.gson.JsonElement;

/**
 * Commands issued through the REST API travel as TC packets in TC frames under COP-1, as CLTUs
 * over UDP to the station in contact, and are verified stage by stage from TC_ACK (item 4).
 */
class CommandingIT extends InContactTest {

    static final Duration COMPLETION = Duration.ofSeconds(60);

    @Test
    void noopReachesTheSpacecraftAndCompletesAllStages() {
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        long before = sc.tcAccepted();
        String id = Commands.issueOk(sys, sys.instance(), "NOOP", "{}");
        Map<String, String> h = Commands.awaitCompletion(sys, sys.instance(), id, COMPLETION);

        assertEquals("OK", h.get("Verifier_Accepted_Status"), h.toString());
        assertEquals("OK", h.get("Verifier_Started_Status"), h.toString());
        assertEquals("OK", h.get("Verifier_Complete_Status"), h.toString());
        assertEquals("OK", h.get("CommandComplete_Status"), h.toString());
        assertEquals(sys.station.name(), h.get("station"));
        assertTrue(sc.tcAccepted() > before);
        int seq = Integer.parseInt(h.get("ccsds-seqcount"));
        assertTrue(sc.executedCommands().stream().anyMatch(c -> c.opcode() == 0x0001 && c.seqCount() == seq),
                "the spacecraft executed NOOP with sequence count " + seq + ": " + sc.executedCommands());
    }

    @Test
    void pingIsEchoedAsAnEventCarryingTheToken() {
        int token = 0x00C0FFEE;
        String id = Commands.issueOk(sys, sys.instance(), "PING", "{\"token\": " + token + "}");
        assertEquals("OK", Commands.awaitCompletion(sys, sys.instance(), id, COMPLETION).get("CommandComplete_Status"));
        String message = Poll.until(Duration.ofSeconds(30), "the PING event", () -> {
            var r = sys.rest.get("/archive/" + sys.instance() + "/events?source=" + sys.subject.name() + "&limit=50");
            if (r.status() != 200 || !r.json().has("events")) {
                return Optional.empty();
            }
            for (JsonElement e : r.json().getAsJsonArray("events")) {
                String m = e.getAsJsonObject().get("message").getAsString();
                if (m.contains(Integer.toString(token))) {
                    return Optional.of(e.getAsJsonObject().toString());
                }
            }
            return Optional.empty();
        });
        assertTrue(message.contains("\"severity\":\"INFO\""), message);
    }

    @Test
    void outOfRangeArgumentIsRefusedByYamcsBeforeAnythingIsSent() {
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        long received = sc.tcAccepted() + sc.tcRejected();
        var r = Commands.issue(sys, sys.instance(), "SET_HEATER", "{\"setpoint\": 55.0}");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("setpoint"), r.body());
        assertEquals(received, sc.tcAccepted() + sc.tcRejected());
    }

    @Test
    void commandTheSpacecraftRefusesFailsWithTheIcdReason() {
        // SURVEY needs the payload powered (ICD §5); the spacecraft starts with it off.
        String id = Commands.issueOk(sys, sys.instance(), "SET_MODE", "{\"mode\": \"SURVEY\"}");
        Map<String, String> h = Commands.awaitCompletion(sys, sys.instance(), id, COMPLETION);
        assertEquals("NOK", h.get("CommandComplete_Status"), h.toString());
        assertEquals("NOK", h.get("Verifier_Accepted_Status"), h.toString());
        assertTrue(h.get("Verifier_Accepted_Message").contains("NOT_ALLOWED_IN_MODE"), h.toString());
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        assertTrue(sc.executedCommands().stream().map(ExecutedCommand::opcode).anyMatch(op -> op == 0x0010));
    }

    @Test
    void commandToASpacecraftNoStationSeesFailsClearly() {
        Spacecraft unseen = Poll.until(Duration.ofSeconds(10), "a spacecraft no station sees", () -> sys.constellation
                .spacecraft().stream().filter(s -> !s.equals(sys.subject) && noStationSees(s)).findFirst());
        String id = Commands.issueOk(sys, unseen.instance(), "NOOP", "{}");
        Map<String, String> h = Commands.awaitCompletion(sys, unseen.instance(), id, Duration.ofSeconds(20));
        assertEquals("NOK", h.get("CommandComplete_Status"), h.toString());
        assertTrue(h.get("CommandComplete_Message")
                .contains("Command not sent to " + unseen.name() + ": no ground station is in contact"), h.toString());
    }

    private static boolean noStationSees(Spacecraft s) {
        for (Station st : sys.constellation.stations()) {
            if (sys.simulator.station(st.id()).visible(s.scid())) {
                return false;
            }
        }
        return true;
    }
}
