package org.najm.simulator.station;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.najm.constellation.Constellation;
import org.najm.time.SimClock;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The stations' copy of the MOC's contact plan: fetched over HTTP from the MOC's plan API
 * ({@code GET /api/najm/contacts}) every few seconds, as a ground station network receives its
 * schedule. Empty until the first successful fetch. The MOC requires authentication: the client
 * logs in once (Yamcs' /auth/token, password grant), as a read-only user, and again when its
 * token is refused.
 */
public final class ContactScheduleClient implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ContactScheduleClient.class.getName());

    private final URI planUrl;
    private final URI tokenUrl;
    private final String loginForm;
    private volatile String authorization;
    private final Constellation constellation;
    private final SimClock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "najm-sim-schedule");
        t.setDaemon(true);
        return t;
    });
    private volatile Optional<List<PlannedContact>> schedule = Optional.empty();
    private volatile boolean failing;

    /**
     * @param user     MOC user the stations log in as (a read-only account is enough)
     * @param password its password
     */
    public ContactScheduleClient(URI planUrl, String user, String password, Constellation constellation,
            SimClock clock) {
        this.planUrl = planUrl;
        this.tokenUrl = planUrl.resolve("/auth/token");
        this.loginForm = "grant_type=password&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        this.constellation = constellation;
        this.clock = clock;
    }

    public void start(Duration period) {
        timer.scheduleWithFixedDelay(this::refresh, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The plan as last fetched; empty if it never could be fetched. */
    public Optional<List<PlannedContact>> schedule() {
        return schedule;
    }

    void refresh() {
        Instant now = clock.now();
        URI uri = URI.create(planUrl + "?start=" + now.minus(Duration.ofHours(1)) + "&stop="
                + now.plus(Duration.ofDays(1)));
        try {
            if (authorization == null) {
                authorization = login();
            }
            var response = fetch(uri);
            if (response.statusCode() == 401) { // the token expired: log in again
                authorization = login();
                response = fetch(uri);
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
            }
            schedule = Optional.of(parse(JsonParser.parseString(response.body()).getAsJsonObject()));
            if (failing) {
                LOG.info("contact plan available again from " + planUrl);
                failing = false;
            }
        } catch (Exception e) {
            if (!failing) {
                LOG.warning("cannot fetch the contact plan from " + planUrl + ": " + e
                        + " (stations keep the last plan they had)");
                failing = true;
            }
        }
    }

    private HttpResponse<String> fetch(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private String login() throws IOException, InterruptedException {
        var response = http.send(HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(loginForm)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login refused, HTTP " + response.statusCode() + ": " + response.body());
        }
        return "Bearer " + JsonParser.parseString(response.body()).getAsJsonObject().get("access_token").getAsString();
    }

    private List<PlannedContact> parse(JsonObject json) {
        List<PlannedContact> out = new ArrayList<>();
        if (json.has("contacts")) {
            for (JsonElement e : json.getAsJsonArray("contacts")) {
                JsonObject c = e.getAsJsonObject();
                var sc = constellation.spacecraftByName(c.get("spacecraft").getAsString());
                if (sc.isPresent()) {
                    out.add(new PlannedContact(c.get("station").getAsString(), sc.get().scid(),
                            Instant.parse(c.get("aos").getAsString()), Instant.parse(c.get("los").getAsString())));
                }
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
