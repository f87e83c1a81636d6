package org.najm.simulator.link;

import java.util.Arrays;

import org.najm.simulator.packet.Crc16;

/** A TC transfer frame (CCSDS 232.0-B): 5-octet header, data, FECF. */
public record TcFrame(boolean bypass, boolean controlCommand, int scid, int vcid, int sequence, byte[] data) {

    public static final int HEADER_LENGTH = 5;

    /** Why a frame was discarded. */
    public static final class FrameException extends Exception {
        public FrameException(String reason) {
            super(reason);
        }
    }

    public TcFrame {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Parses a frame; {@code octets} may carry CLTU fill after the frame. */
    public static TcFrame parse(byte[] octets) throws FrameException {
        if (octets.length < HEADER_LENGTH + 2) {
            throw new FrameException("frame too short");
        }
        int version = (octets[0] & 0xC0) >>> 6;
        if (version != 0) {
            throw new FrameException("version " + version);
        }
        int length = (((octets[2] & 0x03) << 8) | (octets[3] & 0xFF)) + 1;
        if (length > octets.length || length < HEADER_LENGTH + 2) {
            throw new FrameException("frame length " + length + " does not fit " + octets.length + " octets");
        }
        if (!Crc16.check(octets, 0, length)) {
            throw new FrameException("bad FECF");
        }
        boolean bypass = (octets[0] & 0x20) != 0;
        boolean control = (octets[0] & 0x10) != 0;
        int scid = ((octets[0] & 0x03) << 8) | (octets[1] & 0xFF);
        int vcid = (octets[2] & 0xFC) >>> 2;
        int seq = octets[4] & 0xFF;
        return new TcFrame(bypass, control, scid, vcid, seq, Arrays.copyOfRange(octets, HEADER_LENGTH, length - 2));
    }

    /** Encodes the frame with its FECF (ground side, used by tests). */
    public byte[] encode() {
        int length = HEADER_LENGTH + data.length + 2;
        byte[] f = new byte[length];
        f[0] = (byte) ((bypass ? 0x20 : 0) | (controlCommand ? 0x10 : 0) | ((scid >>> 8) & 0x03));
        f[1] = (byte) scid;
        f[2] = (byte) (((vcid & 0x3F) << 2) | (((length - 1) >>> 8) & 0x03));
        f[3] = (byte) (length - 1);
        f[4] = (byte) sequence;
        System.arraycopy(data, 0, f, HEADER_LENGTH, data.length);
        Crc16.appendAt(f, length - 2);
        return f;
    }
}
