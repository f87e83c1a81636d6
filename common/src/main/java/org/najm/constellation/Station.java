package org.najm.constellation;

/**
 * One ground station with one antenna (ICD section 2).
 *
 * @param id        station number k: TM arrives on tmPortBase + k, TC leaves to tcPortBase + k
 * @param latitude  geodetic latitude, degrees
 * @param longitude degrees east
 * @param altitude  metres above the WGS84 ellipsoid
 * @param mask      elevation mask, degrees
 * @param owner     owning partner, or "shared"
 */
public record Station(int id, String name, double latitude, double longitude, double altitude, double mask,
        String owner) {

    public static final String SHARED = "shared";

    public boolean isShared() {
        return SHARED.equals(owner);
    }
}
