package org.najm.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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

    /** A stretch of time the pass cannot use, and why. */
    private record Blocker(Instant start, Instant end, RejectionReason reason, String text) {
        Duration overlapWith(Instant from, Instant to) {
            Instant s = start.isAfter(from) ? start : from;
            Instant e = end.isBefore(to) ? end : to;
            return s.isBefore(e) ? Duration.between(s, e) : Duration.ZERO;
        }
    }

    private final PlanningRequest request;
    private final PlanState state;

    Placement(PlanningRequest request, PlanState state) {
        this.request = request;
        this.state = state;
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
        return refusal(from, to, blockers, best);
    }

    private List<Blocker> blockers(Pass pass, Instant from, Instant to) {
        List<Blocker> out = new ArrayList<>();
        Duration t = request.turnaround();
        for (Contact c : state.atStation(pass.station())) {
            Instant s = c.start().minus(t);
            Instant e = c.end().plus(t);
            if (s.isBefore(to) && e.isAfter(from)) {
                out.add(new Blocker(s, e, RejectionReason.ANTENNA_CONFLICT, pass.station() + " antenna busy with "
                        + c.spacecraft() + " " + Texts.span(c.start(), c.end()) + " (+" + t.toSeconds()
                        + " s turnaround)"));
            }
        }
        boolean handover = request.parameters().handoverAllowed();
        for (Contact c : state.ofSpacecraft(pass.spacecraft())) {
            // same station: already covered, with its turnaround, by the antenna rule above
            // without hand-over, even touching counts: back to back would be a hand-over
            boolean meets = handover ? c.overlaps(from, to) : !c.start().isAfter(to) && !c.end().isBefore(from);
            if (!c.station().equals(pass.station()) && meets) {
                String text = pass.spacecraft() + " already in contact with " + c.station() + " "
                        + Texts.span(c.start(), c.end()) + " (one station at a time"
                        + (handover ? ")" : "; hand-over not allowed)");
                // without hand-over the pass may not be trimmed to continue the other contact
                out.add(handover ? new Blocker(c.start(), c.end(), RejectionReason.SPACECRAFT_ALREADY_SERVED, text)
                        : new Blocker(from, to, RejectionReason.SPACECRAFT_ALREADY_SERVED, text));
            }
        }
        for (Unavailability u : request.unavailability()) {
            if (u.station().equals(pass.station()) && u.overlaps(from, to)) {
                out.add(new Blocker(u.start(), u.end(), RejectionReason.STATION_UNAVAILABLE, pass.station()
                        + " unavailable " + Texts.span(u.start(), u.end()) + " (" + u.reason() + ")"));
            }
        }
        return out;
    }

    /** The longest stretch of [from, to) no blocker covers; the earliest of equally long ones; null if none. */
    private static Window longestFree(Instant from, Instant to, List<Blocker> blockers) {
        List<Blocker> sorted = blockers.stream().sorted(Comparator.comparing(Blocker::start)).toList();
        Window best = null;
        Instant cursor = from;
        for (Blocker b : sorted) {
            best = longer(best, cursor, b.start().isBefore(to) ? b.start() : to);
            if (b.end().isAfter(cursor)) {
                cursor = b.end();
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
    private Refusal refusal(Instant from, Instant to, List<Blocker> blockers, Window best) {
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
