package org.yamcs.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.yamcs.security.User;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;

/**
 * NAJM: Yamcs' {@link ApiHandler} behind a check of the client's address, for failed logins per address.
 * <p>
 * In Yamcs' package because the only place where both the client's address and the outcome of HTTP basic
 * authentication are known is {@code HttpHandler.handle(ChannelHandlerContext, HttpRequest)}, which is
 * package-private (an auth module is not told the address; Yamcs' own per-address limit covers token logins
 * only). The handler authenticates nothing itself: Yamcs' ApiHandler does, as always.
 */
public final class AddressCheckedApiHandler extends HttpHandler {

    /** What to do with a request's address, before Yamcs authenticates it and when it refused it. */
    public interface Gate {
        /** Throws an {@link HttpException} (e.g. 429) to refuse the request before it is authenticated. */
        void before(InetAddress client, HttpRequest request);

        /** Yamcs answered 401 to this request. */
        void unauthorized(InetAddress client, HttpRequest request);
    }

    private final ApiHandler api;
    private final Gate gate;

    private AddressCheckedApiHandler(ApiHandler api, Gate gate) {
        this.api = api;
        this.gate = gate;
    }

    /** Replaces the server's /api route by Yamcs' API handler behind {@code gate}. */
    public static void install(HttpServer http, Gate gate) {
        var handler = new AddressCheckedApiHandler(new ApiHandler(http), gate);
        http.addRoute("api", () -> handler);
    }

    @Override
    public boolean requireAuth() {
        return false; // the ApiHandler inside authenticates
    }

    @Override
    public void handle(HandlerContext ctx) {
        throw new IllegalStateException("not called: doHandle passes the request on whole");
    }

    @Override
    protected void doHandle(ChannelHandlerContext ctx, HttpRequest request, User user) {
        InetAddress client = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        gate.before(client, request);
        try {
            api.handle(ctx, request);
        } catch (UnauthorizedException e) {
            gate.unauthorized(client, request);
            throw e;
        }
    }
}
