package org.najm.simulator.packet;

import java.nio.ByteBuffer;

/** CCSDS CUC 4+2 (implicit P-field): 4 octets of coarse seconds, 2 octets of 1/65536 s. */
public final class Cuc {

    public static final int LENGTH = 6;

    private Cuc() {
    }

    public static void put(ByteBuffer bb, double seconds) {
        long coarse = (long) Math.floor(seconds);
        int fine = (int) Math.floor((seconds - coarse) * 65536.0);
        if (fine > 0xFFFF) {
            fine = 0xFFFF;
        }
        bb.putInt((int) coarse);
        bb.putShort((short) fine);
    }

    public static double get(ByteBuffer bb) {
        long coarse = bb.getInt() & 0xFFFFFFFFL;
        int fine = bb.getShort() & 0xFFFF;
        return coarse + fine / 65536.0;
    }

    public static double get(byte[] data, int offset) {
        return get(ByteBuffer.wrap(data, offset, LENGTH));
    }
}
