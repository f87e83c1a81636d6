package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.najm.orekit.OrekitData;
import org.najm.simulator.packet.BusHk;
import org.orekit.time.AbsoluteDate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** ICD telemetry decoded by the real Yamcs from the real simulator's frames (issue item 3). */
class TelemetryIT extends InContactTest {

    @Test
    void busHkValuesInYamcsEqualWhatTheSpacecraftSent() {
        List<String> names = List.of("mode", "battery_voltage", "battery_soc", "bus_current", "solar_current",
                "in_eclipse", "temp_obc", "temp_battery", "temp_telescope", "q1", "q4", "rate_z", "gnss_pos_x",
                "gnss_vel_z", "hk_store_fill", "obc_uptime", "boot_count");
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        // The spacecraft sends BUS_HK every simulated second: take one it sent and find it in Yamcs.
        String[] last = { "nothing" };
        var match = Poll.until(Duration.ofSeconds(30), "a BUS_HK seen by both the simulator and Yamcs", () -> {
            BusHk sent = sc.lastBusHk();
            Map<String, JsonObject> values = Parameters.get(sys, names);
            last[0] = "sent " + (sent == null ? null : utc(sent.time())) + ", Yamcs has " + values.keySet() + " "
                    + values.get("battery_voltage");
            if (sent == null || values.size() < names.size()) {
                return Optional.empty();
            }
            Instant yamcsTime = Instant.parse(values.get("battery_voltage").get("generationTime").getAsString());
            // Yamcs keeps milliseconds: the CUC fine time (1/65536 s) rounds to the nearest one.
            long diff = Math.abs(Duration.between(utc(sent.time()), yamcsTime).toNanos());
            return diff <= 1_000_000 ? Optional.of(Map.entry(sent, values)) : Optional.empty();
        }, () -> last[0]);
        BusHk sent = match.getKey();
        Map<String, JsonObject> got = match.getValue();

        assertEquals(new String[] { "SAFE", "STANDBY", "SURVEY" }[sent.mode()], eng(got, "mode").getAsString());
        assertEquals(sent.batteryVoltageMv() / 1000.0, eng(got, "battery_voltage").getAsDouble(), 1e-9);
        assertEquals(sent.batterySocPercent(), eng(got, "battery_soc").getAsInt());
        assertEquals(sent.busCurrentMa(), eng(got, "bus_current").getAsInt());
        assertEquals(sent.solarCurrentMa(), eng(got, "solar_current").getAsInt());
        assertEquals(sent.tempObc() / 100.0, eng(got, "temp_obc").getAsDouble(), 1e-9);
        assertEquals(sent.tempBattery() / 100.0, eng(got, "temp_battery").getAsDouble(), 1e-9);
        assertEquals(sent.tempTelescope() / 100.0, eng(got, "temp_telescope").getAsDouble(), 1e-9);
        assertEquals(sent.quaternion()[0], eng(got, "q1").getAsFloat());
        assertEquals(sent.quaternion()[3], eng(got, "q4").getAsFloat());
        assertEquals(sent.bodyRates()[2], eng(got, "rate_z").getAsFloat());
        assertEquals(sent.positionKm()[0], eng(got, "gnss_pos_x").getAsDouble());
        assertEquals(sent.velocityKmS()[2], eng(got, "gnss_vel_z").getAsFloat());
        assertEquals(sent.hkStoreFill(), eng(got, "hk_store_fill").getAsLong());
        assertEquals(sent.obcUptime(), eng(got, "obc_uptime").getAsLong());
        assertEquals(sent.bootCount(), eng(got, "boot_count").getAsInt());
        // the GNSS position is a real orbit: ~785 km altitude
        double r = Math.sqrt(sq(sent.positionKm()[0]) + sq(sent.positionKm()[1]) + sq(sent.positionKm()[2]));
        assertTrue(r > 6378 + 700 && r < 6378 + 900, "orbit radius " + r);
    }

    @Test
    void batteryAndTemperaturesCarryLimitAlarmDefinitions() {
        for (String p : List.of("battery_voltage", "battery_soc", "temp_obc", "temp_battery", "temp_telescope")) {
            var r = sys.rest.get("/mdb/" + sys.instance() + "/parameters/NAJM/" + p);
            assertEquals(200, r.status(), r.body());
            JsonObject type = r.json().getAsJsonObject("type");
            assertTrue(type.has("defaultAlarm"), p + " has no default alarm: " + r.body());
        }
    }

    private static JsonElement eng(Map<String, JsonObject> values, String name) {
        JsonObject v = values.get(name).getAsJsonObject("engValue");
        for (String k : List.of("stringValue", "floatValue", "doubleValue", "uint32Value", "sint32Value",
                "uint64Value", "sint64Value", "booleanValue")) {
            if (v.has(k)) {
                return v.get(k);
            }
        }
        throw new AssertionError("no value in " + v);
    }

    private static double sq(double x) {
        return x * x;
    }

    /** The UTC instant of GPS seconds (leap seconds from Orekit's table). */
    /**
     * The last seconds of a parameter's history, not all in the parameter archive yet, hold every BUS_HK of the tm
     * archive in that window, asked twice: the first answer replays the tm archive (the template caches a
     * parameter's values only from its first history request on), the second may come from that cache.
     */
    @Test
    void recentParameterHistoryHoldsEveryArchivedBusHk() {
        JsonObject latest = Poll.until(Duration.ofSeconds(30), "a battery_voltage value",
                () -> Optional.ofNullable(Parameters.get(sys, List.of("battery_voltage")).get("battery_voltage")),
                () -> "none yet");
        Instant stop = Instant.parse(latest.get("generationTime").getAsString()).plusMillis(1);
        Instant start = stop.minusSeconds(20);
        String range = "start=" + start + "&stop=" + stop + "&limit=1000";
        var packets = sys.rest.get("/archive/" + sys.instance() + "/packets?name=/NAJM/BUS_HK&" + range);
        assertEquals(200, packets.status(), packets.body());
        int archived = packets.json().has("packet") ? packets.json().getAsJsonArray("packet").size() : 0;
        assertTrue(archived >= 5, "BUS_HK packets in the tm archive over " + range + ": " + archived);
        for (String attempt : List.of("first", "second")) {
            var history = sys.rest.get("/archive/" + sys.instance() + "/parameters/NAJM/battery_voltage?" + range);
            assertEquals(200, history.status(), history.body());
            int values = history.json().has("parameter") ? history.json().getAsJsonArray("parameter").size() : 0;
            assertEquals(archived, values, attempt + " history request over " + range);
        }
    }

    static Instant utc(double gpsSeconds) {
        var ts = OrekitData.context().getTimeScales();
        AbsoluteDate d = ts.getGpsEpoch().shiftedBy(gpsSeconds);
        return d.toInstant(ts);
    }

    /** Realtime values of /NAJM parameters, by name, through the processor's batch API. */
    static final class Parameters {
        static Map<String, JsonObject> get(NajmSystem sys, List<String> names) {
            StringBuilder body = new StringBuilder("{\"fromCache\": true, \"id\": [");
            for (int i = 0; i < names.size(); i++) {
                body.append(i == 0 ? "" : ",").append("{\"name\": \"/NAJM/").append(names.get(i)).append("\"}");
            }
            body.append("]}");
            var r = sys.rest.post("/processors/" + sys.instance() + "/realtime/parameters:batchGet", body.toString());
            assertEquals(200, r.status(), r.body());
            Map<String, JsonObject> out = new HashMap<>();
            JsonObject json = r.json();
            if (json.has("value")) {
                for (JsonElement e : json.getAsJsonArray("value")) {
                    JsonObject pv = e.getAsJsonObject();
                    String name = pv.getAsJsonObject("id").get("name").getAsString();
                    out.put(name.substring(name.lastIndexOf('/') + 1), pv);
                }
            }
            return out;
        }
    }
}
