package org.najm.gateway;

/**
 * A TM transfer frame as a station delivered it.
 *
 * @param stationId     the station that received it (ICD station number)
 * @param data          the whole frame, FECF included
 * @param receptionTime earth reception time, Yamcs time (simulation clock)
 */
public record ReceivedFrame(int stationId, byte[] data, long receptionTime) {

    /** The 10-bit spacecraft id of the TM primary header (CCSDS 132.0-B-3 §4.1.2.2.3). */
    public int spacecraftId() {
        return ((data[0] & 0x3F) << 4) | ((data[1] & 0xF0) >>> 4);
    }

    public int virtualChannelId() {
        return (data[1] >>> 1) & 0x07;
    }
}
