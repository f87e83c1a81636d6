package org.najm.gateway;

import java.util.List;
import java.util.function.LongSupplier;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.channel.socket.DatagramPacket;

/** One UDP datagram from station k is one TM frame (ICD §2): copy it out of Netty's buffer. */
final class DatagramFrameDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final int stationId;
    private final StationStats stats;
    private final LongSupplier receptionClock;

    DatagramFrameDecoder(int stationId, StationStats stats, LongSupplier receptionClock) {
        this.stationId = stationId;
        this.stats = stats;
        this.receptionClock = receptionClock;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        stats.countReceived();
        byte[] data = ByteBufUtil.getBytes(packet.content());
        out.add(new ReceivedFrame(stationId, data, receptionClock.getAsLong()));
    }
}
