package org.najm.simulator.packet;

/** TC_ACK (APID 300, 22 octets): one verification stage of one TC packet. */
public record TcAck(double time, int tcApid, int tcSeq, int opcode, int stage, int result) {

    public static final int LENGTH = 22;

    public static final int ACCEPTED = 1;
    public static final int STARTED = 2;
    public static final int COMPLETED = 3;

    public static final int OK = 0;
    public static final int BAD_OPCODE = 1;
    public static final int BAD_ARGUMENT = 2;
    public static final int BAD_CRC = 3;
    public static final int NOT_ALLOWED_IN_MODE = 4;
    public static final int FAILED = 5;

    public byte[] encode(int seqCount) {
        return TmPacket.build(Apid.TC_ACK, seqCount, time, LENGTH - 14, bb -> {
            bb.putShort((short) tcApid);
            bb.putShort((short) tcSeq);
            bb.putShort((short) opcode);
            bb.put((byte) stage);
            bb.put((byte) result);
        });
    }
}
