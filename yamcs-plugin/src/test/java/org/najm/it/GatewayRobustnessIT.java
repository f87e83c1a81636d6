package org.najm.it;


import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.najm.gateway.FrameDropReason;
import org.najm.gateway.StationStats;
import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;

/**
 * Bad input at a station's TM port is counted per station and per reason, crashes nothing and
 * does not stop the good frames of the spacecraft in contact.
 */
class GatewayRobustnessIT extends InContactTest {
    static final int FRAME = 1115;

    @Test
    void badFramesAreCountedPerReasonAndGoodDataKeepsFlowing() throws Exception {
        StationStats st = sys.gatewayStats();
        long badLength = st.dropped(FrameDropReason.BAD_LENGTH);
        long badFecf = st.dropped(FrameDropReason.BAD_FECF);
        long unknown = st.dropped(FrameDropReason.UNKNOWN_SCID);
        long badCrc = st.badPacketCrc();

        byte[] corrupted = frame(sys.subject.scid(), 1, 0, true);
        corrupted[500] ^= 0x5A; // FECF no longer matches
        send(new byte[100]);
        send(corrupted);
        send(frame(0x3FF, 1, 0, true));
        send(frame(sys.subject.scid(), 1, 0, false)); // good frame, packet with a bad CRC

        awaitCount("a bad length", () -> st.dropped(FrameDropReason.BAD_LENGTH), badLength + 1);
        awaitCount("a bad FECF", () -> st.dropped(FrameDropReason.BAD_FECF), badFecf + 1);
        awaitCount("an unknown SCID", () -> st.dropped(FrameDropReason.UNKNOWN_SCID), unknown + 1);
        awaitCount("a bad packet CRC", st::badPacketCrc, badCrc + 1);

        long routed = st.routed();
        awaitCount("good frames after the bad ones", st::routed, routed + 3);
    }

    private static void awaitCount(String what, LongSupplier counter, long atLeast) {
        Poll.until(Duration.ofSeconds(20), what, () -> counter.getAsLong() >= atLeast ? Optional.of(true)
                : Optional.empty());
    }

    private static void send(byte[] data) throws Exception {
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(data, data.length, InetAddress.getByName("127.0.0.1"),
                    sys.tmPortBase + sys.station.id()));
        }
    }

    /**
     * A TM frame (ICD §3) on a playback VC holding one BUS_HK-sized packet, then an idle packet.
     * Its CLCW reports the spacecraft's current V(R), so COP-1 sees nothing new.
     */
    static byte[] frame(int scid, int vc, int vcCount, boolean goodPacketCrc) {
        CrcCciitCalculator crc = new CrcCciitCalculator();
        ByteBuffer bb = ByteBuffer.allocate(FRAME);
        bb.putShort((short) ((scid << 4) | (vc << 1) | 1)); // version 0, SCID, VC, OCF flag
        bb.put((byte) 0).put((byte) vcCount);
        bb.putShort((short) (0x1800)); // no sec header, sync 0, order 0, segment length id 11, FHP 0
        byte[] packet = new byte[114];
        ByteBuffer p = ByteBuffer.wrap(packet);
        p.putShort((short) (0x0800 | 100)).putShort((short) 0xC000).putShort((short) (packet.length - 7));
        int c = crc.compute(packet, 0, packet.length - 2);
        p.putShort(packet.length - 2, (short) (goodPacketCrc ? c : c ^ 0xFFFF));
        bb.put(packet);
        int idleLength = FRAME - 6 - 4 - 2 - packet.length;
        bb.putShort((short) 0x07FF).putShort((short) 0xC000).putShort((short) (idleLength - 7));
        bb.position(FRAME - 6);
        int vr = sys.simulator.spacecraft(sys.subject.scid()).farmVr();
        bb.put((byte) 0x01).put((byte) 0).put((byte) 0).put((byte) vr);
        bb.putShort((short) crc.compute(bb.array(), 0, FRAME - 2));
        return bb.array();
    }
}
