package org.najm.simulator.archive;

import java.util.Optional;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.http.RouteHandler;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What the stand-in received, for tests and operators: {@code GET /submissions} (metadata in id order and
 * the outcome counters) and {@code GET /submissions/<id>} (the stored XML).
 */
@Sharable
final class SubmissionsHandler extends RouteHandler {

    static final String PATH = "/submissions";

    private final SubmissionStore store;
    private final ArchiveCounters counters;

    SubmissionsHandler(SubmissionStore store, ArchiveCounters counters) {
        this.store = store;
        this.counters = counters;
    }

    @Override
    protected boolean handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) throws Exception {
        if (!path.equals(PATH) && !path.startsWith(PATH + "/")) {
            return false;
        }
        if (!req.method().equals(HttpMethod.GET)) {
            HttpResponses.text(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "GET " + path);
            return true;
        }
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            JsonArray list = new JsonArray();
            store.all().forEach(s -> list.add(s.toJson()));
            JsonObject body = new JsonObject();
            body.add("submissions", list);
            body.add("counters", counters.toJson());
            HttpResponses.json(ctx, req, HttpResponseStatus.OK, body);
            return true;
        }
        String id = path.substring(PATH.length() + 1);
        Optional<byte[]> xml = store.source(id);
        if (xml.isEmpty()) {
            HttpResponses.text(ctx, req, HttpResponseStatus.NOT_FOUND, "no submission " + id);
        } else {
            HttpResponses.send(ctx, req, HttpResponseStatus.OK, "application/xml", xml.get());
        }
        return true;
    }
}
