package org.najm.gateway;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;

/** TM transfer frames as a station forwards them (ICD §3): 1115 octets, OCF, good FECF unless spoiled. */
final class TmFrames {

    static final int LENGTH = 1115;
    static final int NAJM_1 = 0x1A1;
    static final int NAJM_2 = 0x1A2;

    private TmFrames() {
    }

    /** A frame of {@code scid} on {@code vc} with the given master and virtual channel frame counts. */
    static byte[] frame(int scid, int vc, int mcCount, int vcCount) {
        return frame(scid, vc, mcCount, vcCount, (byte) 0x55);
    }

    /** As above, its data field filled with {@code fill}: same counters, different content. */
    static byte[] frame(int scid, int vc, int mcCount, int vcCount, byte fill) {
        byte[] f = new byte[LENGTH];
        ByteBuffer bb = ByteBuffer.wrap(f);
        bb.putShort((short) ((scid << 4) | (vc << 1) | 1)); // version 0, SCID, VC, OCF flag
        bb.put((byte) mcCount).put((byte) vcCount);
        bb.putShort((short) 0x1FFE); // no secondary header, first header pointer: idle data only
        Arrays.fill(f, 6, LENGTH - 6, fill);
        return withFecf(f);
    }

    /** Recomputes the FECF over everything before it. */
    static byte[] withFecf(byte[] f) {
        int crc = new CrcCciitCalculator().compute(f, 0, f.length - 2);
        f[f.length - 2] = (byte) (crc >> 8);
        f[f.length - 1] = (byte) crc;
        return f;
    }

    static ReceivedFrame received(int stationId, byte[] data) {
        return new ReceivedFrame(stationId, data, 0);
    }
}
