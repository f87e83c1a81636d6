package org.najm.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contacts booked so far in one planning run, indexed by station and by spacecraft. Mutable, run-local.
 *
 * Each index is a {@link Timeline}: the contacts sorted by start, plus the longest contact in it, so that
 * the contacts near a time span are found by binary search instead of a scan of all contacts (a week of a
 * 100-spacecraft network books ~24,000 contacts).
 */
final class PlanState {

    private final List<Contact> contacts = new ArrayList<>();
    private final Map<String, Timeline> byStation = new HashMap<>();
    private final Map<String, Timeline> bySpacecraft = new HashMap<>();
    private final Map<String, Duration> planned = new HashMap<>();

    private static final Timeline EMPTY = new Timeline();

    void add(Contact c) {
        contacts.add(c);
        byStation.computeIfAbsent(c.station(), k -> new Timeline()).add(c);
        bySpacecraft.computeIfAbsent(c.spacecraft(), k -> new Timeline()).add(c);
        planned.merge(c.spacecraft(), c.duration(), Duration::plus);
    }

    Timeline atStation(String station) {
        return byStation.getOrDefault(station, EMPTY);
    }

    Timeline ofSpacecraft(String spacecraft) {
        return bySpacecraft.getOrDefault(spacecraft, EMPTY);
    }

    Duration planned(String spacecraft) {
        return planned.getOrDefault(spacecraft, Duration.ZERO);
    }

    List<Contact> contacts() {
        return List.copyOf(contacts);
    }

    /**
     * Contacts sorted by start (equal starts in booking order). Contacts may overlap (locked contacts are
     * taken as given): a search for the contacts ending after t starts at t minus the longest contact.
     */
    static final class Timeline {

        private final ArrayList<Contact> sorted = new ArrayList<>();
        private long[] startSeconds = new long[0]; // epoch second (floor) of each start, same order
        private int size;
        private long longestSeconds; // above the longest contact, in whole seconds

        void add(Contact c) {
            int at = firstStartingAfter(c.start());
            sorted.add(at, c);
            if (size == startSeconds.length) {
                startSeconds = Arrays.copyOf(startSeconds, Math.max(16, 2 * size));
            }
            System.arraycopy(startSeconds, at, startSeconds, at + 1, size - at);
            startSeconds[at] = c.start().getEpochSecond();
            size++;
            // whole seconds, rounded up, plus one: the search below works on whole seconds
            long d = c.duration().getSeconds() + 2;
            if (d > longestSeconds) {
                longestSeconds = d;
            }
        }

        int size() {
            return size;
        }

        Contact get(int i) {
            return sorted.get(i);
        }

        /**
         * Index of the first contact that may end after {@code t} (or at it): all contacts before it end
         * strictly before t. Contacts from there on are in start order; stop at the first starting too late.
         */
        int firstEndingFrom(Instant t) {
            return firstEndingFrom(t, 0);
        }

        /**
         * The same for {@code t - slackSeconds}. Works on whole seconds (no Instant arithmetic): may return
         * an index a little early, never late; callers check each contact exactly.
         */
        int firstEndingFrom(Instant t, long slackSeconds) {
            // a contact before the result starts before floor(t) - slack - longest, so ends before t - slack
            long key = t.getEpochSecond() - slackSeconds - longestSeconds;
            int lo = 0;
            int hi = size;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (startSeconds[mid] < key) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        /** Index of the first contact whose start is after t. */
        private int firstStartingAfter(Instant t) {
            int lo = 0;
            int hi = sorted.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sorted.get(mid).start().isAfter(t)) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }
}
