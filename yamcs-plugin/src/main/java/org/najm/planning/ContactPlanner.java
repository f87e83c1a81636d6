package org.najm.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.najm.passes.Pass;

/**
 * Assigns passes to station antennas: a deterministic greedy by priority (as SatNOGS does), which is easy
 * to explain pass by pass, rather than an optimal but opaque conflict-graph / ILP solution.
 *
 * <ol>
 * <li>Locked contacts are booked first, exactly as given.</li>
 * <li>Passes that cannot be planned whatever else happens are rejected up front ({@link PassScreening}).</li>
 * <li>The remaining candidates are taken best score first (see {@link ContactScoring}); ties go to the
 * earlier AOS, then the spacecraft name, then the station name. The chosen pass gets the longest part of
 * it that keeps all rules ({@link Placement}), or a rejection if that part is under the minimum contact.
 * If conflicts shortened the pass since it was scored, it is re-scored and goes back in the queue
 * instead (bookings only ever shrink a pass, so scores only fall and this ends).</li>
 * </ol>
 *
 * Only the fairness term changes as contacts are booked, and it is the same for all passes of one
 * spacecraft, so candidates wait in one queue per spacecraft and each choice compares the queue heads.
 * Everything is sorted on values, never on input order or hash order: same request, same plan.
 */
public final class ContactPlanner {

    /** A pass waiting to be planned, with the pass-dependent part of its score. */
    private record Candidate(Pass pass, int rank, Duration usable, double passScore) {
    }

    private static final Comparator<Candidate> WITHIN_SPACECRAFT = Comparator
            .comparingDouble(Candidate::passScore).reversed()
            .thenComparing(c -> c.pass().aos()).thenComparing(c -> c.pass().station())
            .thenComparingInt(Candidate::rank);

    public ContactPlan plan(PlanningRequest request) {
        PlanState state = new PlanState();
        request.lockedContacts().forEach(state::add);
        ContactScoring scoring = new ContactScoring(request);
        Placement placement = new Placement(request, state);
        PassScreening screening = new PassScreening(request);
        Set<Pass> lockedPasses = new HashSet<>();
        request.lockedContacts().forEach(c -> lockedPasses.add(c.pass()));
        List<Rejection> rejections = new ArrayList<>();

        // one queue per spacecraft, in name order
        Map<String, TreeSet<Candidate>> queues = new TreeMap<>();
        List<Pass> passes = request.passes().stream().sorted(PassOrder.CANONICAL).toList();
        for (int rank = 0; rank < passes.size(); rank++) {
            Pass pass = passes.get(rank);
            if (lockedPasses.contains(pass)) {
                continue; // planned: it is the pass of a locked contact
            }
            Optional<Rejection> up = screening.screen(pass);
            if (up.isPresent()) {
                rejections.add(up.get());
                continue;
            }
            Duration usable = Duration.between(placement.usableStart(pass), pass.los());
            queues.computeIfAbsent(pass.spacecraft(), k -> new TreeSet<>(WITHIN_SPACECRAFT))
                    .add(new Candidate(pass, rank, usable, scoring.passScore(pass, usable)));
        }

        List<Contact> planned = new ArrayList<>();
        Candidate next;
        while ((next = best(queues, scoring, state)) != null) {
            queues.get(next.pass().spacecraft()).remove(next);
            Placement.Outcome outcome = placement.place(next.pass());
            if (outcome instanceof Placement.Refusal r) {
                rejections.add(new Rejection(next.pass(), r.reason(), r.message()));
            } else if (outcome instanceof Placement.Window w) {
                if (w.duration().compareTo(next.usable()) < 0) {
                    // shortened by conflicts since it was scored: compete again with its real value
                    queues.get(next.pass().spacecraft()).add(new Candidate(next.pass(), next.rank(), w.duration(),
                            scoring.passScore(next.pass(), w.duration())));
                } else {
                    Contact c = Contact.of(next.pass(), w.start(), w.end(), false);
                    state.add(c);
                    planned.add(c);
                }
            }
        }
        List<Contact> all = new ArrayList<>(request.lockedContacts());
        planned.forEach(c -> all.add(markHandover(c, state)));
        return ContactPlan.of(all, rejections, request.constellation());
    }

    /**
     * Flags a contact that starts where a contact of the same spacecraft at another station ends: the
     * planner trimmed it there on purpose (or the passes met exactly). Done once all contacts are known,
     * because the earlier contact of the pair may have been chosen last. Locked contacts keep their flag.
     */
    private static Contact markHandover(Contact c, PlanState state) {
        boolean handover = state.ofSpacecraft(c.spacecraft()).stream()
                .anyMatch(o -> !o.station().equals(c.station()) && o.end().equals(c.start()));
        return handover ? Contact.of(c.pass(), c.start(), c.end(), true) : c;
    }

    /** The candidate with the highest score over all spacecraft queues, or null when all are empty. */
    private static Candidate best(Map<String, TreeSet<Candidate>> queues, ContactScoring scoring, PlanState state) {
        Candidate best = null;
        double bestScore = 0;
        for (Map.Entry<String, TreeSet<Candidate>> q : queues.entrySet()) {
            if (q.getValue().isEmpty()) {
                continue;
            }
            Candidate head = q.getValue().first();
            double score = head.passScore() + scoring.spacecraftScore(q.getKey(), state);
            if (best == null || score > bestScore || score == bestScore && tieBreak(head, best) < 0) {
                best = head;
                bestScore = score;
            }
        }
        return best;
    }

    private static int tieBreak(Candidate a, Candidate b) {
        int c = a.pass().aos().compareTo(b.pass().aos());
        if (c == 0) {
            c = a.pass().spacecraft().compareTo(b.pass().spacecraft());
        }
        if (c == 0) {
            c = a.pass().station().compareTo(b.pass().station());
        }
        return c != 0 ? c : Integer.compare(a.rank(), b.rank());
    }
}
