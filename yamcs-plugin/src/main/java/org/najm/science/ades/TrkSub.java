package org.najm.science.ades;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.najm.science.TrackletKey;

/**
 * The ADES trkSub of a NAJM tracklet: the spacecraft number as one base-36 digit, then the
 * onboard tracklet_id in base 36, upper case. "NAJM-1" tracklet 123456 is "12N9C".
 *
 * <p>At most 8 characters (u32 max is "1Z141Z3", 7 digits), only [0-9A-Z] as trkSub allows;
 * a function of (spacecraft, tracklet_id) alone, so a re-delivery carries the same trkSub and
 * two tracklets never share one (tracklet ids are unique per spacecraft).
 */
public final class TrkSub {

    /** The spacecraft number: the digits that end its name ("NAJM-3" is 3). */
    private static final Pattern NUMBER = Pattern.compile("(\\d+)$");

    private TrkSub() {
    }

    public static String of(TrackletKey key) {
        Matcher m = NUMBER.matcher(key.spacecraft());
        int n = m.find() ? Integer.parseInt(m.group(1)) : -1;
        if (n < 1 || n > 35) {
            throw new IllegalArgumentException("spacecraft '" + key.spacecraft()
                    + "': a trkSub needs a name ending in a number 1..35");
        }
        return (Character.forDigit(n, 36) + Long.toString(key.trackletId(), 36)).toUpperCase(Locale.ROOT);
    }
}
