package org.najm.simulator.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PacketEncodersTest {

    private static final double T = 1_000_000_000.5;

    @Test
    void gpsTimeIncludesLeapSeconds() {
        Instant t = Instant.parse("2026-11-20T00:00:00Z");
        long unixAtGpsEpoch = Instant.parse("1980-01-06T00:00:00Z").getEpochSecond();
        assertEquals(t.getEpochSecond() - unixAtGpsEpoch + 18, GpsTime.seconds(t), 1e-6);
        assertEquals(0, GpsTime.seconds(Instant.parse("1980-01-06T00:00:00Z")), 1e-9);
        assertEquals(t, GpsTime.toUtc(GpsTime.seconds(t)));
    }

    @Test
    void cucIsCoarseAndFine() {
        ByteBuffer bb = ByteBuffer.allocate(6);
        Cuc.put(bb, 1234.75);
        assertEquals(1234, bb.getInt(0));
        assertEquals(0xC000, bb.getShort(4) & 0xFFFF);
        assertEquals(1234.75, Cuc.get(bb.array(), 0));
    }

    private static void assertHeader(byte[] p, int apid, int seq, int length) {
        ByteBuffer bb = ByteBuffer.wrap(p);
        assertEquals(length, p.length);
        assertEquals(0x0800 | apid, bb.getShort(0) & 0xFFFF, "version 0, TM, sec hdr flag, apid");
        assertEquals(0xC000 | seq, bb.getShort(2) & 0xFFFF);
        assertEquals(length - 7, bb.getShort(4) & 0xFFFF);
        assertEquals((long) T, bb.getInt(6) & 0xFFFFFFFFL);
        assertEquals(0x8000, bb.getShort(10) & 0xFFFF);
        assertTrue(Crc16.check(p, 0, p.length));
    }

    @Test
    void busHkOffsets() {
        BusHk hk = new BusHk(T, 2, 28123, 87, -1500, 6500, true, 2512, -305, -1501, true,
                new float[] { 0.1f, 0.2f, 0.3f, 0.9f }, new float[] { 0.01f, -0.02f, 0.03f },
                new double[] { 7000.5, -1.25, 3.5 }, new float[] { 1.5f, -7.25f, 0.5f }, 123456, 7890, 42, 3, 0x31,
                99999, 7);
        byte[] p = hk.encode(5);
        assertHeader(p, 100, 5, 114);
        ByteBuffer bb = ByteBuffer.wrap(p);
        assertEquals(2, bb.get(12));
        assertEquals(28123, bb.getShort(13) & 0xFFFF);
        assertEquals(87, bb.get(15));
        assertEquals(-1500, bb.getShort(16));
        assertEquals(6500, bb.getShort(18));
        assertEquals(1, bb.get(20));
        assertEquals(2512, bb.getShort(21));
        assertEquals(-305, bb.getShort(23));
        assertEquals(-1501, bb.getShort(25));
        assertEquals(1, bb.get(27));
        assertEquals(0.1f, bb.getFloat(28));
        assertEquals(0.9f, bb.getFloat(40));
        assertEquals(0.01f, bb.getFloat(44));
        assertEquals(0.03f, bb.getFloat(52));
        assertEquals(7000.5, bb.getDouble(56));
        assertEquals(3.5, bb.getDouble(72));
        assertEquals(1.5f, bb.getFloat(80));
        assertEquals(0.5f, bb.getFloat(88));
        assertEquals(123456, bb.getInt(92));
        assertEquals(7890, bb.getInt(96));
        assertEquals(42, bb.getShort(100));
        assertEquals(3, bb.getShort(102));
        assertEquals(0x31, bb.getShort(104));
        assertEquals(99999, bb.getInt(106));
        assertEquals(7, bb.getShort(110));
    }

    @Test
    void payloadHkOffsets() {
        byte[] p = new PayloadHk(T, 2, -4000, 12, 34, 180.5f, -20.25f).encode(1);
        assertHeader(p, 101, 1, 33);
        ByteBuffer bb = ByteBuffer.wrap(p);
        assertEquals(2, bb.get(12));
        assertEquals(-4000, bb.getShort(13));
        assertEquals(12, bb.getInt(15));
        assertEquals(34, bb.getInt(19));
        assertEquals(180.5f, bb.getFloat(23));
        assertEquals(-20.25f, bb.getFloat(27));
    }

    @Test
    void sciDetectionOffsets() {
        byte[] p = new SciDetection(T, 77, 2, 5, 999.5, 10.25, -5.5, 0.1f, 0.2f, 18.5f, 0.15f, 3, 42f, 30f,
                new double[] { 1, 2, 3 }).encode(9);
        assertHeader(p, 200, 9, 91);
        ByteBuffer bb = ByteBuffer.wrap(p);
        assertEquals(77, bb.getInt(12));
        assertEquals(2, bb.get(16));
        assertEquals(5, bb.get(17));
        assertEquals(999.5, Cuc.get(p, 18));
        assertEquals(10.25, bb.getDouble(24));
        assertEquals(-5.5, bb.getDouble(32));
        assertEquals(0.1f, bb.getFloat(40));
        assertEquals(0.2f, bb.getFloat(44));
        assertEquals(18.5f, bb.getFloat(48));
        assertEquals(0.15f, bb.getFloat(52));
        assertEquals(3, bb.get(56));
        assertEquals(42f, bb.getFloat(57));
        assertEquals(30f, bb.getFloat(61));
        assertEquals(1.0, bb.getDouble(65));
        assertEquals(3.0, bb.getDouble(81));
    }

    @Test
    void tcAckAndEventOffsets() {
        byte[] a = new TcAck(T, 1000, 17, 0x31, 3, 5).encode(2);
        assertHeader(a, 300, 2, 22);
        ByteBuffer bb = ByteBuffer.wrap(a);
        assertEquals(1000, bb.getShort(12));
        assertEquals(17, bb.getShort(14));
        assertEquals(0x31, bb.getShort(16));
        assertEquals(3, bb.get(18));
        assertEquals(5, bb.get(19));

        byte[] e = new EventPacket(T, 1, 0x0100, "PING 1234").encode(0);
        assertHeader(e, 400, 0, 18 + 9);
        ByteBuffer eb = ByteBuffer.wrap(e);
        assertEquals(1, eb.get(12));
        assertEquals(0x0100, eb.getShort(13));
        assertEquals(9, eb.get(15));
        assertEquals("PING 1234", new String(e, 16, 9));
        assertEquals(18 + 64, new EventPacket(T, 0, 1, "x".repeat(100)).encode(0).length);
    }

    @Test
    void idlePacket() {
        byte[] p = TmPacket.idle(7);
        assertEquals(0x07FF, ByteBuffer.wrap(p).getShort(0));
        assertEquals(0, ByteBuffer.wrap(p).getShort(4));
    }
}
