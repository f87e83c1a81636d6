package org.najm.simulator.control;

import java.time.Instant;
import java.util.List;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.station.StationSim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/** {@code GET /control/stations} (every station) and {@code GET /control/stations/{station}}: state and counters. */
@Sharable
final class StationsHandler extends ControlRoute {

    private final ControlTargets targets;

    StationsHandler(ControlTargets targets) {
        this.targets = targets;
    }

    @Override
    boolean route(ChannelHandlerContext ctx, FullHttpRequest req, List<String> segments) {
        if (segments.isEmpty() || !segments.get(0).equals("stations") || segments.size() > 2) {
            return false;
        }
        if (!req.method().equals(HttpMethod.GET)) {
            throw ControlException.methodNotAllowed("GET", req.uri());
        }
        Instant now = targets.clock().now();
        if (segments.size() == 2) {
            HttpResponses.json(ctx, req, HttpResponseStatus.OK,
                    ControlJson.station(targets.station(segments.get(1)), targets, now));
            return true;
        }
        JsonArray list = new JsonArray();
        for (StationSim st : targets.stations()) {
            list.add(ControlJson.station(st, targets, now));
        }
        JsonObject body = new JsonObject();
        body.addProperty("now", ControlJson.time(now));
        body.add("stations", list);
        HttpResponses.json(ctx, req, HttpResponseStatus.OK, body);
        return true;
    }
}
