package org.najm.simulator.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The simulator's control API for tests (plain HTTP, JSON, no authentication: loopback only): station outages
 * and frame corruption, and the truth onboard. See docs/simulator.md, "Control API".
 */
public final class ControlServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ControlServer.class.getName());
    /** Control requests are a few hundred octets. */
    static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final EventLoopGroup group;
    private final Channel server;

    private ControlServer(InetSocketAddress bind, ControlTargets targets) throws IOException {
        OutagesHandler outages = new OutagesHandler(targets);
        CorruptionHandler corruption = new CorruptionHandler(targets);
        StationsHandler stations = new StationsHandler(targets);
        SpacecraftHandler spacecraft = new SpacecraftHandler(targets);
        ControlNotFoundHandler notFound = new ControlNotFoundHandler();
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("najm-sim-control", true));
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast("outages", outages)
                                .addLast("corruption", corruption)
                                .addLast("stations", stations)
                                .addLast("spacecraft", spacecraft)
                                .addLast("notFound", notFound);
                    }
                })
                .bind(bind).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroup();
            throw new IOException("control API cannot listen on " + bind + ": " + bound.cause(), bound.cause());
        }
        server = bound.channel();
    }

    /** @param bind address to listen on (loopback); port 0 picks a free one (see {@link #port()}) */
    public static ControlServer start(InetSocketAddress bind, ControlTargets targets) throws IOException {
        ControlServer s = new ControlServer(bind, targets);
        LOG.info("control API on http://" + bind.getHostString() + ":" + s.port() + "/control/");
        return s;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        shutdownGroup();
    }

    private void shutdownGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
