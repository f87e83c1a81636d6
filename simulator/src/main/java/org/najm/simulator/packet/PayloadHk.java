package org.najm.simulator.packet;

/** PAYLOAD_HK (APID 101, 33 octets). */
public record PayloadHk(double time, int telescopeState, int ccdTemp, long exposures, long detections,
        float fieldRa, float fieldDec) {

    public static final int LENGTH = 33;
    public static final int OFF = 0;
    public static final int IDLE = 1;
    public static final int EXPOSING = 2;

    public byte[] encode(int seqCount) {
        return TmPacket.build(Apid.PAYLOAD_HK, seqCount, time, LENGTH - 14, bb -> {
            bb.put((byte) telescopeState);
            bb.putShort((short) ccdTemp);
            bb.putInt((int) exposures);
            bb.putInt((int) detections);
            bb.putFloat(fieldRa);
            bb.putFloat(fieldDec);
        });
    }
}
