package org.najm.simulator.control;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.station.Outage;
import org.najm.simulator.station.StationSim;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /control/stations/{station}/outages}: POST {"start": ISO, "stop": ISO} or {"seconds": n} (from now,
 * mission time) adds a window, GET lists them, DELETE clears them. Every answer is the station's windows.
 */
@Sharable
final class OutagesHandler extends ControlRoute {

    private static final String EXPECTED = "{\"start\": \"<ISO-8601 UTC>\", \"stop\": \"<ISO-8601 UTC>\"}"
            + " or {\"seconds\": n}";
    /** The longest outage "seconds" may ask for (about 31 years): beyond it, a typo. */
    static final double MAX_SECONDS = 1e9;

    private final ControlTargets targets;

    OutagesHandler(ControlTargets targets) {
        this.targets = targets;
    }

    @Override
    boolean route(ChannelHandlerContext ctx, FullHttpRequest req, List<String> segments) {
        if (segments.size() != 3 || !segments.get(0).equals("stations") || !segments.get(2).equals("outages")) {
            return false;
        }
        StationSim st = targets.station(segments.get(1));
        HttpMethod m = req.method();
        Instant now = targets.clock().now();
        JsonObject body;
        if (m.equals(HttpMethod.POST)) {
            Outage added = add(st, req, now);
            body = ControlJson.outages(st, now);
            body.add("added", ControlJson.outage(added, now));
        } else if (m.equals(HttpMethod.DELETE)) {
            st.clearOutages(); // logged by the station
            body = ControlJson.outages(st, now);
        } else if (m.equals(HttpMethod.GET)) {
            body = ControlJson.outages(st, now);
        } else {
            throw ControlException.methodNotAllowed("GET, POST or DELETE", req.uri());
        }
        HttpResponses.json(ctx, req, HttpResponseStatus.OK, body);
        return true;
    }

    private static Outage add(StationSim st, FullHttpRequest req, Instant now) {
        JsonObject o = object(req, Set.of("start", "stop", "seconds"), EXPECTED);
        Instant start;
        Instant stop;
        if (o.has("seconds")) {
            if (o.has("start") || o.has("stop")) {
                throw ControlException.badRequest("either start and stop, or seconds: not both");
            }
            double seconds = number(o, "seconds");
            if (!(seconds > 0 && seconds <= MAX_SECONDS)) {
                throw ControlException.badRequest("'seconds' must be > 0 and <= " + (long) MAX_SECONDS + ", got "
                        + o.get("seconds"));
            }
            start = now;
            stop = now.plus(Duration.ofNanos(Math.round(seconds * 1e9)));
        } else {
            if (!o.has("start") || !o.has("stop")) {
                throw ControlException.badRequest("expected " + EXPECTED);
            }
            start = instant(o, "start");
            stop = instant(o, "stop");
            if (!start.isBefore(stop)) {
                throw ControlException.badRequest("'stop' (" + stop + ") must be after 'start' (" + start + ")");
            }
            if (!stop.isAfter(now)) {
                throw ControlException.badRequest("the window ends at " + stop + ", not after the mission time now ("
                        + now + "): it would have no effect");
            }
        }
        return st.addOutage(start, stop); // logged by the station
    }

    private static Instant instant(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw ControlException.badRequest("'" + key + "' must be an ISO-8601 UTC time such as"
                    + " \"2026-11-20T00:10:00Z\", got " + e);
        }
        try {
            return Instant.parse(e.getAsString());
        } catch (DateTimeParseException ex) {
            throw ControlException.badRequest("'" + key + "' is not an ISO-8601 UTC time such as"
                    + " \"2026-11-20T00:10:00Z\": " + e.getAsString());
        }
    }
}
