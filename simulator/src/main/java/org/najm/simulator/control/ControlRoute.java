package org.najm.simulator.control;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.http.RouteHandler;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * A route of the control API: JSON in and out, and every refusal ({@link ControlException}) answered with its
 * status and {@code {"error": ...}}. Paths are split into decoded segments.
 */
abstract class ControlRoute extends RouteHandler {

    private static final Logger LOG = Logger.getLogger(ControlRoute.class.getName());

    @Override
    protected final boolean handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        List<String> segments = segments(path);
        if (segments.isEmpty() || !segments.get(0).equals("control")) {
            return false;
        }
        try {
            return route(ctx, req, segments.subList(1, segments.size()));
        } catch (ControlException e) {
            HttpResponses.json(ctx, req, e.status(), e.body());
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "control: " + req.method() + " " + path + " failed", e);
            JsonObject body = new JsonObject();
            body.addProperty("error", "internal error: " + e);
            HttpResponses.json(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, body);
            return true;
        }
    }

    /**
     * @param segments the decoded path segments after {@code /control}
     * @return false to pass the request on
     */
    abstract boolean route(ChannelHandlerContext ctx, FullHttpRequest req, List<String> segments);

    static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(QueryStringDecoder.decodeComponent(s));
            }
        }
        return out;
    }

    /**
     * The request body as a JSON object with no other fields than {@code allowed}.
     *
     * @throws ControlException 400 for anything else
     */
    static JsonObject object(FullHttpRequest req, Set<String> allowed, String expected) {
        String text = req.content().toString(StandardCharsets.UTF_8);
        JsonElement e;
        try {
            e = JsonParser.parseString(text);
        } catch (JsonParseException ex) {
            throw ControlException.badRequest("not JSON (" + ex.getMessage() + "); expected " + expected);
        }
        if (!e.isJsonObject()) {
            throw ControlException.badRequest("expected " + expected + ", got: " + (text.isBlank() ? "no body" : text));
        }
        JsonObject o = e.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                throw ControlException.badRequest("unknown field '" + key + "': expected " + expected);
            }
        }
        return o;
    }

    /** A JSON number field, or null when absent. */
    static Double number(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw ControlException.badRequest("'" + key + "' must be a number, got " + e);
        }
        return e.getAsDouble();
    }
}
