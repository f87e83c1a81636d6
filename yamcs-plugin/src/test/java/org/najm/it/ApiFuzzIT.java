package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

/**
 * Bad input to every NAJM API ({@code /api/najm/...}, najm/*.proto): malformed JSON, wrong types, missing and
 * extra fields, a huge body, bad and reversed time ranges, negative and huge limits, unknown spacecraft and
 * stations, no, wrong and another partner's credentials. Each answer is a 4xx whose message says what is
 * wrong, never a 500, and the state the APIs show is the same afterwards.
 */
class ApiFuzzIT extends InContactTest {

    /** A user name only this test logs in as (no such account): five failures lock a name for 15 minutes. */
    private static final String FUZZ_INTRUDER = "fuzz-intruder";

    private static final String T0 = "2026-11-20T00:00:00Z";
    private static final String T1 = "2026-11-21T00:00:00Z";
    private static final String REVERSED = "start=" + T1 + "&stop=" + T0;

    record Case(String user, String method, String path, String body) {
        @Override
        public String toString() {
            return (user == null ? "anonymous" : user) + " " + method + " " + path
                    + (body == null ? "" : " " + (body.length() > 60 ? body.substring(0, 60) + "..." : body));
        }
    }

    @Test
    void everyNajmApiAnswersBadInputWithA4xxThatSaysWhyAndChangesNothing() {
        List<Case> cases = new ArrayList<>();
        String op = "alpha-op"; // NAJM-1's partner
        String other = "bravo-op";
        String huge = "{\"text\": \"" + "A".repeat(4 << 20) + "\"}";
        // TLE upload
        for (String body : new String[] { "{", "not json", "[]", "{\"text\": 5}", "{\"text\": [\"x\"]}", "{}",
            "{\"text\": \"1 garbage\\n2 garbage\"}", "{\"text\": \"\", \"extra\": true}", "{\"nope\": 1}", huge }) {
            cases.add(new Case(op, "POST", "/najm/tles", body));
        }
        // station unavailability
        String u = "/najm/stations/DUBAI/unavailability";
        for (String body : new String[] { "{", "{}", "{\"start\": 5, \"stop\": 6}",
            "{\"start\": \"yesterday\", \"stop\": \"" + T1 + "\"}",
            "{\"start\": \"" + T1 + "\", \"stop\": \"" + T0 + "\", \"reason\": \"reversed\"}",
            "{\"start\": \"" + T0 + "\"}", "{\"start\": \"" + T0 + "\", \"stop\": \"" + T1 + "\", \"reason\": 7,"
                    + " \"extra\": {}}", huge }) {
            cases.add(new Case(op, "POST", u, body));
        }
        cases.add(new Case(op, "POST", "/najm/stations/NOWHERE/unavailability",
                "{\"start\": \"" + T0 + "\", \"stop\": \"" + T1 + "\", \"reason\": \"x\"}"));
        cases.add(new Case(other, "POST", u,
                "{\"start\": \"" + T0 + "\", \"stop\": \"" + T1 + "\", \"reason\": \"x\"}"));
        cases.add(new Case(op, "DELETE", u + "/no-such-id", null));
        cases.add(new Case(op, "DELETE", "/najm/stations/NOWHERE/unavailability/x", null));
        // listings with time ranges and filters
        for (String list : new String[] { "/najm/passes", "/najm/contacts", "/najm/audit", "/najm/contact-reports" }) {
            cases.add(new Case(op, "GET", list + "?" + REVERSED, null));
            cases.add(new Case(op, "GET", list + "?start=yesterday&stop=" + T1, null));
            cases.add(new Case(op, "GET", list + "?spacecraft=NAJM-9", null));
        }
        cases.add(new Case(op, "GET", "/najm/passes?station=NOWHERE", null));
        cases.add(new Case(op, "GET", "/najm/contacts?station=NOWHERE", null));
        for (String list : new String[] { "/najm/audit", "/najm/contact-reports" }) {
            for (String limit : new String[] { "-1", "0", "abc", "99999999999", "2147483647" }) {
                cases.add(new Case("admin", "GET", list + "?limit=" + limit, null));
            }
        }
        cases.add(new Case(op, "GET", "/najm/accountability?spacecraft=NAJM-9", null));
        // actions on spacecraft
        for (String action : new String[] { "/najm/automation/%s:pause", "/najm/automation/%s:resume" }) {
            cases.add(new Case(op, "POST", action.formatted("NAJM-9"), "{}"));
            cases.add(new Case(other, "POST", action.formatted("NAJM-1"), "{}"));
            cases.add(new Case(op, "POST", action.formatted("NAJM-1"), "{"));
        }
        String redeliver = "/najm/science/%s:redeliver";
        cases.add(new Case(op, "POST", redeliver.formatted("NAJM-9"), "{}"));
        cases.add(new Case(other, "POST", redeliver.formatted("NAJM-1"), "{}"));
        cases.add(new Case(op, "POST", redeliver.formatted("NAJM-1"), "{\"start\": \"" + T1 + "\", \"stop\": \"" + T0
                + "\"}"));
        cases.add(new Case(op, "POST", redeliver.formatted("NAJM-1"), "{\"start\": 3}"));
        cases.add(new Case(op, "POST", redeliver.formatted("NAJM-1"), huge));
        for (String held : new String[] { "/najm/held-commands:confirm", "/najm/held-commands:cancel" }) {
            for (String body : new String[] { "{", "{}", "{\"id\": 5}", "{\"id\": \"no-such-command\"}",
                "{\"id\": [1, 2]}" }) {
                cases.add(new Case("alpha-lead", "POST", held, body));
            }
        }
        cases.add(new Case("observer", "POST", "/najm/plan:replan", "{}"));
        // credentials: none, wrong, another partner's. The wrong password goes with a name no other test uses:
        // five failures lock a user name for 15 minutes (LoginLimiter), and the other ITs share this server.
        String[][] everyRoute = { { "GET", "/najm/passes" }, { "GET", "/najm/contacts" }, { "GET", "/najm/tles" },
            { "POST", "/najm/tles" }, { "GET", "/najm/stations/unavailability" }, { "POST", u },
            { "DELETE", u + "/x" }, { "POST", "/najm/plan:replan" }, { "GET", "/najm/my-rights" },
            { "GET", "/najm/science" }, { "POST", redeliver.formatted("NAJM-1") }, { "GET", "/najm/held-commands" },
            { "POST", "/najm/held-commands:confirm" }, { "POST", "/najm/held-commands:cancel" },
            { "GET", "/najm/audit" }, { "GET", "/najm/automation" }, { "POST", "/najm/automation/NAJM-1:pause" },
            { "POST", "/najm/automation/NAJM-1:resume" }, { "GET", "/najm/contact-reports" },
            { "GET", "/najm/accountability" } };
        for (String[] r : everyRoute) {
            String body = r[0].equals("POST") ? "{}" : null;
            cases.add(new Case(null, r[0], r[1], body));
            cases.add(new Case("wrong-password", r[0], r[1], body));
        }

        Map<String, String> before = state();
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int automationOff = 0;
        for (Case c : cases) {
            YamcsRest rest = c.user == null ? sys.anonymous()
                    : c.user.equals("wrong-password") ? new YamcsRest(sys.httpPort(), FUZZ_INTRUDER, "wrong")
                    : sys.as(c.user);
            YamcsRest.Response r = switch (c.method) {
            case "GET" -> rest.get(c.path);
            case "DELETE" -> rest.delete(c.path);
            default -> rest.post(c.path, c.body);
            };
            byStatus.merge(r.status(), 1, Integer::sum);
            String msg = message(r.body());
            if (r.status() == 413) {
                continue; // Yamcs' HTTP server refuses the body before any NAJM code, with no text: said by the code
            }
            if (r.status() == 503 && msg.contains("ContactAutomationService is not running")) {
                automationOff++; // the shared scenario runs without the contact automation
                continue;
            }
            if (r.status() < 400 || r.status() >= 500 || msg.isBlank()) {
                failures.add(r.status() + " for " + c + ": " + r.body().substring(0, Math.min(300, r.body().length())));
            }
        }
        System.out.println("ApiFuzzIT: " + cases.size() + " bad requests, answers by status " + byStatus + "; "
                + automationOff + " to the automation routes answered 503 (automation off in this scenario)");
        assertTrue(failures.isEmpty(), failures.size() + " answers not a 4xx with a message:\n"
                + String.join("\n", failures));
        assertEquals(before, state(), "a refused request changed something");
    }

    /** Yamcs' error answer {"code", "type", "msg"}: the message; a plain-text answer (401): the text. */
    private static String message(String body) {
        try {
            var o = JsonParser.parseString(body).getAsJsonObject();
            return o.has("msg") ? o.get("msg").getAsString() : "";
        } catch (RuntimeException e) {
            return body.strip();
        }
    }

    /** What the requests above could change, as the lead of NAJM-1's partner and the administrator see it. */
    private static Map<String, String> state() {
        Map<String, String> s = new TreeMap<>();
        for (String path : new String[] { "/najm/tles", "/najm/stations/unavailability", "/najm/automation",
            "/najm/held-commands" }) {
            s.put(path, sys.as("admin").get(path).body());
        }
        return s;
    }
}
