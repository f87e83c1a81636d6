package org.najm.simulator.archive;

import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.http.RouteHandler;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /control/failure}: POST {"mode": ..., "count": n} arms a failure for the next submissions (no
 * count: until cleared), DELETE clears it, GET shows it. Every answer is the current state.
 */
@Sharable
final class FailureControlHandler extends RouteHandler {

    private static final Logger LOG = Logger.getLogger(FailureControlHandler.class.getName());
    static final String PATH = "/control/failure";

    private final FailureInjection injection;

    FailureControlHandler(FailureInjection injection) {
        this.injection = injection;
    }

    @Override
    protected boolean handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        if (!path.equals(PATH)) {
            return false;
        }
        HttpMethod m = req.method();
        if (m.equals(HttpMethod.POST)) {
            try {
                JsonObject o = JsonParser.parseString(req.content().toString(StandardCharsets.UTF_8))
                        .getAsJsonObject();
                FailureMode mode = FailureMode.valueOf(o.get("mode").getAsString());
                JsonElement c = o.get("count");
                Integer count = c == null || c.isJsonNull() ? null : c.getAsInt();
                if (count != null && count < 1) {
                    throw new IllegalArgumentException("count must be >= 1");
                }
                injection.arm(mode, count);
                LOG.info("archive: failure armed: " + mode + (count == null ? " until cleared" : " x" + count));
            } catch (RuntimeException e) {
                HttpResponses.text(ctx, req, HttpResponseStatus.BAD_REQUEST,
                        "expected {\"mode\": \"HTTP_500\"|\"TIMEOUT\"|\"DROP\", \"count\": n (optional, >= 1)}: "
                                + e.getMessage());
                return true;
            }
        } else if (m.equals(HttpMethod.DELETE)) {
            injection.clear();
            LOG.info("archive: failure cleared");
        } else if (!m.equals(HttpMethod.GET)) {
            HttpResponses.text(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET, POST or DELETE " + PATH);
            return true;
        }
        HttpResponses.json(ctx, req, HttpResponseStatus.OK, injection.toJson());
        return true;
    }
}
