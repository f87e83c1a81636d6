package org.najm.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.najm.passes.Pass;

/**
 * Finds where a pass fits among the contacts booked so far: the longest part of the pass (after now) that
 * keeps every rule - antenna exclusivity with turnaround on both sides of each contact, one station at a
 * time per spacecraft (or back to back as a hand-over), station unavailability - and is at least the
 * minimum contact. If none, says which rule and which contact or window stood in the way.
 */
final class Placement {

    /** The outcome for one pass: a window to book or a refusal. */
    sealed interface Outcome permits Window, Refusal {
    }

    record Window(Instant start, Instant end) implements Outcome {
        Duration duration() {
            return Duration.between(start, end);
        }
    }

    record Refusal(RejectionReason reason, String message) implements Outcome {
    }

    /**
     * A stretch of time the pass cannot use, and why: the contact or window in the way. The operator's
     * sentence is only written when the pass is refused (most placements succeed or are retried, and
     * formatting times is the dearest part of a placement).
     */
    private static final class Blocker {
        final Instant start;
        final Instant end;
        final RejectionReason reason;
        final Contact contact;
        final Unavailability window;
        String text;

        Blocker(Instant start, Instant end, RejectionReason reason, Contact contact, Unavailability window) {
            this.start = start;
            this.end = end;
            this.reason = reason;
            this.contact = contact;
            this.window = window;
        }

        Instant start() {
            return start;
        }

        RejectionReason reason() {
            return reason;
        }

        String text() {
            return text;
        }

        Duration overlapWith(Instant from, Instant to) {
            Instant s = start.isAfter(from) ? start : from;
            Instant e = end.isBefore(to) ? end : to;
            return s.isBefore(e) ? Duration.between(s, e) : Duration.ZERO;
        }
    }

    private final PlanningRequest request;
    private final PlanState state;
    private final Duration turnaround;
    private final long turnaroundSeconds; // rounded up
    private final boolean handoverAllowed;
    private final Map<String, List<Unavailability>> unavailability = new HashMap<>();

    Placement(PlanningRequest request, PlanState state) {
        this.request = request;
        this.state = state;
        this.turnaround = request.turnaround();
        this.turnaroundSeconds = turnaround.getSeconds() + 1;
        this.handoverAllowed = request.parameters().handoverAllowed();
        for (Unavailability u : request.unavailability()) {
            unavailability.computeIfAbsent(u.station(), k -> new ArrayList<>()).add(u);
        }
    }

    /** The usable part of a pass before any conflict: from AOS or now, whichever is later, to LOS. */
    Instant usableStart(Pass pass) {
        return pass.aos().isAfter(request.now()) ? pass.aos() : request.now();
    }

    Outcome place(Pass pass) {
        Instant from = usableStart(pass);
        Instant to = pass.los();
        List<Blocker> blockers = blockers(pass, from, to);
        Window best = longestFree(from, to, blockers);
        if (best != null && best.duration().compareTo(request.minimumContact()) >= 0) {
            return best;
        }
        return refusal(pass, from, to, blockers, best);
    }

    private List<Blocker> blockers(Pass pass, Instant from, Instant to) {
        List<Blocker> out = new ArrayList<>();
        Duration t = turnaround;
        PlanState.Timeline station = state.atStation(pass.station());
        Instant antennaTo = to.plus(t);
        for (int i = station.firstEndingFrom(from, turnaroundSeconds); i < station.size(); i++) {
            Contact c = station.get(i);
            if (!c.start().isBefore(antennaTo)) {
                break; // sorted by start: the rest start later still
            }
            Instant s = c.start().minus(t);
            Instant e = c.end().plus(t);
            if (s.isBefore(to) && e.isAfter(from)) {
                out.add(new Blocker(s, e, RejectionReason.ANTENNA_CONFLICT, c, null));
            }
        }
        boolean handover = handoverAllowed;
        PlanState.Timeline own = state.ofSpacecraft(pass.spacecraft());
        for (int i = own.firstEndingFrom(from); i < own.size(); i++) {
            Contact c = own.get(i);
            if (c.start().isAfter(to)) {
                break;
            }
            // same station: already covered, with its turnaround, by the antenna rule above
            // without hand-over, even touching counts: back to back would be a hand-over
            boolean meets = handover ? c.overlaps(from, to) : !c.start().isAfter(to) && !c.end().isBefore(from);
            if (!c.station().equals(pass.station()) && meets) {
                // without hand-over the pass may not be trimmed to continue the other contact
                out.add(handover ? new Blocker(c.start(), c.end(), RejectionReason.SPACECRAFT_ALREADY_SERVED, c, null)
                        : new Blocker(from, to, RejectionReason.SPACECRAFT_ALREADY_SERVED, c, null));
            }
        }
        for (Unavailability u : unavailability.getOrDefault(pass.station(), List.of())) {
            if (u.overlaps(from, to)) {
                out.add(new Blocker(u.start(), u.end(), RejectionReason.STATION_UNAVAILABLE, null, u));
            }
        }
        return out;
    }

    /** The operator's sentence for a blocker of this pass. */
    private String text(Pass pass, Blocker b) {
        if (b.window != null) {
            Unavailability u = b.window;
            return pass.station() + " unavailable " + Texts.span(u.start(), u.end()) + " (" + u.reason() + ")";
        }
        Contact c = b.contact;
        if (b.reason == RejectionReason.ANTENNA_CONFLICT) {
            return pass.station() + " antenna busy with " + c.spacecraft() + " " + Texts.span(c.start(), c.end())
                    + " (+" + turnaround.toSeconds() + " s turnaround)";
        }
        return pass.spacecraft() + " already in contact with " + c.station() + " " + Texts.span(c.start(), c.end())
                + " (one station at a time" + (handoverAllowed ? ")" : "; hand-over not allowed)");
    }

    /** The longest stretch of [from, to) no blocker covers; the earliest of equally long ones; null if none. */
    private static Window longestFree(Instant from, Instant to, List<Blocker> blockers) {
        List<Blocker> sorted = blockers;
        if (blockers.size() > 1) {
            sorted = new ArrayList<>(blockers);
            sorted.sort(Comparator.comparing(Blocker::start)); // stable, as the stream sort was
        }
        Window best = null;
        Instant cursor = from;
        for (Blocker b : sorted) {
            best = longer(best, cursor, b.start.isBefore(to) ? b.start : to);
            if (b.end.isAfter(cursor)) {
                cursor = b.end;
            }
        }
        return longer(best, cursor, to);
    }

    private static Window longer(Window best, Instant s, Instant e) {
        if (!s.isBefore(e)) {
            return best;
        }
        Window w = new Window(s, e);
        return best == null || w.duration().compareTo(best.duration()) > 0 ? w : best;
    }

    /** Names the blocker that takes most of the pass first (that is the reason), then the others. */
    private Refusal refusal(Pass pass, Instant from, Instant to, List<Blocker> blockers, Window best) {
        for (Blocker b : blockers) {
            b.text = text(pass, b);
        }
        Comparator<Blocker> weight = Comparator.comparing((Blocker b) -> b.overlapWith(from, to)).reversed()
                .thenComparing(Blocker::start).thenComparing(Blocker::reason).thenComparing(Blocker::text);
        List<Blocker> ranked = blockers.stream().sorted(weight).toList();
        if (ranked.isEmpty()) { // not reached: the planner only places passes at least the minimum long
            return new Refusal(RejectionReason.TOO_SHORT, "usable part " + Texts.span(from, to)
                    + " is below the minimum contact of " + Texts.duration(request.minimumContact()));
        }
        StringBuilder text = new StringBuilder();
        for (Blocker b : ranked) {
            text.append(text.isEmpty() ? "" : "; ").append(b.text());
        }
        if (best != null) {
            text.append("; leaves at most ").append(Texts.duration(best.duration()))
                    .append(", below the minimum contact of ").append(Texts.duration(request.minimumContact()));
        }
        return new Refusal(ranked.get(0).reason(), text.toString());
    }
}
