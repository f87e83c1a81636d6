package org.najm.simulator.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.simulator.packet.Crc16;
import org.najm.simulator.packet.EventPacket;
import org.najm.simulator.testutil.Ground;

class TmFramerTest {

    private final List<byte[]> frames = new ArrayList<>();
    private final TmFramer framer = new TmFramer(0x1A1, () -> 0x01000A2B, frames::add);

    private static int fhp(byte[] f) {
        return ((f[4] & 7) << 8) | (f[5] & 0xFF);
    }

    @Test
    void headerOcfAndFecf() {
        framer.vc(0).addPacket(new byte[TmFramer.DATA_LENGTH]);
        byte[] f = frames.get(0);
        assertEquals(1115, f.length);
        assertEquals(0x1A1 << 4 | 0 << 1 | 1, ByteBuffer.wrap(f).getShort(0) & 0xFFFF);
        assertEquals(0, f[2]);
        assertEquals(0, f[3]);
        assertEquals(0x1800, ByteBuffer.wrap(f).getShort(4) & 0xF800);
        assertEquals(0, fhp(f));
        assertEquals(0x01000A2B, ByteBuffer.wrap(f).getInt(1109));
        assertTrue(Crc16.check(f, 0, 1115));
    }

    @Test
    void packetsSpanFramesAndFirstHeaderPointerMarksStarts() {
        byte[] big = TestPackets.packet(1500, 1);
        framer.vc(1).addPacket(big); // 1103 in frame 0, 397 in frame 1
        byte[] small = TestPackets.packet(800, 2);
        framer.vc(1).addPacket(small); // starts at 397 in frame 1, spills 94 into frame 2
        framer.vc(1).flush();
        assertEquals(3, frames.size());
        assertEquals(0, fhp(frames.get(0)));
        assertEquals(397, fhp(frames.get(1)));
        assertEquals(94, fhp(frames.get(2)), "idle packet starts after the spill");
        assertEquals(1 << 1 | 1, frames.get(0)[1] & 0x0F);
        for (int i = 0; i < 3; i++) {
            assertEquals(i, frames.get(i)[2], "master channel count");
            assertEquals(i, frames.get(i)[3], "VC count");
        }
        Ground.Depacketizer d = new Ground.Depacketizer();
        frames.forEach(d::frame);
        assertEquals(2, d.packets.size());
        assertArrayEquals(big, d.packets.get(0));
        assertArrayEquals(small, d.packets.get(1));
    }

    @Test
    void frameWithoutPacketStartHas7FF() {
        framer.vc(0).addPacket(TestPackets.packet(3000, 1));
        assertEquals(2, frames.size());
        assertEquals(0x7FF, fhp(frames.get(1)));
    }

    @Test
    void flushFillsWithIdlePacket() {
        byte[] e = new EventPacket(1, 0, 0x100, "x").encode(0);
        framer.vc(0).addPacket(e);
        framer.vc(0).flush();
        assertEquals(1, frames.size());
        byte[] f = frames.get(0);
        int idle = 6 + e.length;
        assertEquals(0x07FF, ByteBuffer.wrap(f).getShort(idle) & 0x07FF);
        assertEquals(TmFramer.DATA_LENGTH - e.length - 7, ByteBuffer.wrap(f).getShort(idle + 4) & 0xFFFF);
    }

    @Test
    void flushWithLessThanSevenOctetsFreeSpillsIdleIntoNextFrame() {
        framer.vc(0).addPacket(TestPackets.packet(TmFramer.DATA_LENGTH - 3, 1));
        framer.vc(0).flush();
        assertEquals(1, frames.size());
        framer.vc(0).addPacket(TestPackets.packet(20, 2));
        framer.vc(0).flush();
        assertEquals(2, frames.size());
        assertEquals(4, fhp(frames.get(1)), "7-octet idle packet: 3 octets in frame 0, 4 in frame 1");
        Ground.Depacketizer d = new Ground.Depacketizer();
        frames.forEach(d::frame);
        assertEquals(2, d.packets.size());
    }

    @Test
    void idleFrameOnVc7() {
        framer.emitIdleFrame();
        byte[] f = frames.get(0);
        assertEquals(7, (f[1] >> 1) & 7);
        assertEquals(0x7FE, fhp(f));
        assertTrue(Crc16.check(f, 0, 1115));
    }
}
