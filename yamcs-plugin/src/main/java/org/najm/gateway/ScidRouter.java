package org.najm.gateway;

import java.util.Map;
import java.util.Set;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * Routes a good frame to the instance of the spacecraft whose SCID it carries: a station
 * forwards whichever spacecraft it tracks, so the port says nothing about the spacecraft.
 */
final class ScidRouter extends SimpleChannelInboundHandler<ReceivedFrame> {

    private final StationStats stats;
    private final Map<Integer, FrameSink> sinks;
    private final ContactTracker contacts;
    private final Set<Integer> knownScids;

    ScidRouter(StationStats stats, Map<Integer, FrameSink> sinks, Set<Integer> knownScids,
            ContactTracker contacts) {
        this.stats = stats;
        this.sinks = sinks;
        this.knownScids = knownScids;
        this.contacts = contacts;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ReceivedFrame frame) {
        int scid = frame.spacecraftId();
        if (!knownScids.contains(scid)) {
            stats.countDropped(FrameDropReason.UNKNOWN_SCID);
            return;
        }
        contacts.heard(scid, frame.stationId());
        FrameSink sink = sinks.get(scid);
        FrameDropReason refused = sink == null ? FrameDropReason.LINK_DOWN : sink.offer(frame);
        if (refused == null) {
            stats.countRouted();
        } else {
            stats.countDropped(refused);
        }
    }
}
