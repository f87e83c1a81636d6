package org.najm.gateway;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.najm.constellation.Constellation;
import org.najm.constellation.Station;
import org.najm.context.NajmContext;
import org.najm.time.SimClocks;
import org.yamcs.AbstractYamcsService;
import org.yamcs.ConfigurationException;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.utils.TimeEncoding;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The MOC's side of the ground-station network (ICD §2), a global service: one UDP TM port per
 * station, frames checked and routed by SCID to their spacecraft's instance, and CLTUs sent to
 * the station that currently hears the spacecraft.
 *
 * <p>Yamcs' own UdpTmFrameLink takes one port and one spacecraft; here any station may carry any
 * spacecraft, so the gateway owns the sockets and each instance's {@link GatewayTmFrameLink}
 * registers for its SCID. Every frame that does not reach an instance is counted per station
 * and per {@link FrameDropReason}.
 */
public class StationGateway extends AbstractYamcsService {

    private Constellation constellation;
    private int frameLength;
    private int receiveBufferSize;
    private final Map<Integer, FrameSink> sinks = new ConcurrentHashMap<>();
    private final Map<Integer, StationStats> stats = new LinkedHashMap<>();
    private ContactTracker contacts;
    private EventLoopGroup group;
    private final List<Channel> tmChannels = new ArrayList<>();
    private Channel tcChannel;

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("frameLength", OptionType.INTEGER).withDefault(1115);
        spec.addOption("receiveBufferSize", OptionType.INTEGER).withDefault(4 * 1024 * 1024);
        spec.addOption("contactTimeoutMillis", OptionType.INTEGER).withDefault(3000)
                .withDescription("A station is in contact with a spacecraft while its frames arrived this recently");
        spec.addOption("tmPortBase", OptionType.INTEGER)
                .withDescription("Overrides the constellation's TM port base (tests)");
        spec.addOption("tcPortBase", OptionType.INTEGER)
                .withDescription("Overrides the constellation's TC port base (tests)");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        try {
            constellation = NajmContext.constellation();
        } catch (ConfigurationException e) {
            throw new InitException(e.getMessage(), e);
        }
        var t = constellation.transport();
        // The ports are the gateway's alone: only its copy of the description carries the overrides.
        constellation = constellation.withTransport(t.withPortBases(config.getInt("tmPortBase", t.tmPortBase()),
                config.getInt("tcPortBase", t.tcPortBase())));
        frameLength = config.getInt("frameLength");
        receiveBufferSize = config.getInt("receiveBufferSize");
        contacts = new ContactTracker(config.getInt("contactTimeoutMillis"), System::nanoTime);
        for (Station s : constellation.stations()) {
            stats.put(s.id(), new StationStats(s.name()));
        }
    }

    @Override
    protected void doStart() {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("najm-station-gateway"));
        Set<Integer> knownScids = constellation.spacecraft().stream().map(s -> s.scid()).collect(Collectors.toSet());
        try {
            for (Station station : constellation.stations()) {
                tmChannels.add(bindTm(station, knownScids));
            }
            tcChannel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new ChannelInboundHandlerAdapter())
                    .bind(0).sync().channel();
        } catch (Exception e) {
            closeChannels();
            notifyFailed(e);
            return;
        }
        log.info("Receiving TM of {} stations on UDP {}:{}..{}", constellation.stations().size(),
                constellation.transport().mocHost(), constellation.transport().tmPort(0),
                constellation.transport().tmPort(constellation.stations().size() - 1));
        notifyStarted();
    }

    private Channel bindTm(Station station, Set<Integer> knownScids) throws InterruptedException {
        StationStats st = stats.get(station.id());
        var address = new InetSocketAddress(constellation.transport().mocHost(),
                constellation.transport().tmPort(station.id()));
        return new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, receiveBufferSize)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(
                                new DatagramFrameDecoder(station.id(), st, StationGateway::receptionTime),
                                new FrameCheckHandler(frameLength, st),
                                new ScidRouter(st, sinks, knownScids, contacts));
                    }
                }).bind(address).sync().channel();
    }

    private static long receptionTime() {
        return TimeEncoding.fromUnixMillisec(SimClocks.shared().millis());
    }

    @Override
    protected void doStop() {
        closeChannels();
        notifyStopped();
    }

    private void closeChannels() {
        tmChannels.forEach(c -> c.close().awaitUninterruptibly());
        tmChannels.clear();
        if (tcChannel != null) {
            tcChannel.close().awaitUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    /** Connects a spacecraft's TM link: from now on its frames go to {@code sink}. */
    public void register(int scid, FrameSink sink) {
        sinks.put(scid, sink);
    }

    public void unregister(int scid, FrameSink sink) {
        sinks.remove(scid, sink);
    }

    /** The station that hears the spacecraft now, if any: where its commands must go. */
    public OptionalInt stationInContact(int scid) {
        return contacts.stationInContact(scid);
    }

    /** Radiates a CLTU through station {@code stationId} (ICD §2: UDP to tcPortBase + k). */
    public void sendCltu(int stationId, byte[] cltu) {
        var address = new InetSocketAddress(constellation.transport().stationHost(),
                constellation.transport().tcPort(stationId));
        tcChannel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(cltu), address));
    }

    public StationStats stats(int stationId) {
        return stats.get(stationId);
    }

    public String stationName(int stationId) {
        StationStats s = stats.get(stationId);
        return s == null ? "station " + stationId : s.stationName();
    }

    /** Per-station counters, by station name, in station order. */
    public Map<String, StationStats> allStats() {
        Map<String, StationStats> m = new LinkedHashMap<>();
        stats.values().forEach(s -> m.put(s.stationName(), s));
        return m;
    }
}
