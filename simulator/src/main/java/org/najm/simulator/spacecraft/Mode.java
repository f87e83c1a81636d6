package org.najm.simulator.spacecraft;

/** Spacecraft modes with their ICD codes (BUS_HK mode and the SET_MODE argument, ICD sections 4 and 5). */
public enum Mode {
    SAFE(0), STANDBY(1), SURVEY(2);

    private final int code;

    Mode(int code) {
        this.code = code;
    }

    /** The value on the wire. */
    public int code() {
        return code;
    }

    /** The mode of a wire value, or null when the ICD defines none. */
    public static Mode ofCode(int code) {
        for (Mode m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }
}
