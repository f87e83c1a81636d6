package org.najm.simulator.packet;

import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;

/** CRC-16-CCITT (poly 0x1021, init 0xFFFF): the ICD's packet CRC and the CCSDS FECF. */
public final class Crc16 {

    // Yamcs' calculator: its no-arg constructor uses the initial value 0xFFFF the ICD requires.
    private static final CrcCciitCalculator CRC = new CrcCciitCalculator();

    private Crc16() {
    }

    public static int compute(byte[] data, int offset, int length) {
        return CRC.compute(data, offset, length) & 0xFFFF;
    }

    /** Writes the CRC of {@code data[0..length)} big-endian at {@code data[length]}. */
    public static void appendAt(byte[] data, int length) {
        int crc = compute(data, 0, length);
        data[length] = (byte) (crc >>> 8);
        data[length + 1] = (byte) crc;
    }

    /** True when the last two octets of {@code data[offset, offset+length)} are the CRC of the rest. */
    public static boolean check(byte[] data, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int expected = ((data[offset + length - 2] & 0xFF) << 8) | (data[offset + length - 1] & 0xFF);
        return compute(data, offset, length - 2) == expected;
    }
}
