package org.najm.simulator.archive;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Metadata of one accepted submission, stored as {@code <id>.json} next to {@code <id>.xml}.
 *
 * @param received ISO-8601 UTC instant the stand-in received it
 * @param sha256 hex digest of the source bytes: the duplicate index key
 * @param observations number of {@code optical} elements
 * @param trkSubs distinct trkSub values, in document order
 * @param duplicateOf id of the earliest accepted submission with the same sha256, or null
 */
public record Submission(String id, String received, String ack, String ac2, String objType, String sha256,
        int observations, List<String> trkSubs, String duplicateOf) {

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("id", id);
        o.addProperty("received", received);
        o.addProperty("ack", ack);
        o.addProperty("ac2", ac2);
        o.addProperty("obj_type", objType); // the MPC's form field name
        o.addProperty("sha256", sha256);
        o.addProperty("observations", observations);
        JsonArray t = new JsonArray();
        trkSubs.forEach(t::add);
        o.add("trkSubs", t);
        o.addProperty("duplicateOf", duplicateOf);
        return o;
    }

    static Submission fromJson(JsonObject o) {
        List<String> trkSubs = new ArrayList<>();
        o.getAsJsonArray("trkSubs").forEach(e -> trkSubs.add(e.getAsString()));
        return new Submission(o.get("id").getAsString(), o.get("received").getAsString(), str(o, "ack"),
                str(o, "ac2"), str(o, "obj_type"), o.get("sha256").getAsString(), o.get("observations").getAsInt(),
                List.copyOf(trkSubs), str(o, "duplicateOf"));
    }

    private static String str(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }
}
