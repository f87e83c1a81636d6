package org.najm.simulator.link;

import java.nio.ByteBuffer;

final class TestPackets {
    private TestPackets() {
    }

    /** A TM packet of {@code length} octets with APID 100 and a recognisable body. */
    static byte[] packet(int length, int seq) {
        byte[] p = new byte[length];
        ByteBuffer bb = ByteBuffer.wrap(p);
        bb.putShort((short) (0x0800 | 100));
        bb.putShort((short) (0xC000 | seq));
        bb.putShort((short) (length - 7));
        for (int i = 6; i < length; i++) {
            p[i] = (byte) (i * 7 + seq);
        }
        return p;
    }
}
