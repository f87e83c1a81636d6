package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The operator displays in a real browser (headless chromium), against the real Yamcs and simulator of the
 * shared contact: the fleet overview live over the WebSocket, the contact strip, the two-person rule's
 * buttons, the roles, the spacecraft displays and the Timeline page. Screenshots: target/screenshots.
 */
class BrowserDisplaysIT extends InContactTest {

    private static final String FLEET = "/ext/najm-fleet?c=najm-1__realtime";
    private static final String PASSWORD = NajmSystem.DEMO_PASSWORD;

    private static By card(String spacecraft) {
        return By.cssSelector(".najm-card[data-spacecraft='" + spacecraft + "']");
    }

    private static By param(String spacecraft, String name) {
        return By.cssSelector(".najm-card[data-spacecraft='" + spacecraft + "'] [data-param='" + name + "']");
    }

    /** The parameter's value and generation time as the REST API gives them now. */
    private static JsonObject restValue(String instance, String name) {
        var r = sys.rest.get("/processors/" + instance + "/realtime/parameters/NAJM/" + name);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    /** Logged in and on the fleet overview; a browser that does not get there is quit, not left running. */
    private static Browser fleetAs(String user) throws Exception {
        var b = Browser.open(sys);
        try {
            b.login(user, PASSWORD);
            b.get(FLEET);
            b.await("the fleet overview", By.cssSelector("najm-fleet[data-loaded='true']"));
            return b;
        } catch (RuntimeException | Error e) {
            b.close();
            throw e;
        }
    }

    @Test
    void fleetOverviewShowsTheFleetLiveWithTheContactPlan() throws Exception {
        try (var b = fleetAs("alpha-op")) {
            for (var sc : sys.constellation.spacecraft()) {
                WebElement c = b.await(sc.name() + "'s card", card(sc.name()));
                assertTrue(c.getText().contains(sc.name()), c.getText());
            }
            b.js("window.najmSamePage = 'not reloaded';");

            // A value shown equals the REST API's value of the same sample.
            String subject = sys.subject.name();
            By voltage = param(subject, "battery_voltage");
            String shown = b.until("the battery voltage shown and the REST API's of the same sample", () -> {
                var el = b.first(voltage);
                var rest = restValue(sys.subject.instance(), "battery_voltage");
                if (el.isEmpty() || !rest.has("generationTime")) {
                    return Optional.empty();
                }
                boolean sameSample = rest.get("generationTime").getAsString()
                        .equals(el.get().getAttribute("data-generation-time"));
                double v = number(rest);
                String text = el.get().getText();
                return sameSample ? Optional.of(text + " = " + String.format(Locale.ROOT, "%.2f V", v))
                        : Optional.empty();
            });
            String[] sides = shown.split(" = ");
            assertEquals(sides[1], sides[0], "battery voltage shown vs REST API");

            // It changes without a reload: the next sample arrives over the WebSocket.
            String before = b.await("a voltage", voltage).getAttribute("data-generation-time");
            b.until("a newer sample of the battery voltage on the same page", () -> {
                String now = b.first(voltage).map(e -> e.getAttribute("data-generation-time")).orElse(before);
                return now.equals(before) ? Optional.empty() : Optional.of(now);
            });
            assertEquals("not reloaded", b.js("return window.najmSamePage;"));

            // The subject is in contact through the test station, and its contact is the running one.
            b.until("NAJM-1 in contact through " + sys.station.name(), () -> b.first(card(subject))
                    .filter(e -> sys.station.name().equals(e.getAttribute("data-contact"))));
            b.await("the running contact in the strip", By.cssSelector(
                    "[data-state='RUNNING'][data-contact^='" + subject + "|" + sys.station.name() + "|']"));

            // The strip shows the contacts that the API lists for the next 12 hours.
            Instant now = sys.clock.now();
            var contacts = sys.rest.get("/najm/contacts?start=" + now.plus(Duration.ofMinutes(5)) + "&stop="
                    + now.plus(Duration.ofHours(11))).json().getAsJsonArray("contacts");
            assertTrue(contacts.size() > 0, "no contacts planned in the next 11 hours");
            List<String> missing = new ArrayList<>();
            for (var e : contacts) {
                var c = e.getAsJsonObject();
                String key = c.get("spacecraft").getAsString() + "|" + c.get("station").getAsString() + "|"
                        + c.get("aos").getAsString();
                if (b.all(By.cssSelector(".najm-strip [data-contact='" + key + "']")).isEmpty()) {
                    missing.add(key);
                }
            }
            assertTrue(missing.isEmpty(), "contacts of the API not in the strip: " + missing);

            // The card counts the NEO fast lane's tracklets as the accountability API does.
            var acc = sys.rest.get("/najm/accountability?spacecraft=" + subject).json().getAsJsonArray("spacecraft")
                    .get(0).getAsJsonObject();
            String fastLane = (acc.has("fastLaneTracklets") ? acc.get("fastLaneTracklets").getAsString() : "0")
                    + " sent";
            b.until("the card's NEO fast-lane count, " + fastLane, () -> b.first(By.cssSelector(
                    ".najm-card[data-spacecraft='" + subject + "'] [data-field='neo']")).map(WebElement::getText)
                    .filter(t -> t.startsWith(fastLane)));

            // alpha-op's controls are for NAJM-1 only.
            assertEquals(1, b.all(By.cssSelector(".najm-card[data-spacecraft='" + subject + "'] .najm-command"))
                    .size());
            for (var sc : sys.constellation.spacecraft()) {
                if (!sc.name().equals(subject)) {
                    assertTrue(b.all(By.cssSelector(".najm-card[data-spacecraft='" + sc.name() + "'] .najm-command,"
                            + " .najm-card[data-spacecraft='" + sc.name() + "'] button")).isEmpty(), sc.name());
                }
            }
            b.screenshot("fleet-overview");
        }
    }

    @Test
    void aLeadConfirmsAHeldRebootWithTheButtonAndItIsReleased() throws Exception {
        var target = sys.constellation.spacecraftByName("NAJM-2").orElseThrow();
        try (var b = fleetAs("bravo-lead")) {
            // Their own command: the button is there, the authority refuses, and the page says why.
            String own = Commands.issueOk(sys.as("bravo-lead"), target.instance(), "REBOOT_OBC", "{}");
            b.until("a click on Confirm of bravo-lead's own command",
                    () -> b.first(By.cssSelector("[data-confirm='" + own + "']")).map(e -> {
                        e.click();
                        return true;
                    }));
            b.awaitText("the refusal, with the authority's reason", By.cssSelector(".najm-held-result.najm-refused"),
                    e -> e.getText().contains("a second operator must confirm it"));

            // bravo-op's is confirmed with the button; alpha's is shown, read-only.
            String other = Commands.issueOk(sys.as("alpha-op"), sys.subject.instance(), "REBOOT_OBC", "{}");
            String id = Commands.issueOk(sys.as("bravo-op"), target.instance(), "REBOOT_OBC", "{}");
            b.awaitText("alpha's held command, read-only, without buttons", By.cssSelector("tr[data-held='" + other
                    + "']"), e -> e.findElements(By.tagName("button")).isEmpty() && e.getText().contains("read-only"));
            b.awaitText("bravo-op's held command", By.cssSelector("tr[data-held='" + id + "']"),
                    e -> e.getText().contains("bravo-op") && e.getText().contains("REBOOT_OBC"));
            b.screenshot("held-commands");
            b.until("a click on Confirm", () -> b.first(By.cssSelector("[data-confirm='" + id + "']")).map(e -> {
                e.click();
                return true;
            }));
            b.awaitText("the confirmation", By.cssSelector(".najm-held-result.najm-ok"),
                    e -> e.getText().contains("Confirmed and released"));
            b.until("the released command gone from the list",
                    () -> b.all(By.cssSelector("tr[data-held='" + id + "']")).isEmpty() ? Optional.of(true)
                            : Optional.empty());
            var history = Poll.until(Duration.ofSeconds(20), "the confirmation in command history", () -> {
                var h = Commands.history(sys, target.instance(), id);
                return "confirmed by bravo-lead".equals(h.get("Confirmed_Message")) ? Optional.of(h)
                        : Optional.empty();
            });
            assertTrue(history.containsKey("Released_Status") || history.containsKey("Confirmed_Status"),
                    history.toString());
            // The other two were only there to be looked at: nothing of them reaches a spacecraft.
            sys.as("alpha-op").post("/najm/held-commands:cancel", "{\"id\": \"" + other + "\"}");
            sys.as("bravo-lead").post("/najm/held-commands:cancel", "{\"id\": \"" + own + "\"}");
        }
    }

    @Test
    void theObserverSeesEverythingAndNoControlWorks() throws Exception {
        try (var b = fleetAs("observer")) {
            for (var sc : sys.constellation.spacecraft()) {
                b.await(sc.name() + "'s card", card(sc.name()));
            }
            b.until("NAJM-1's values", () -> b.first(param(sys.subject.name(), "mode"))
                    .filter(e -> !e.getAttribute("data-value").isEmpty()));
            String id = Commands.issueOk(sys.as("charlie-op"), "najm-3", "REBOOT_OBC", "{}");
            b.awaitText("charlie's held command, read-only", By.cssSelector("tr[data-held='" + id + "']"),
                    e -> e.getText().contains("read-only"));
            assertTrue(b.all(By.cssSelector("najm-fleet button, najm-fleet .najm-command")).isEmpty(),
                    "the observer has a control");
            assertEquals("read-only", b.await("the role", By.cssSelector(".najm-whoami")).getAttribute("data-role"));
            // Not even by hand from the observer's own session: the server refuses.
            Object status = ((Number) b.js("return fetch('/api/najm/held-commands:confirm', {method: 'POST',"
                    + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({id: arguments[0]})})"
                    + ".then(r => r.status);", id)).intValue();
            assertEquals(403, status);
            b.screenshot("fleet-overview-observer");

            // The contact plan and the science figures, as tables, one click away.
            String subject = sys.subject.name();
            clickLink(b, "/ext/najm-fleet/contacts/" + subject);
            b.awaitText("the test contact in " + subject + "'s contacts, running", By.cssSelector(
                    "tr[data-contact-row^='" + sys.station.name() + "|']"), e -> e.getText().contains("RUNNING"));
            b.screenshot("contacts-table");
            clickLink(b, "/ext/najm-fleet/science");
            b.until("the science table of the four spacecraft", () -> b.all(By.cssSelector("tr[data-science]")).size()
                    == sys.constellation.spacecraft().size() ? Optional.of(true) : Optional.empty());
            b.screenshot("science-table");
            assertEquals(200, sys.as("charlie-op").post("/najm/held-commands:cancel", "{\"id\": \"" + id + "\"}")
                    .status());
        }
    }

    @Test
    void theSpacecraftDisplayShowsTheValuesOfTheApi() throws Exception {
        try (var b = fleetAs("alpha-op")) {
            // What the display draws on its canvas, recorded from here on (the page is not reloaded).
            b.js("window.najmDrawn = []; const fill = CanvasRenderingContext2D.prototype.fillText;"
                    + "CanvasRenderingContext2D.prototype.fillText = function (t) {"
                    + " window.najmDrawn.push(String(t)); if (window.najmDrawn.length > 4000) {"
                    + " window.najmDrawn.splice(0, 2000); } return fill.apply(this, arguments); };");
            b.await("the detail display link", By.cssSelector(".najm-card[data-spacecraft='" + sys.subject.name()
                    + "'] [data-field='detail']")).click();
            b.until("the overview display", () -> b.url().contains("najm-overview.opi") ? Optional.of(true)
                    : Optional.empty());
            String mode = restValue(sys.subject.instance(), "mode").getAsJsonObject("engValue").get("stringValue")
                    .getAsString();
            b.until("the mode " + mode + " drawn",
                    () -> drawn(b).contains(mode) ? Optional.of(true) : Optional.empty());
            String volts = b.until("the REST API's battery voltage drawn", () -> {
                double v = number(restValue(sys.subject.instance(), "battery_voltage"));
                String text = String.format(Locale.ROOT, "%.2f V", v);
                return drawn(b).contains(text) ? Optional.of(text) : Optional.empty();
            });
            assertTrue(drawn(b).contains("POWER") && drawn(b).contains("THERMAL"), "panels: " + drawn(b));
            b.until("the station in contact drawn", () -> drawn(b).contains(sys.station.name()) ? Optional.of(true)
                    : Optional.empty());
            b.screenshot("spacecraft-display");
            assertTrue(volts.endsWith(" V"));

            b.get("/telemetry/displays/files/najm-power-thermal.opi?c=najm-1__realtime&range=PT1H");
            b.await("the plot display", By.cssSelector("canvas"));
            b.until("the plot titles", () -> b.js("return document.body.innerText").toString().isEmpty()
                    ? Optional.empty() : Optional.of(true));
            b.screenshot("power-thermal-display");

            b.get("/telemetry/displays/browse?c=najm-2__realtime");
            b.until("the displays in najm-2's Displays page", () -> {
                String text = b.js("return document.body.innerText").toString();
                return text.contains("najm-overview.opi") && text.contains("najm-power-thermal.opi")
                        ? Optional.of(true) : Optional.empty();
            });
        }
    }

    @Test
    void theTimelinePageShowsTheContactPlanView() throws Exception {
        try (var b = Browser.open(sys)) {
            b.login("observer", PASSWORD);
            b.get("/timeline?c=" + sys.subject.instance());
            // The Timeline page opens the contact plan view (the only view) and lists its items.
            String view = b.until("a timeline view with the test contact", () -> {
                var m = Pattern.compile("view=([0-9a-f-]+)").matcher(b.url());
                String text = b.js("return document.body.innerText").toString();
                return m.find() && text.contains(sys.station.name() + " contact") ? Optional.of(m.group(1))
                        : Optional.empty();
            });
            var views = sys.rest.get("/timeline/" + sys.subject.instance() + "/views").json().getAsJsonArray("views");
            boolean contactPlan = false;
            for (var v : views) {
                contactPlan |= v.getAsJsonObject().get("id").getAsString().equals(view)
                        && v.getAsJsonObject().get("name").getAsString().equals("Contact plan");
            }
            assertTrue(contactPlan, "view " + view + " of " + views);
            b.screenshot("timeline");
        }
    }

    /** Follows a link of the page (the web UI's router: no reload). */
    private static void clickLink(Browser b, String path) {
        b.until("a click on " + path, () -> b.first(By.cssSelector("a[href^='" + path + "?']")).map(e -> {
            e.click();
            return true;
        }));
    }

    /** The engineering value of a REST parameter value, whatever its type (floatValue, doubleValue, ...). */
    private static double number(JsonObject pval) {
        var eng = pval.getAsJsonObject("engValue");
        return eng.entrySet().stream().filter(e -> e.getKey().endsWith("Value")).findFirst()
                .orElseThrow(() -> new AssertionError("no value in " + pval)).getValue().getAsDouble();
    }

    @Test
    void myRightsTellsEachUserOnlyAboutThemselves() {
        var lead = sys.as("alpha-lead").get("/najm/my-rights");
        assertEquals(200, lead.status(), lead.body());
        assertEquals("[\"NAJM-1\"]", lead.json().get("confirms").toString());
        var otherPartner = sys.as("bravo-op").get("/najm/my-rights").json();
        assertEquals("[\"NAJM-2\"]", otherPartner.get("commands").toString());
        assertTrue(!otherPartner.has("confirms"), otherPartner.toString());
        var observer = sys.as("observer").get("/najm/my-rights").json();
        assertTrue(!observer.has("commands") && !observer.has("partner"), observer.toString());
        assertEquals(401, sys.anonymous().get("/najm/my-rights").status());
    }

    @SuppressWarnings("unchecked")
    private static List<String> drawn(Browser b) {
        Object o = b.js("return window.najmDrawn || [];");
        return o instanceof List<?> l ? (List<String>) l : List.of();
    }
}
