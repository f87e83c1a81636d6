package org.najm.science;

import java.util.Objects;

/** A tracklet's identity: onboard tracklet ids are unique per spacecraft only. */
public record TrackletKey(String spacecraft, long trackletId) implements Comparable<TrackletKey> {

    public TrackletKey {
        Objects.requireNonNull(spacecraft, "spacecraft");
        checkTrackletId(trackletId);
    }

    /** Parses {@link #toString()}'s form, "NAJM-1/1234". */
    public static TrackletKey parse(String s) {
        int slash = s.lastIndexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a tracklet key (spacecraft/trackletId): '" + s + "'");
        }
        return new TrackletKey(s.substring(0, slash), Long.parseLong(s.substring(slash + 1)));
    }

    static void checkTrackletId(long id) {
        if (id < 0 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("tracklet_id " + id + " does not fit u32");
        }
    }

    @Override
    public int compareTo(TrackletKey o) {
        int c = spacecraft.compareTo(o.spacecraft);
        return c != 0 ? c : Long.compare(trackletId, o.trackletId);
    }

    /** "NAJM-1/1234": the form kept in durable records (one key a line). */
    @Override
    public String toString() {
        return spacecraft + "/" + trackletId;
    }
}
