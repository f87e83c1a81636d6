package org.najm.simulator.archive;

import com.google.gson.JsonObject;

/**
 * The failure armed for the next submissions: a mode and how many submissions it still applies to
 * (null: until cleared). Shared by all connections, hence synchronized.
 */
final class FailureInjection {

    private FailureMode mode;
    private Integer remaining;

    synchronized void arm(FailureMode mode, Integer count) {
        this.mode = mode;
        this.remaining = count;
    }

    synchronized void clear() {
        mode = null;
        remaining = null;
    }

    /** The failure for the submission at hand, or null; consumes one of the armed count. */
    synchronized FailureMode take() {
        FailureMode m = mode;
        if (m != null && remaining != null && --remaining <= 0) {
            clear();
        }
        return m;
    }

    /** {@code {"mode": "NONE"|"HTTP_500"|"TIMEOUT"|"DROP", "remaining": n|null}}. */
    synchronized JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("mode", mode == null ? "NONE" : mode.name());
        o.addProperty("remaining", remaining);
        return o;
    }
}
