package org.najm.simulator.packet;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/** Builds ICD TM space packets: primary header, CUC time secondary header, body, CRC-16. */
public final class TmPacket {

    public static final int HEADER_LENGTH = 12;

    private TmPacket() {
    }

    /**
     * @param bodyLength octets {@code body} writes (fields from offset 12 up to the CRC)
     * @param time       GPS seconds of the secondary header
     */
    public static byte[] build(int apid, int seqCount, double time, int bodyLength, Consumer<ByteBuffer> body) {
        int total = HEADER_LENGTH + bodyLength + 2;
        byte[] p = new byte[total];
        ByteBuffer bb = ByteBuffer.wrap(p);
        bb.putShort((short) (0x0800 | (apid & 0x7FF))); // version 0, type 0 (TM), sec. header flag 1
        bb.putShort((short) (0xC000 | (seqCount & 0x3FFF))); // unsegmented
        bb.putShort((short) (total - 7));
        Cuc.put(bb, time);
        body.accept(bb);
        if (bb.position() != total - 2) {
            throw new IllegalStateException("APID " + apid + " body wrote " + (bb.position() - HEADER_LENGTH)
                    + " octets, expected " + bodyLength);
        }
        Crc16.appendAt(p, total - 2);
        return p;
    }

    /** A CCSDS idle packet (APID 0x7FF, no secondary header) of exactly {@code totalLength >= 7} octets. */
    public static byte[] idle(int totalLength) {
        if (totalLength < 7) {
            throw new IllegalArgumentException("an idle packet has at least 7 octets");
        }
        byte[] p = new byte[totalLength];
        ByteBuffer bb = ByteBuffer.wrap(p);
        bb.putShort((short) Apid.IDLE);
        bb.putShort((short) 0xC000);
        bb.putShort((short) (totalLength - 7));
        for (int i = 6; i < totalLength; i++) {
            p[i] = 0x55;
        }
        return p;
    }

    public static int apid(byte[] p) {
        return ((p[0] & 0x07) << 8) | (p[1] & 0xFF);
    }

    public static int seqCount(byte[] p) {
        return ((p[2] & 0x3F) << 8) | (p[3] & 0xFF);
    }

    /** The packet's secondary-header time, GPS seconds. */
    public static double time(byte[] p) {
        return Cuc.get(p, 6);
    }
}
