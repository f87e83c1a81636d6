package org.najm.simulator.http;

import java.nio.charset.StandardCharsets;

import com.google.gson.GsonBuilder;
import com.google.gson.Gson;
import com.google.gson.JsonElement;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/** Writes complete responses, honouring keep-alive. JSON as written: no HTML escaping of ' < > &. */
public final class HttpResponses {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private HttpResponses() {
    }

    public static void json(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
            JsonElement body) {
        send(ctx, req, status, "application/json", (GSON.toJson(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static void text(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
            String body) {
        send(ctx, req, status, "text/plain; charset=UTF-8",
                (body.endsWith("\n") ? body : body + "\n").getBytes(StandardCharsets.UTF_8));
    }

    public static void send(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status,
            String contentType, byte[] body) {
        FullHttpResponse res = new DefaultFullHttpResponse(req.protocolVersion(), status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(res, body.length);
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (keepAlive) {
            if (!req.protocolVersion().isKeepAliveDefault()) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }
}
