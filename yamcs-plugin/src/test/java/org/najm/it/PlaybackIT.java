package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * HK recorded onboard before the contact, dumped on VC2, is decoded and archived with its onboard
 * generation time, not the time it arrived.
 */
class PlaybackIT extends InContactTest {

    @Test
    void dumpedHousekeepingIsArchivedWithItsOnboardTime() {
        long gpsNow = 2_000_000_000L; // any time after the recording: the whole store
        String id = Commands.issueOk(sys, sys.instance(), "DUMP_STORE",
                "{\"store\": \"HK\", \"from\": 0, \"to\": " + gpsNow + "}");
        assertEquals("OK", Commands.awaitCompletion(sys, sys.instance(), id, Duration.ofSeconds(90))
                .get("CommandComplete_Status"));

        // Nothing was heard before AOS, so BUS_HK archived with an earlier time came from the dump.
        Instant aos = sys.pass.aos();
        JsonObject packet = Poll.until(Duration.ofSeconds(30), "a BUS_HK packet generated before AOS", () -> {
            var r = sys.rest.get("/archive/" + sys.instance() + "/packets?name=" + YamcsRest.encode("/NAJM/BUS_HK")
                    + "&stop=" + YamcsRest.encode(aos.toString()) + "&limit=5");
            if (r.status() != 200 || !r.json().has("packet")) {
                return Optional.empty();
            }
            for (JsonElement e : r.json().getAsJsonArray("packet")) {
                return Optional.of(e.getAsJsonObject());
            }
            return Optional.empty();
        });
        Instant generated = Instant.parse(packet.get("generationTime").getAsString());
        Instant received = Instant.parse(packet.get("receptionTime").getAsString());
        assertTrue(generated.isBefore(aos), packet.toString());
        assertTrue(received.isAfter(aos), "received during the contact: " + packet);
    }
}
