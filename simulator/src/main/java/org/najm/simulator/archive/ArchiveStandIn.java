package org.najm.simulator.archive;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * Stand-in for the Minor Planet Center's submission interface (plain HTTP, for end-to-end tests and the
 * default run): {@code POST /submit} validates with submit.xsd and stores under {@code storeDir};
 * {@code GET /submissions[/<id>]} shows what arrived; {@code /control/failure} injects delivery failures.
 * See docs/simulator.md, "Archive stand-in".
 */
public final class ArchiveStandIn implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ArchiveStandIn.class.getName());
    /** An ADES batch of a night is well under a MiB; 16 MiB leaves room without inviting abuse. */
    static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    /** Validation and file writes block: kept off the I/O threads, one submission at a time. */
    private final ExecutorService work =
            Executors.newSingleThreadExecutor(new DefaultThreadFactory("najm-archive-store", true));
    /** Every open connection, so that close() also ends those a TIMEOUT left hanging. */
    private final ChannelGroup connections = new DefaultChannelGroup("najm-archive", GlobalEventExecutor.INSTANCE);
    private final Channel server;

    private ArchiveStandIn(InetSocketAddress bind, SubmissionStore store) throws IOException {
        AdesValidator validator = new AdesValidator();
        ArchiveCounters counters = new ArchiveCounters();
        FailureInjection injection = new FailureInjection();
        FailureControlHandler control = new FailureControlHandler(injection);
        FailureInjectionHandler inject = new FailureInjectionHandler(injection, counters);
        SubmitHandler submit = new SubmitHandler(validator, store, counters, work);
        SubmissionsHandler submissions = new SubmissionsHandler(store, counters);
        NotFoundHandler notFound = new NotFoundHandler();

        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("najm-archive-accept", true));
        io = new NioEventLoopGroup(2, new DefaultThreadFactory("najm-archive-io", true));
        ChannelFuture bound = new ServerBootstrap()
                    .group(boss, io)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline()
                                    .addLast("http", new HttpServerCodec())
                                    .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                    .addLast("control", control)
                                    .addLast("inject", inject)
                                    .addLast("submit", submit)
                                    .addLast("submissions", submissions)
                                    .addLast("notFound", notFound);
                        }
                    })
                    .bind(bind).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutdownGroups();
            throw new IOException("archive stand-in cannot listen on " + bind + ": " + bound.cause(), bound.cause());
        }
        server = bound.channel();
    }

    /**
     * Starts the stand-in, reloading what {@code storeDir} holds (ids continue, duplicates of earlier
     * submissions are still flagged).
     *
     * @param bind address to listen on; port 0 picks a free one (see {@link #port()})
     */
    public static ArchiveStandIn start(InetSocketAddress bind, Path storeDir) throws IOException {
        SubmissionStore store = new SubmissionStore(storeDir);
        ArchiveStandIn a = new ArchiveStandIn(bind, store);
        LOG.info("archive stand-in listening on " + a.server.localAddress() + ", storing in "
                + storeDir.toAbsolutePath() + " (" + store.all().size() + " submissions)");
        return a;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
        shutdownGroups();
    }

    private void shutdownGroups() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly();
        io.terminationFuture().awaitUninterruptibly();
        work.shutdownNow();
    }
}
