package org.najm.science;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One detection of a moving object (ICD APID 200 SCI_DETECTION), decoded.
 *
 * <p>The constructor enforces the ICD ranges, so a Detection is valid wherever it comes from.
 *
 * @param spacecraft   spacecraft name, e.g. "NAJM-1"
 * @param trackletId   onboard tracklet id (u32), unique per spacecraft
 * @param detIndex     0-based index within the tracklet
 * @param detCount     detections in the tracklet (3..6)
 * @param obsTime      mid-exposure, UTC
 * @param ra           deg, ICRF, topocentric from the spacecraft, [0, 360]
 * @param dec          deg, [-90, 90]
 * @param rmsRa        RA*cos(dec), arcsec, 1 sigma
 * @param rmsDec       arcsec, 1 sigma
 * @param mag          magnitude
 * @param rmsMag       magnitude, 1 sigma
 * @param band         ADES band code: "V", "G", "R" or "w"
 * @param snr          linear signal-to-noise ratio
 * @param exposure     s
 * @param x            observer position, geocentric ICRF, km
 * @param y            km
 * @param z            km
 * @param creationTime the packet's secondary-header time (UTC)
 */
public record Detection(String spacecraft, long trackletId, int detIndex, int detCount, Instant obsTime,
        double ra, double dec, double rmsRa, double rmsDec, double mag, double rmsMag, String band, double snr,
        double exposure, double x, double y, double z, Instant creationTime) {

    /** ADES band codes by the ICD's band number. */
    public static final List<String> BANDS = List.of("V", "G", "R", "w");
    public static final int MIN_DET_COUNT = 3;
    public static final int MAX_DET_COUNT = 6;

    private static final Set<String> BAND_SET = Set.copyOf(BANDS);

    public Detection {
        Objects.requireNonNull(spacecraft, "spacecraft");
        Objects.requireNonNull(obsTime, "obsTime");
        Objects.requireNonNull(creationTime, "creationTime");
        Objects.requireNonNull(band, "band");
        TrackletKey.checkTrackletId(trackletId);
        if (detCount < MIN_DET_COUNT || detCount > MAX_DET_COUNT) {
            throw new IllegalArgumentException(
                    "det_count " + detCount + " outside " + MIN_DET_COUNT + ".." + MAX_DET_COUNT);
        }
        if (detIndex < 0 || detIndex >= detCount) {
            throw new IllegalArgumentException("det_index " + detIndex + " not below det_count " + detCount);
        }
        if (!(ra >= 0 && ra <= 360)) { // also refuses NaN
            throw new IllegalArgumentException("ra " + ra + " deg outside 0..360");
        }
        if (!(dec >= -90 && dec <= 90)) {
            throw new IllegalArgumentException("dec " + dec + " deg outside -90..90");
        }
        if (!BAND_SET.contains(band)) {
            throw new IllegalArgumentException("band '" + band + "' is not one of " + BANDS);
        }
        nonNegative("rms_ra", rmsRa);
        nonNegative("rms_dec", rmsDec);
        nonNegative("rms_mag", rmsMag);
        nonNegative("snr", snr);
        nonNegative("exposure", exposure);
        finite("mag", mag);
        finite("position x", x);
        finite("position y", y);
        finite("position z", z);
    }

    public TrackletKey key() {
        return new TrackletKey(spacecraft, trackletId);
    }

    /**
     * Same measurement, whatever packet carried it: everything but the creation time. A detection
     * dumped twice (second dump, second station) is the same measurement.
     */
    public boolean sameMeasurement(Detection o) {
        return equals(new Detection(o.spacecraft, o.trackletId, o.detIndex, o.detCount, o.obsTime, o.ra, o.dec,
                o.rmsRa, o.rmsDec, o.mag, o.rmsMag, o.band, o.snr, o.exposure, o.x, o.y, o.z, creationTime));
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " " + v + " is not a finite non-negative number");
        }
    }

    private static void finite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " " + v + " is not finite");
        }
    }
}
