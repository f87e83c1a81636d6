package org.najm.simulator.station;

import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.logging.Logger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * A station's UDP side (ICD section 2): one datagram socket bound to its TC port receives CLTUs from the MOC
 * and sends each forwarded TM frame as one datagram to the MOC's TM port.
 */
public final class StationLink implements StationSim.FrameOutput, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StationLink.class.getName());

    private final StationSim station;
    private final Channel channel;
    private final InetSocketAddress moc;

    private StationLink(StationSim station, Channel channel, InetSocketAddress moc) {
        this.station = station;
        this.channel = channel;
        this.moc = moc;
    }

    /** Binds {@code bind} and returns the link; every CLTU received goes to {@code cltuSink}. */
    public static StationLink open(EventLoopGroup group, StationSim station, InetSocketAddress bind,
            InetSocketAddress moc, Consumer<byte[]> cltuSink) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_SNDBUF, 4 << 20)
                .handler(new CltuHandler(station, cltuSink));
        Channel ch = b.bind(bind).sync().channel();
        StationLink link = new StationLink(station, ch, moc);
        station.setOutput(link);
        return link;
    }

    @Override
    public void send(byte[] frame) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(frame), moc)).addListener(f -> {
            if (!f.isSuccess()) {
                station.countSendFailure();
            }
        });
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    /** One datagram is one CLTU. */
    private static final class CltuHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final StationSim station;
        private final Consumer<byte[]> sink;

        CltuHandler(StationSim station, Consumer<byte[]> sink) {
            this.station = station;
            this.sink = sink;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            station.countCltuReceived();
            sink.accept(ByteBufUtil.getBytes(msg.content()));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable when the MOC is not listening yet: keep going
            LOG.fine(() -> station.station().name() + ": " + cause);
        }
    }
}
