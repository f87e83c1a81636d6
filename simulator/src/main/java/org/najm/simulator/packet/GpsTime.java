package org.najm.simulator.packet;

import java.time.Instant;

import org.najm.orekit.OrekitData;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScale;
import org.orekit.time.TimeScales;

/**
 * GPS seconds (since 1980-01-06T00:00:00 GPS, no leap seconds), the time base of every packet.
 * The UTC/GPS offset comes from Orekit's time scales (leap-second table), not a constant.
 */
public final class GpsTime {

    private static final TimeScales SCALES = OrekitData.context().getTimeScales();
    private static final TimeScale UTC = SCALES.getUTC();
    public static final AbsoluteDate EPOCH = new AbsoluteDate(1980, 1, 6, 0, 0, 0.0, SCALES.getGPS());

    private GpsTime() {
    }

    public static AbsoluteDate date(Instant utc) {
        return new AbsoluteDate(utc, UTC);
    }

    /** GPS seconds at a UTC instant. */
    public static double seconds(Instant utc) {
        return date(utc).durationFrom(EPOCH);
    }

    public static double seconds(AbsoluteDate date) {
        return date.durationFrom(EPOCH);
    }

    /** The UTC instant at some GPS seconds. */
    public static Instant toUtc(double gpsSeconds) {
        return EPOCH.shiftedBy(gpsSeconds).toInstant(SCALES);
    }
}
