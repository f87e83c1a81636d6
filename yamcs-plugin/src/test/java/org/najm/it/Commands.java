package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Issues commands through the REST API and reads their history, as an operator's client does. */
final class Commands {

    private Commands() {
    }

    /** Issues /NAJM/{name} as an operator of the spacecraft's partner; returns the HTTP response. */
    static YamcsRest.Response issue(NajmSystem sys, String instance, String name, String argsJson) {
        return issue(sys.as(sys.operatorOf(instance)), instance, name, argsJson);
    }

    /** Issues /NAJM/{name} with the given JSON args as {@code rest}'s user; returns the HTTP response. */
    static YamcsRest.Response issue(YamcsRest rest, String instance, String name, String argsJson) {
        return rest.post("/processors/" + instance + "/realtime/commands/NAJM/" + name,
                "{\"args\": " + argsJson + "}");
    }

    /** Issues a command that Yamcs must accept, as an operator of its partner; returns its command id. */
    static String issueOk(NajmSystem sys, String instance, String name, String argsJson) {
        return issueOk(sys.as(sys.operatorOf(instance)), instance, name, argsJson);
    }

    /** Issues a command that Yamcs must accept, as {@code rest}'s user; returns its command id. */
    static String issueOk(YamcsRest rest, String instance, String name, String argsJson) {
        var r = issue(rest, instance, name, argsJson);
        assertEquals(200, r.status(), r.body());
        return r.json().get("id").getAsString();
    }

    /** The command history attributes of a command, by name, as strings. */
    static Map<String, String> history(NajmSystem sys, String instance, String id) {
        return history(sys.rest, instance, id);
    }

    /** The command history attributes of a command, by name, as strings, read as {@code rest}'s user. */
    static Map<String, String> history(YamcsRest rest, String instance, String id) {
        var r = rest.get("/archive/" + instance + "/commands/" + YamcsRest.encode(id));
        return r.status() == 200 ? attributes(r.json()) : new HashMap<>();
    }

    /** A command history entry's attributes (as the archive API gives them), by name, as strings. */
    static Map<String, String> attributes(JsonObject entry) {
        Map<String, String> attrs = new HashMap<>();
        if (entry.has("attr")) {
            for (JsonElement e : entry.getAsJsonArray("attr")) {
                JsonObject a = e.getAsJsonObject();
                JsonObject v = a.getAsJsonObject("value");
                String s = v.entrySet().stream().filter(e2 -> !e2.getKey().equals("type"))
                        .map(e2 -> e2.getValue().isJsonPrimitive() ? e2.getValue().getAsString()
                                : e2.getValue().toString())
                        .findFirst().orElse("");
                attrs.put(a.get("name").getAsString(), s);
            }
        }
        return attrs;
    }

    /** Waits until the command is complete (successfully or not) and returns its history. */
    static Map<String, String> awaitCompletion(NajmSystem sys, String instance, String id, Duration timeout) {
        Map<String, String> last = new HashMap<>();
        return Poll.until(timeout, "completion of command " + id, () -> {
            Map<String, String> h = history(sys, instance, id);
            last.clear();
            last.putAll(h);
            return h.containsKey("CommandComplete_Status") ? Optional.of(h) : Optional.empty();
        }, () -> last + "; COP-1: " + sys.rest.get("/cop1/" + instance + "/TC.vc0/status").body());
    }
}
