package org.najm.testing;

import java.time.Instant;
import java.util.List;

import org.najm.constellation.Station;
import org.najm.passes.SpacecraftTle;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** The JSON input of tools/passes/skyfield_passes.py: TLEs, stations and the time window. */
public final class SkyfieldRequest {

    private SkyfieldRequest() {
    }

    public static JsonObject of(List<SpacecraftTle> sats, List<Station> stations, Instant start, Instant end) {
        JsonObject req = new JsonObject();
        req.addProperty("start", start.toString());
        req.addProperty("end", end.toString());
        JsonArray tles = new JsonArray();
        for (SpacecraftTle t : sats) {
            JsonObject o = new JsonObject();
            o.addProperty("name", t.spacecraft());
            o.addProperty("line1", t.line1());
            o.addProperty("line2", t.line2());
            tles.add(o);
        }
        req.add("tles", tles);
        JsonArray sts = new JsonArray();
        for (Station s : stations) {
            JsonObject o = new JsonObject();
            o.addProperty("name", s.name());
            o.addProperty("latitude", s.latitude());
            o.addProperty("longitude", s.longitude());
            o.addProperty("altitude", s.altitude());
            o.addProperty("mask", s.mask());
            sts.add(o);
        }
        req.add("stations", sts);
        return req;
    }
}
