package org.najm.simulator.link;

/**
 * FARM-1 (CCSDS 232.1-B-2) for one TC virtual channel, sliding window width W (PW = NW = W/2).
 * Not thread-safe: the spacecraft's simulation thread owns it.
 */
public final class Farm1 {

    /** What the FARM did with a frame. */
    public enum Outcome {
        /** AD or BD frame accepted: deliver its data. */
        ACCEPTED,
        /** AD frame ahead of V(R) inside the positive window: discarded, retransmit flag set. */
        DISCARDED_RETRANSMIT,
        /** AD frame already received (negative window): discarded silently. */
        DISCARDED_DUPLICATE,
        /** AD frame outside both windows: discarded, lockout entered. */
        LOCKOUT_ENTERED,
        /** AD frame while in lockout: discarded. */
        DISCARDED_LOCKED_OUT,
        /** BC Unlock or Set V(R) done. */
        CONTROL_EXECUTED,
        /** BC Set V(R) while in lockout: counted, V(R) unchanged. */
        CONTROL_IGNORED,
        /** BC frame with unknown content. */
        CONTROL_INVALID
    }

    private final int positiveWindow;
    private final int negativeWindow;
    private final int vcid;
    private int vR;
    private boolean lockout;
    private boolean waitFlag;
    private boolean retransmit;
    private int farmBCounter;

    public Farm1(int vcid, int windowWidth) {
        this.vcid = vcid;
        this.positiveWindow = windowWidth / 2;
        this.negativeWindow = windowWidth / 2;
    }

    public Outcome process(TcFrame frame) {
        if (frame.controlCommand()) {
            return control(frame.data());
        }
        if (frame.bypass()) {
            farmBCounter = (farmBCounter + 1) & 3;
            return Outcome.ACCEPTED;
        }
        if (lockout) {
            return Outcome.DISCARDED_LOCKED_OUT;
        }
        int ahead = (frame.sequence() - vR) & 0xFF;
        if (ahead == 0) {
            vR = (vR + 1) & 0xFF;
            retransmit = false;
            return Outcome.ACCEPTED;
        }
        if (ahead <= positiveWindow - 1) {
            retransmit = true;
            return Outcome.DISCARDED_RETRANSMIT;
        }
        if (256 - ahead <= negativeWindow) {
            return Outcome.DISCARDED_DUPLICATE;
        }
        lockout = true;
        return Outcome.LOCKOUT_ENTERED;
    }

    private Outcome control(byte[] d) {
        if (d.length == 1 && d[0] == 0x00) {
            farmBCounter = (farmBCounter + 1) & 3;
            lockout = false;
            waitFlag = false;
            retransmit = false;
            return Outcome.CONTROL_EXECUTED;
        }
        if (d.length == 3 && (d[0] & 0xFF) == 0x82 && d[1] == 0x00) {
            farmBCounter = (farmBCounter + 1) & 3;
            if (lockout) {
                return Outcome.CONTROL_IGNORED;
            }
            vR = d[2] & 0xFF;
            waitFlag = false;
            retransmit = false;
            return Outcome.CONTROL_EXECUTED;
        }
        return Outcome.CONTROL_INVALID;
    }

    /** The CLCW (CCSDS 232.0-B section 4.2) as a 32-bit word, for the OCF. */
    public int clcw() {
        int b0 = 0x01; // control word type 0, version 00, status 000, COP in effect 01
        int b1 = (vcid & 0x3F) << 2;
        int b2 = (lockout ? 0x20 : 0) | (waitFlag ? 0x10 : 0) | (retransmit ? 0x08 : 0) | (farmBCounter << 1);
        return b0 << 24 | b1 << 16 | b2 << 8 | vR;
    }

    public int vR() {
        return vR;
    }

    public boolean lockout() {
        return lockout;
    }

    public boolean retransmit() {
        return retransmit;
    }

    public boolean waitFlag() {
        return waitFlag;
    }

    public int farmBCounter() {
        return farmBCounter;
    }
}
