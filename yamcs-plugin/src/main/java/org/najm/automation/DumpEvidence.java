package org.najm.automation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The evidence of one DUMP_STORE in the downlink, and what it proves: the packets of the range played
 * back on tm_dump, the count the dump announced (DUMP_STARTED, DUMP_DONE), their CCSDS sequence counts
 * and complete tracklets. DUMP_STORE completing proves nothing by itself.
 *
 * <p>SCI_DETECTION goes only to the science store, so its sequence counts are consecutive there: a jump is
 * a gap, and only the prefix before the first gap is confirmed, up to the last whole second before it
 * (missing packets may share that second). The HK store samples BUS_HK every 10 s and also holds every
 * EVENT, so its counts say nothing: a HK range is confirmed whole when every packet announced arrived,
 * and not at all otherwise.
 *
 * <p>Fed from the stream threads, evaluated by the contact's thread.
 */
final class DumpEvidence {

    /** A played-back packet's key in the tm table (gentime, seqNum). */
    record PacketKey(long gentime, int seqNum) {
    }

    /** One played-back packet. trackletId is -1 for HK packets. */
    record Packet(long second, PacketKey key, int seqCount, long trackletId, int detIndex, int detCount) {
    }

    private static final int SEQ_MODULO = 0x4000;

    final Store store;
    final long from;
    final long to;
    private final List<Packet> packets = new ArrayList<>();
    private final Set<PacketKey> seen = new HashSet<>();
    private Integer started;
    private Integer done;

    DumpEvidence(Store store, long from, long to) {
        this.store = store;
        this.from = from;
        this.to = to;
    }

    /** A packet from tm_dump; ignored unless it is of this store and range, and new. */
    synchronized void packet(Store s, Packet p) {
        if (s == store && p.second() >= from && p.second() <= to && seen.add(p.key())) {
            packets.add(p);
        }
    }

    /** DUMP_STARTED "&lt;STORE&gt; DUMP &lt;from&gt;..&lt;to&gt;: &lt;n&gt; PACKETS"; only this range's counts. */
    synchronized void started(Store s, long rangeFrom, long rangeTo, int count) {
        if (s == store && rangeFrom == from && rangeTo == to) {
            started = count;
        }
    }

    /** DUMP_DONE "&lt;STORE&gt; DUMP DONE: &lt;n&gt; PACKETS"; only after this dump started (else another's). */
    synchronized void done(Store s, int count) {
        if (s == store && started != null) {
            done = count;
        }
    }

    synchronized Integer announced() {
        return started != null ? started : done;
    }

    synchronized int received() {
        return packets.size();
    }

    /** The keys of the packets received up to {@code second}: what the archive must hold. */
    synchronized Collection<PacketKey> keysThrough(long second) {
        return packets.stream().filter(p -> p.second() <= second).map(Packet::key).toList();
    }

    /** The onboard second of a received packet. */
    synchronized long secondOf(PacketKey key) {
        return packets.stream().filter(p -> p.key().equals(key)).mapToLong(Packet::second).findFirst()
                .orElse(from);
    }

    /**
     * What the evidence proves.
     *
     * @param expectedSeq the science store's sequence count expected first (-1: unknown)
     * @param cap         confirm nothing after this second (e.g. what the archive lacks), or Long.MAX_VALUE
     */
    synchronized DumpVerdict evaluate(int expectedSeq, long cap) {
        Integer n = announced();
        List<Gap> gaps = new ArrayList<>();
        StringBuilder note = new StringBuilder();
        if (started != null && done != null && !started.equals(done)) {
            note.append("DUMP_STARTED announced ").append(started).append(" packets, DUMP_DONE ").append(done)
                    .append("; ");
        }
        long confirmed = store == Store.HK ? evaluateHk(n, gaps) : evaluateScience(n, expectedSeq, gaps, note);
        if (cap < confirmed) {
            confirmed = cap;
        }
        confirmed = Math.max(from - 1, confirmed);
        return new DumpVerdict(confirmed, n, packets.size(), nextSeq(confirmed, expectedSeq), gaps,
                note.toString().replaceAll("; $", ""));
    }

    private long evaluateHk(Integer n, List<Gap> gaps) {
        if (n != null && packets.size() == n) {
            return to;
        }
        gaps.add(new Gap(store, from, to, n == null
                ? "no packet count announced (neither DUMP_STARTED nor DUMP_DONE arrived), " + packets.size()
                        + " packets received"
                : "received " + packets.size() + " of the " + n + " packets announced", false));
        return from - 1;
    }

    private long evaluateScience(Integer n, int expectedSeq, List<Gap> gaps, StringBuilder note) {
        if (packets.isEmpty()) {
            if (n != null && n == 0) {
                return to;
            }
            gaps.add(new Gap(store, from, to, n == null ? "nothing received and no packet count announced"
                    : "none of the " + n + " packets announced received", false));
            return from - 1;
        }
        int jump = firstJump();
        long confirmed;
        if (n != null && packets.size() == n && jump < 0) {
            confirmed = to;
            int first = packets.get(0).seqCount();
            if (expectedSeq >= 0 && first != expectedSeq) {
                note.append(Math.floorMod(first - expectedSeq, SEQ_MODULO)).append(" packets before sequence count ")
                        .append(first).append(" are no longer onboard (store overflow); ");
            }
        } else if (expectedSeq < 0 || packets.get(0).seqCount() != expectedSeq) {
            Packet first = packets.get(0);
            gaps.add(new Gap(store, from, first.second(), expectedSeq < 0
                    ? "the first sequence count of the range is not known, so packets before " + first.seqCount()
                            + " may be missing"
                    : "sequence count " + first.seqCount() + " first, " + expectedSeq + " expected", false));
            confirmed = from - 1;
        } else {
            int end = jump >= 0 ? jump : packets.size();
            Packet last = packets.get(end - 1);
            confirmed = last.second() - 1;
            String what;
            if (jump >= 0) {
                Packet next = packets.get(jump);
                what = "sequence count jumps from " + last.seqCount() + " to " + next.seqCount() + ": "
                        + (Math.floorMod(next.seqCount() - last.seqCount(), SEQ_MODULO) - 1) + " packets missing";
            } else {
                what = n == null ? "no packet count announced: the end of the range is not known"
                        : "received " + packets.size() + " of the " + n + " packets announced: the rest is missing";
            }
            gaps.add(new Gap(store, last.second(), jump >= 0 ? packets.get(jump).second() : to, what, false));
        }
        return capByTracklets(confirmed, gaps);
    }

    /** Index of the first packet whose sequence count does not follow its predecessor's, or -1. */
    private int firstJump() {
        for (int i = 1; i < packets.size(); i++) {
            if (Math.floorMod(packets.get(i).seqCount() - packets.get(i - 1).seqCount(), SEQ_MODULO) != 1) {
                return i;
            }
        }
        return -1;
    }

    /** A tracklet short of det_count detections ends the prefix before its second. */
    private long capByTracklets(long confirmed, List<Gap> gaps) {
        Map<Long, Set<Integer>> indexes = new LinkedHashMap<>();
        Map<Long, Packet> firstOf = new HashMap<>();
        for (Packet p : packets) {
            if (p.trackletId() >= 0 && p.second() <= confirmed) {
                indexes.computeIfAbsent(p.trackletId(), k -> new HashSet<>()).add(p.detIndex());
                firstOf.putIfAbsent(p.trackletId(), p);
            }
        }
        long c = confirmed;
        for (var e : indexes.entrySet()) {
            Packet p = firstOf.get(e.getKey());
            if (e.getValue().size() < p.detCount() && p.second() - 1 < c) {
                c = p.second() - 1;
                gaps.add(new Gap(store, p.second(), p.second(), "tracklet " + e.getKey() + " has "
                        + e.getValue().size() + " of its " + p.detCount() + " detections", false));
            }
        }
        return c;
    }

    /** The science sequence count after the last packet confirmed; unchanged when none was. */
    private int nextSeq(long confirmed, int expectedSeq) {
        if (store != Store.SCIENCE) {
            return -1;
        }
        int next = expectedSeq;
        for (Packet p : packets) {
            if (p.second() <= confirmed) {
                next = (p.seqCount() + 1) % SEQ_MODULO;
            }
        }
        return next;
    }
}
