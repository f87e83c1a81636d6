package org.najm.simulator.link;

import org.yamcs.tctm.ccsds.error.BchCltuGenerator.BchEncoder;

/**
 * Decodes a CLTU (CCSDS 231.0-B): start sequence 0xEB90, BCH(63,56) code blocks of 7 data octets and one
 * parity octet, tail 0xC5C5C5C5C5C5C579. No randomisation. Returns the data octets, fill included.
 */
public final class CltuDecoder {

    private static final long TAIL = 0xC5C5C5C5C5C5C579L;

    private CltuDecoder() {
    }

    /** Why a CLTU was rejected. */
    public static final class CltuException extends Exception {
        public CltuException(String reason) {
            super(reason);
        }
    }

    public static byte[] decode(byte[] cltu) throws CltuException {
        int len = cltu.length;
        if (len < 2 + 8 + 8) {
            throw new CltuException("CLTU too short: " + len + " octets");
        }
        if ((cltu[0] & 0xFF) != 0xEB || (cltu[1] & 0xFF) != 0x90) {
            throw new CltuException(String.format("bad start sequence 0x%02X%02X", cltu[0], cltu[1]));
        }
        if ((len - 2) % 8 != 0) {
            throw new CltuException("length " + len + " is not start sequence + whole 8-octet blocks");
        }
        long tail = 0;
        for (int i = len - 8; i < len; i++) {
            tail = tail << 8 | (cltu[i] & 0xFF);
        }
        if (tail != TAIL) {
            throw new CltuException(String.format("bad tail sequence 0x%016X", tail));
        }
        int blocks = (len - 10) / 8;
        byte[] out = new byte[blocks * 7];
        for (int b = 0; b < blocks; b++) {
            int off = 2 + 8 * b;
            // Yamcs has no BCH decoder either: re-encode and compare (no single-bit correction).
            if (BchEncoder.encode(cltu, off) != cltu[off + 7]) {
                throw new CltuException("bad BCH parity in code block " + b);
            }
            System.arraycopy(cltu, off, out, 7 * b, 7);
        }
        return out;
    }
}
