package org.najm.simulator.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * One route of the pipeline: handles the requests it recognises and passes the others on unchanged, so
 * the routes stay small and independent. A request it handles is released here. Shared by the archive
 * stand-in and the simulator's control server.
 */
public abstract class RouteHandler extends ChannelInboundHandlerAdapter {

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String path = new QueryStringDecoder(req.uri()).path();
        boolean handled = false;
        try {
            handled = handle(ctx, req, path);
        } finally {
            if (handled) {
                ReferenceCountUtil.release(req);
            }
        }
        if (!handled) {
            ctx.fireChannelRead(req);
        }
    }

    /** @return false to pass the request to the next handler (which then owns it) */
    protected abstract boolean handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) throws Exception;
}
