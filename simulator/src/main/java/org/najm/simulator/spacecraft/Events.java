package org.najm.simulator.spacecraft;

/** The simulator's onboard event list (EVENT packets, APID 400). See docs/simulator.md. */
public final class Events {

    public static final int INFO = 0;
    public static final int WARNING = 1;
    public static final int ERROR = 2;
    public static final int CRITICAL = 3;

    public static final int PING = 0x0100;
    public static final int MODE_CHANGED = 0x0101;
    public static final int ECLIPSE_ENTRY = 0x0102;
    public static final int ECLIPSE_EXIT = 0x0103;
    public static final int BOOT = 0x0104;
    public static final int TIME_SYNCED = 0x0105;
    public static final int PAYLOAD_POWER = 0x0106;
    public static final int HEATER_SETPOINT = 0x0107;
    public static final int STORE_OVERFLOW = 0x0200;
    public static final int DUMP_DONE = 0x0201;
    public static final int STORE_DELETED = 0x0202;
    public static final int DUMP_STARTED = 0x0203;
    public static final int BATTERY_LOW = 0x0300;
    public static final int SAFE_MODE_ENTERED = 0x0301;
    public static final int BATTERY_RECOVERED = 0x0302;

    private Events() {
    }
}
