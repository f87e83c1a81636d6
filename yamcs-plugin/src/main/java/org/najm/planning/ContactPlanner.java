package org.najm.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

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
 * The scores are exact, not a lazy approximation: each spacecraft's science + fairness term is cached and
 * recomputed after every booking (the only event that changes it; {@link ContactScoring.Shares}), a queue
 * is its candidates sorted once plus a heap of re-scored ones, and conflicts are looked up by binary search
 * in the per-station and per-spacecraft contacts sorted by start ({@link PlanState.Timeline}). Rejection
 * sentences are written only for refused passes. A week of 100 spacecraft x 30 stations (~103,000 passes)
 * plans in about a second, with the same plan as the straightforward version.
 * Everything is sorted on values, never on input order or hash order: same request, same plan.
 */
public final class ContactPlanner {

    /** A pass waiting to be planned, with the pass-dependent part of its score. */
    private record Candidate(Pass pass, int rank, Duration usable, double passScore) {
    }

    /** Best pass score first, then earlier AOS, station name, canonical rank (unique: a total order). */
    private static final Comparator<Candidate> WITHIN_SPACECRAFT = (a, b) -> {
        int c = Double.compare(b.passScore(), a.passScore());
        if (c == 0) {
            c = a.pass().aos().compareTo(b.pass().aos());
        }
        if (c == 0) {
            c = a.pass().station().compareTo(b.pass().station());
        }
        return c != 0 ? c : Integer.compare(a.rank(), b.rank());
    };

    public ContactPlan plan(PlanningRequest request) {
        PlanState state = new PlanState();
        request.lockedContacts().forEach(state::add);
        ContactScoring scoring = new ContactScoring(request);
        Placement placement = new Placement(request, state);
        PassScreening screening = new PassScreening(request);
        Set<Pass> lockedPasses = new HashSet<>();
        request.lockedContacts().forEach(c -> lockedPasses.add(c.pass()));
        // one queue per spacecraft, in name order
        Map<String, List<Candidate>> queues = new TreeMap<>();
        List<Pass> passes = request.passes().stream().sorted(PassOrder.CANONICAL).toList();
        // by canonical rank: the rejections come out in canonical order, with no sort of their own
        Rejection[] rejectedByRank = new Rejection[passes.size()];
        for (int rank = 0; rank < passes.size(); rank++) {
            Pass pass = passes.get(rank);
            if (lockedPasses.contains(pass)) {
                continue; // planned: it is the pass of a locked contact
            }
            Optional<Rejection> up = screening.screen(pass);
            if (up.isPresent()) {
                rejectedByRank[rank] = up.get();
                continue;
            }
            Duration usable = Duration.between(placement.usableStart(pass), pass.los());
            queues.computeIfAbsent(pass.spacecraft(), k -> new ArrayList<>())
                    .add(new Candidate(pass, rank, usable, scoring.passScore(pass, usable)));
        }

        List<Contact> planned = new ArrayList<>();
        Queues q = new Queues(queues, scoring, state);
        Candidate next;
        while ((next = q.best()) != null) {
            int sc = q.bestQueue;
            q.pollHead(sc);
            Placement.Outcome outcome = placement.place(next.pass());
            if (outcome instanceof Placement.Refusal r) {
                rejectedByRank[next.rank()] = new Rejection(next.pass(), r.reason(), r.message());
            } else if (outcome instanceof Placement.Window w) {
                if (w.duration().compareTo(next.usable()) < 0) {
                    // shortened by conflicts since it was scored: compete again with its real value
                    q.add(sc, new Candidate(next.pass(), next.rank(), w.duration(),
                            scoring.passScore(next.pass(), w.duration())));
                } else {
                    Contact c = Contact.of(next.pass(), w.start(), w.end(), false);
                    state.add(c);
                    planned.add(c);
                    q.booked(c.spacecraft()); // fairness: the mean and this spacecraft's share moved
                }
            }
        }
        List<Rejection> rejections = new ArrayList<>();
        for (Rejection r : rejectedByRank) {
            if (r != null) {
                rejections.add(r);
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
        PlanState.Timeline own = state.ofSpacecraft(c.spacecraft());
        boolean handover = false;
        for (int i = own.firstEndingFrom(c.start()); i < own.size() && !handover; i++) {
            Contact o = own.get(i);
            if (!o.start().isBefore(c.start())) {
                break; // ends after it starts
            }
            handover = !o.station().equals(c.station()) && o.end().equals(c.start());
        }
        return handover ? Contact.of(c.pass(), c.start(), c.end(), true) : c;
    }

    /**
     * The spacecraft queues with their heads and spacecraft scores cached: a choice compares one head per
     * spacecraft (tens to hundreds) instead of re-evaluating the fairness mean over all spacecraft for each
     * of them. The spacecraft scores are recomputed, exactly as {@link ContactScoring} defines them, after
     * every booking, the only event that changes them.
     */
    private static final class Queues {
        private final String[] names;
        private final Candidate[][] sorted; // each spacecraft's candidates as first scored, best first
        private final int[] next; // the first of them not yet taken
        private final PriorityQueue<Candidate>[] retried; // re-scored candidates
        private final Candidate[] heads;
        private final int[] shareIndex;
        private final double[] spacecraftScores;
        private final ContactScoring.Shares shares;
        int bestQueue = -1;

        @SuppressWarnings("unchecked")
        Queues(Map<String, List<Candidate>> queues, ContactScoring scoring, PlanState state) {
            int n = queues.size();
            names = queues.keySet().toArray(new String[0]);
            sorted = new Candidate[n][];
            next = new int[n];
            retried = new PriorityQueue[n];
            heads = new Candidate[n];
            shareIndex = new int[n];
            spacecraftScores = new double[n];
            shares = scoring.new Shares(state);
            int i = 0;
            for (List<Candidate> l : queues.values()) {
                sorted[i] = l.toArray(new Candidate[0]);
                Arrays.sort(sorted[i], WITHIN_SPACECRAFT);
                retried[i] = new PriorityQueue<>(WITHIN_SPACECRAFT);
                shareIndex[i] = shares.indexOf(names[i]);
                head(i);
                i++;
            }
            rescore();
        }

        /** After a contact of this spacecraft was booked: the fairness mean and its share moved. */
        void booked(String spacecraft) {
            shares.booked(spacecraft);
            rescore();
        }

        private void rescore() {
            double mean = shares.mean();
            for (int i = 0; i < names.length; i++) {
                spacecraftScores[i] = shareIndex[i] >= 0 ? shares.spacecraftScore(shareIndex[i], mean)
                        : shares.spacecraftScore(names[i], mean);
            }
        }

        private void head(int i) {
            Candidate a = next[i] < sorted[i].length ? sorted[i][next[i]] : null;
            Candidate b = retried[i].peek();
            heads[i] = a == null ? b : b == null || WITHIN_SPACECRAFT.compare(a, b) < 0 ? a : b;
        }

        void pollHead(int i) {
            if (next[i] < sorted[i].length && heads[i] == sorted[i][next[i]]) {
                next[i]++;
            } else {
                retried[i].poll();
            }
            head(i);
        }

        void add(int i, Candidate c) {
            retried[i].add(c);
            head(i);
        }

        /** The candidate with the highest score over all spacecraft queues, or null when all are empty. */
        Candidate best() {
            Candidate best = null;
            double bestScore = 0;
            bestQueue = -1;
            for (int i = 0; i < heads.length; i++) {
                Candidate head = heads[i];
                if (head == null) {
                    continue;
                }
                double score = head.passScore() + spacecraftScores[i];
                if (best == null || score > bestScore || score == bestScore && tieBreak(head, best) < 0) {
                    best = head;
                    bestScore = score;
                    bestQueue = i;
                }
            }
            return best;
        }
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
