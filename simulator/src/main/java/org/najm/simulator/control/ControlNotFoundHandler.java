package org.najm.simulator.control;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.http.RouteHandler;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/** End of the control pipeline: 404 with the routes for what no route took, and the last word on exceptions. */
@Sharable
final class ControlNotFoundHandler extends RouteHandler {

    private static final Logger LOG = Logger.getLogger(ControlNotFoundHandler.class.getName());
    static final List<String> ROUTES = List.of(
            "GET /control/stations",
            "GET /control/stations/{station}",
            "GET|POST|DELETE /control/stations/{station}/outages",
            "GET|POST|DELETE /control/stations/{station}/corruption",
            "GET /control/spacecraft",
            "GET /control/spacecraft/{name}");

    @Override
    protected boolean handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        JsonObject body = new JsonObject();
        body.addProperty("error", "no such resource: " + req.method() + " " + path);
        JsonArray routes = new JsonArray();
        ROUTES.forEach(routes::add);
        body.add("routes", routes);
        HttpResponses.json(ctx, req, HttpResponseStatus.NOT_FOUND, body);
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.WARNING, "control: closing connection after error", cause);
        ctx.close();
    }
}
