package org.najm.simulator.archive;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.http.RouteHandler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/** End of the pipeline: 404 for what no route took, and the last word on exceptions. */
@Sharable
final class NotFoundHandler extends RouteHandler {

    private static final Logger LOG = Logger.getLogger(NotFoundHandler.class.getName());

    @Override
    protected boolean handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        HttpResponses.text(ctx, req, HttpResponseStatus.NOT_FOUND,
                "no such resource: " + path + " (POST /submit, GET /submissions[/<id>], /control/failure)");
        return true;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.WARNING, "archive: closing connection after error", cause);
        ctx.close();
    }
}
