package org.najm.constellation;

/** UDP transport between the stations and the MOC (ICD section 2). */
public record Transport(String mocHost, String stationHost, int tmPortBase, int tcPortBase) {

    /** The MOC port on which station {@code stationId} delivers TM frames. */
    public int tmPort(int stationId) {
        return tmPortBase + stationId;
    }

    /** The station port to which the MOC sends CLTUs for station {@code stationId}. */
    public int tcPort(int stationId) {
        return tcPortBase + stationId;
    }

    /** The same transport on other port bases (tests run beside a live system). */
    public Transport withPortBases(int tmBase, int tcBase) {
        return new Transport(mocHost, stationHost, tmBase, tcBase);
    }
}
