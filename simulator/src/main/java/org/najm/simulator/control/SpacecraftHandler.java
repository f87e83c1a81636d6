package org.najm.simulator.control;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.spacecraft.SpacecraftSim;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /control/spacecraft} (names and SCIDs) and {@code GET /control/spacecraft/{name}}: the truth onboard
 * now, read on the simulation thread; the answer comes from there (or 503 when it does not answer in time).
 */
@Sharable
final class SpacecraftHandler extends ControlRoute {

    private static final Logger LOG = Logger.getLogger(SpacecraftHandler.class.getName());
    static final long ANSWER_SECONDS = 5;

    private final ControlTargets targets;

    SpacecraftHandler(ControlTargets targets) {
        this.targets = targets;
    }

    @Override
    boolean route(ChannelHandlerContext ctx, FullHttpRequest req, List<String> segments) {
        if (segments.isEmpty() || !segments.get(0).equals("spacecraft") || segments.size() > 2) {
            return false;
        }
        if (!req.method().equals(HttpMethod.GET)) {
            throw ControlException.methodNotAllowed("GET", req.uri());
        }
        if (segments.size() == 1) {
            JsonArray list = new JsonArray();
            for (SpacecraftSim sc : targets.spacecraft()) {
                JsonObject o = new JsonObject();
                o.addProperty("name", sc.name());
                o.addProperty("scid", sc.scid());
                list.add(o);
            }
            JsonObject body = new JsonObject();
            body.add("spacecraft", list);
            HttpResponses.json(ctx, req, HttpResponseStatus.OK, body);
            return true;
        }
        SpacecraftSim sc = targets.spacecraft(segments.get(1));
        // Only the request's headers are used from here on: its body is released when this returns.
        sc.snapshot().orTimeout(ANSWER_SECONDS, TimeUnit.SECONDS).whenComplete((s, e) -> {
            if (e == null) {
                try {
                    HttpResponses.json(ctx, req, HttpResponseStatus.OK, ControlJson.spacecraft(s));
                } catch (RuntimeException ex) {
                    fail(ctx, req, sc, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + ex, ex);
                }
                return;
            }
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            String why = cause instanceof TimeoutException
                    ? "the simulation thread did not answer within " + ANSWER_SECONDS + " s"
                    : cause.getMessage();
            fail(ctx, req, sc, HttpResponseStatus.SERVICE_UNAVAILABLE, why, cause);
        });
        return true;
    }

    private static void fail(ChannelHandlerContext ctx, FullHttpRequest req, SpacecraftSim sc,
            HttpResponseStatus status, String why, Throwable cause) {
        LOG.log(Level.WARNING, "control: no snapshot of " + sc.name() + ": " + why, cause);
        JsonObject error = new JsonObject();
        error.addProperty("error", sc.name() + ": " + why);
        HttpResponses.json(ctx, req, status, error);
    }
}
