package org.najm.gateway;

import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;

/**
 * Drops frames of the wrong length or with a bad FECF before anything reads their header: a
 * corrupted SCID must not be counted as an unknown spacecraft, nor reach an instance.
 */
final class FrameCheckHandler extends SimpleChannelInboundHandler<ReceivedFrame> {

    private final int frameLength;
    private final StationStats stats;
    private final CrcCciitCalculator crc = new CrcCciitCalculator();

    FrameCheckHandler(int frameLength, StationStats stats) {
        this.frameLength = frameLength;
        this.stats = stats;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ReceivedFrame frame) {
        byte[] d = frame.data();
        if (d.length != frameLength) {
            stats.countDropped(FrameDropReason.BAD_LENGTH);
            return;
        }
        int expected = ((d[d.length - 2] & 0xFF) << 8) | (d[d.length - 1] & 0xFF);
        if (crc.compute(d, 0, d.length - 2) != expected) {
            stats.countDropped(FrameDropReason.BAD_FECF);
            return;
        }
        ctx.fireChannelRead(frame);
    }
}
