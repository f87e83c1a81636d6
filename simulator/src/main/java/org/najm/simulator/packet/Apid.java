package org.najm.simulator.packet;

/** APIDs of the ICD (section 4 and 5). */
public final class Apid {
    public static final int IDLE = 0x7FF;
    public static final int BUS_HK = 100;
    public static final int PAYLOAD_HK = 101;
    public static final int SCI_DETECTION = 200;
    public static final int TC_ACK = 300;
    public static final int EVENT = 400;
    public static final int TC = 1000;

    private Apid() {
    }
}
