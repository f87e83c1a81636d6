package org.najm.simulator.packet;

import java.nio.charset.StandardCharsets;

/** EVENT (APID 400, 18 + n octets, n <= 64 ASCII characters). */
public record EventPacket(double time, int severity, int eventId, String text) {

    public static final int MAX_TEXT = 64;

    public byte[] encode(int seqCount) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        int n = Math.min(ascii.length, MAX_TEXT);
        return TmPacket.build(Apid.EVENT, seqCount, time, 4 + n, bb -> {
            bb.put((byte) severity);
            bb.putShort((short) eventId);
            bb.put((byte) n);
            bb.put(ascii, 0, n);
        });
    }
}
