package org.najm.simulator.control;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.OptionalInt;

import org.najm.simulator.spacecraft.SpacecraftSnapshot;
import org.najm.simulator.spacecraft.StoreSnapshot;
import org.najm.simulator.station.Outage;
import org.najm.simulator.station.StationSim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The JSON of the control API's answers (field by field in docs/simulator.md, "Control API"). */
final class ControlJson {

    private ControlJson() {
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** GPS seconds in plain notation (1479168018.5, not 1.4791680185E9), exactly the double's value; or null. */
    static BigDecimal gps(Double seconds) {
        return seconds == null ? null : BigDecimal.valueOf(seconds);
    }

    /** {@code {"station", "now", "inOutage", "outages": [{"start", "stop", "active"}], dropped counters}}. */
    static JsonObject outages(StationSim st, Instant now) {
        JsonObject o = new JsonObject();
        o.addProperty("station", st.station().name());
        o.addProperty("now", time(now));
        o.addProperty("inOutage", st.inOutage(now));
        JsonArray list = new JsonArray();
        for (Outage w : st.outages()) {
            list.add(outage(w, now));
        }
        o.add("outages", list);
        o.addProperty("framesDroppedOutage", st.framesDroppedOutage());
        o.addProperty("cltusDroppedOutage", st.cltusDroppedOutage());
        return o;
    }

    static JsonObject outage(Outage w, Instant now) {
        JsonObject o = new JsonObject();
        o.addProperty("start", time(w.start()));
        o.addProperty("stop", time(w.stop()));
        o.addProperty("active", w.contains(now));
        return o;
    }

    /** {@code {"station", "rate", "seed", "corruptedFrames", "framesForwarded"}}. */
    static JsonObject corruption(StationSim st) {
        JsonObject o = new JsonObject();
        o.addProperty("station", st.station().name());
        o.addProperty("rate", st.corruptionRate());
        o.addProperty("seed", st.corruptionSeed());
        o.addProperty("corruptedFrames", st.corruptedFrames());
        o.addProperty("framesForwarded", st.framesForwarded());
        return o;
    }

    /** Everything about one station: what it tracks, its faults and its counters. */
    static JsonObject station(StationSim st, ControlTargets targets, Instant now) {
        JsonObject o = new JsonObject();
        o.addProperty("name", st.station().name());
        o.addProperty("id", st.id());
        OptionalInt tracked = st.trackedScid();
        o.addProperty("tracked", tracked.isPresent() ? targets.spacecraftName(tracked.getAsInt()) : null);
        o.addProperty("lastTick", time(st.lastUpdate()));
        JsonObject outages = outages(st, now);
        o.addProperty("inOutage", outages.get("inOutage").getAsBoolean());
        o.add("outages", outages.get("outages"));
        JsonObject corruption = new JsonObject();
        corruption.addProperty("rate", st.corruptionRate());
        corruption.addProperty("seed", st.corruptionSeed());
        o.add("corruption", corruption);
        JsonObject c = new JsonObject();
        c.addProperty("framesForwarded", st.framesForwarded());
        c.addProperty("corruptedFrames", st.corruptedFrames());
        c.addProperty("framesDroppedOutage", st.framesDroppedOutage());
        c.addProperty("framesDroppedSend", st.framesDroppedSend());
        c.addProperty("cltusReceived", st.cltusReceived());
        c.addProperty("cltusRadiated", st.cltusRadiated());
        c.addProperty("cltusDroppedOutage", st.cltusDroppedOutage());
        c.addProperty("cltusDroppedNoContact", st.cltusDroppedNoContact());
        o.add("counters", c);
        return o;
    }

    /** The truth onboard: {@code {"name", ..., "stores": {"HK": {...}, "SCIENCE": {...}}}}. */
    static JsonObject spacecraft(SpacecraftSnapshot s) {
        JsonObject o = new JsonObject();
        o.addProperty("name", s.name());
        o.addProperty("scid", s.scid());
        o.addProperty("time", time(s.time()));
        o.addProperty("onboardTime", gps(s.onboardTime()));
        o.addProperty("mode", s.mode().name());
        o.addProperty("payloadOn", s.payloadOn());
        o.addProperty("rebooting", s.rebooting());
        o.addProperty("bootCount", s.bootCount());
        o.addProperty("exposuresSinceBoot", s.exposuresSinceBoot());
        o.addProperty("detectionsSinceBoot", s.detectionsSinceBoot());
        o.addProperty("detectionsTotal", s.detectionsTotal());
        o.addProperty("trackletsRecorded", s.trackletsRecorded());
        JsonObject stores = new JsonObject();
        stores.add(s.hk().store(), store(s.hk()));
        stores.add(s.science().store(), store(s.science()));
        o.add("stores", stores);
        return o;
    }

    static JsonObject store(StoreSnapshot s) {
        JsonObject o = new JsonObject();
        o.addProperty("packets", s.packets());
        o.addProperty("fillOctets", s.fillOctets());
        o.addProperty("capacityOctets", s.capacityOctets());
        o.addProperty("oldestTime", gps(s.oldestTime()));
        o.addProperty("newestTime", gps(s.newestTime()));
        o.addProperty("droppedOverflow", s.droppedOverflow());
        o.addProperty("deleted", s.deleted());
        o.addProperty("playedBack", s.playedBack());
        o.addProperty("playingBack", s.playingBack());
        return o;
    }
}
