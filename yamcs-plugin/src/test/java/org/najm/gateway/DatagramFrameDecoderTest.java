package org.najm.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;

/** One datagram from a station becomes one frame stamped with that station and the reception time. */
class DatagramFrameDecoderTest {

    static final InetSocketAddress MOC = new InetSocketAddress("127.0.0.1", 10102);
    static final InetSocketAddress STATION = new InetSocketAddress("127.0.0.1", 40000);

    final StationStats stats = new StationStats("ANKARA");
    final AtomicLong receptionClock = new AtomicLong(1_000);
    final EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameDecoder(2, stats, receptionClock::get));

    @Test
    void eachDatagramIsOneFrameFromItsStationAtItsReceptionTime() {
        byte[] first = TmFrames.frame(TmFrames.NAJM_1, 0, 1, 1);
        byte[] second = TmFrames.frame(TmFrames.NAJM_2, 0, 7, 7);
        channel.writeInbound(datagram(first));
        receptionClock.set(2_500);
        channel.writeInbound(datagram(second));

        ReceivedFrame a = channel.readInbound();
        ReceivedFrame b = channel.readInbound();
        assertNull(channel.readInbound());
        assertEquals(2, a.stationId());
        assertArrayEquals(first, a.data());
        assertEquals(1_000, a.receptionTime());
        assertEquals(TmFrames.NAJM_2, b.spacecraftId());
        assertEquals(2_500, b.receptionTime());
        assertEquals(2, stats.received());
    }

    @Test
    void theFrameIsACopyAndTheDatagramIsReleased() {
        byte[] bytes = TmFrames.frame(TmFrames.NAJM_1, 0, 3, 3);
        ByteBuf buf = Unpooled.copiedBuffer(bytes);
        channel.writeInbound(new DatagramPacket(buf, MOC, STATION));
        ReceivedFrame frame = channel.readInbound();
        assertEquals(0, buf.refCnt(), "no buffer leak on the receiving thread");
        assertArrayEquals(bytes, frame.data());
        assertFalse(channel.finish());
    }

    @Test
    void anythingReceivedIsCountedEvenWhatLaterChecksDrop() {
        channel.writeInbound(datagram(new byte[0]));
        channel.writeInbound(datagram(new byte[100]));
        assertEquals(2, stats.received());
        assertEquals(0, ((ReceivedFrame) channel.readInbound()).data().length);
        assertEquals(100, ((ReceivedFrame) channel.readInbound()).data().length);
    }

    static DatagramPacket datagram(byte[] data) {
        return new DatagramPacket(Unpooled.wrappedBuffer(data), MOC, STATION);
    }
}
