package org.najm.science.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.najm.constellation.Spacecraft;
import org.najm.science.Detection;
import org.najm.science.DetectionDecoder;
import org.najm.science.Tracklet;
import org.najm.science.TrackletAssembler;
import org.najm.science.TrackletKey;
import org.najm.science.delivery.ArchiveClient;
import org.najm.science.delivery.ArchiveForwarder;
import org.najm.science.intake.DetectionJournal;
import org.najm.science.intake.Redelivery;
import org.najm.science.neo.NeoAssessment;
import org.najm.science.neo.StatisticalRanging;
import org.yamcs.events.EventProducer;
import org.yamcs.logging.Log;

/**
 * The SCI_DETECTION packets of every spacecraft to ADES submissions in the outbox: a detection is decoded and added
 * to its tracklet, journalled until the tracklet completes; complete tracklets are batched and submitted. Each step
 * is counted per spacecraft; what goes wrong is a Yamcs event of the spacecraft concerned (source "science").
 *
 * <p>Thread-safe: one lock, as packets arrive on the stream thread of each spacecraft's instance.
 */
final class SciencePipeline {

    /** What a re-delivery found and queued. */
    record Redelivered(int detections, int tracklets, String submission) {
    }

    private final Log log;
    private final Map<String, DetectionDecoder> decoders;
    private final Map<String, EventProducer> events;
    private final DetectionJournal journal;
    private final SubmissionWriter submissions;
    private final Runnable wakeForwarder;
    private final TrackletBatch batch;
    private final Duration holdTime;
    /** Keys of the tracklets queued or delivered: with the outbox's record, across restarts. */
    private final Set<String> sent;
    private final Map<String, TrackletAssembler> assemblers = new HashMap<>();
    private final Map<String, SpacecraftCounters> counters = new LinkedHashMap<>();
    private final Set<TrackletKey> reportedOverdue = new HashSet<>();
    private final Supplier<StatisticalRanging> ranging;
    private final double fastLaneScore;
    private final Executor scoring;
    /** The records of the tracklets waiting in the batch. */
    private final Map<TrackletKey, TrackletRecord> waiting = new LinkedHashMap<>();

    /**
     * @param decoders one per spacecraft, by name, in the constellation's order
     * @param events   one per spacecraft, by name
     * @param sent     the outbox's tracklet keys queued or delivered; the pipeline adds those it queues
     * @param fastLaneScore a tracklet scoring at least this leaves at once in a submission of its own
     * @param scoring  runs the scoring of complete tracklets, in order (one thread)
     */
    SciencePipeline(Log log, Map<String, DetectionDecoder> decoders, Map<String, EventProducer> events,
            DetectionJournal journal, SubmissionWriter submissions, Runnable wakeForwarder, TrackletBatch batch,
            Duration holdTime, Set<String> sent, Supplier<StatisticalRanging> ranging, double fastLaneScore,
            Executor scoring) {
        this.ranging = ranging;
        this.scoring = scoring;
        this.fastLaneScore = fastLaneScore;
        this.log = log;
        this.decoders = decoders;
        this.events = events;
        this.journal = journal;
        this.submissions = submissions;
        this.wakeForwarder = wakeForwarder;
        this.batch = batch;
        this.holdTime = holdTime;
        this.sent = sent;
        for (String sc : decoders.keySet()) {
            counters.put(sc, new SpacecraftCounters());
            assemblers.put(sc, new TrackletAssembler(key -> sent.contains(key.toString())));
        }
    }

    /** A packet of a spacecraft's tm_dump: the SCI_DETECTION ones go through the pipeline. */
    void received(String spacecraft, byte[] packet) {
        if (decoders.get(spacecraft).isDetection(packet)) {
            synchronized (this) {
                accept(spacecraft, packet, true);
            }
        }
    }

    /** The journal's packets, at start: they are journalled already. */
    synchronized void replay(List<DetectionJournal.Entry> entries) {
        for (DetectionJournal.Entry e : entries) {
            accept(e.spacecraft(), e.packet(), false);
        }
    }

    /** One SCI_DETECTION packet of a spacecraft; {@code journal}: record it until its tracklet is queued. */
    private void accept(String spacecraft, byte[] packet, boolean journal) {
        SpacecraftCounters n = counters.get(spacecraft);
        Detection d;
        try {
            d = decoders.get(spacecraft).decode(spacecraft, packet);
        } catch (IllegalArgumentException e) {
            n.detectionsUndecodable.incrementAndGet();
            events.get(spacecraft).sendWarning("SCIENCE_UNDECODABLE",
                    spacecraft + ": detection packet not decoded: " + e.getMessage());
            return;
        }
        n.detectionsReceived.incrementAndGet();
        var outcome = assemblers.get(spacecraft).add(d, Instant.now());
        switch (outcome.kind()) {
        case ACCEPTED -> {
            if (journal) {
                journal(d, packet);
            }
        }
        case COMPLETED -> {
            if (journal) {
                journal(d, packet); // the tracklet waits in the batch until it is queued
            }
            n.trackletsComplete.incrementAndGet();
            Tracklet tr = outcome.tracklet();
            Instant completed = Instant.now();
            // scored off the stream thread: a playback's packets are not held up by the ranging
            scoring.execute(() -> scored(tr, assess(tr), completed));
        }
        case DUPLICATE -> {
            n.detectionsDuplicate.incrementAndGet();
            if (sent.contains(d.key().toString())) {
                n.trackletsDuplicate.incrementAndGet();
            }
        }
        case INCONSISTENT -> {
            n.detectionsInconsistent.incrementAndGet();
            events.get(spacecraft).sendWarning("SCIENCE_INCONSISTENT", spacecraft + ": detection " + d.detIndex()
                    + " of tracklet " + d.trackletId() + " contradicts the ones held: " + outcome.reason());
        }
        }
    }

    /** A complete tracklet with its assessment: the fast lane, or the batch. */
    private synchronized void scored(Tracklet tr, NeoAssessment a, Instant completed) {
        if (a != null && a.score() >= fastLaneScore) {
            fastLane(tr, TrackletRecord.of(tr, a, TrackletRecord.Lane.FAST, completed));
        } else {
            waiting.put(tr.key(), TrackletRecord.of(tr, a, TrackletRecord.Lane.BATCH, completed));
            if (batch.add(tr, Instant.now())) {
                flush();
            }
        }
    }

    /** The tracklet's NEO assessment, or null (reported) if its motion cannot be fitted. */
    private NeoAssessment assess(Tracklet tr) {
        try {
            return ranging.get().assess(tr);
        } catch (RuntimeException e) {
            events.get(tr.spacecraft()).sendWarning("NEO_UNSCORED", tr.spacecraft() + ": tracklet "
                    + tr.key().trackletId() + " has no NEO score (" + e.getMessage() + "); it goes in the batch");
            return null;
        }
    }

    /** A likely near-Earth object: its own submission now, and the operators are told. */
    private void fastLane(Tracklet tr, TrackletRecord rec) {
        SpacecraftCounters n = counters.get(tr.spacecraft());
        n.trackletsFastLane.incrementAndGet();
        String id = queue(List.of(tr), List.of(rec), false);
        events.get(tr.spacecraft()).sendWarning("NEO_CANDIDATE", String.format(Locale.ROOT,
                "%s: tracklet %s (id %d) NEO score %.0f, most likely %s: %s", tr.spacecraft(), rec.trkSub(),
                tr.key().trackletId(), rec.score(), rec.orbitClass(),
                id == null ? "NOT queued (see the science events)" : "sent at once in submission " + id));
    }

    /** The records of the tracklets still waiting in the batch, oldest first. */
    synchronized List<TrackletRecord> waiting() {
        return List.copyOf(waiting.values());
    }

    private void journal(Detection d, byte[] packet) {
        try {
            journal.record(d.key(), packet);
        } catch (IOException e) {
            log.error("Cannot journal a detection of {}", d.key(), e);
        }
    }

    /** Turns the batch into one submission. */
    synchronized void flush() {
        if (!batch.isEmpty()) {
            List<Tracklet> tracklets = batch.take();
            List<TrackletRecord> records = tracklets.stream().map(tr -> waiting.get(tr.key())).toList();
            tracklets.forEach(tr -> waiting.remove(tr.key()));
            queue(tracklets, records, false);
        }
    }

    /** @return the submission's id, or null if it is not queued (invalid, or the outbox cannot be written) */
    private String queue(List<Tracklet> tracklets, List<TrackletRecord> records, boolean redelivery) {
        List<String> keys = tracklets.stream().map(tr -> tr.key().toString()).toList();
        Set<String> spacecraft = new HashSet<>();
        tracklets.forEach(tr -> spacecraft.add(tr.key().spacecraft()));
        try {
            var result = submissions.submit(tracklets, keys, records.stream().map(TrackletRecord::line).toList());
            if (result instanceof SubmissionWriter.Invalid invalid) {
                spacecraft.forEach(sc -> counters.get(sc).submissionsInvalid.incrementAndGet());
                String msg = "ADES submission of " + keys.size() + " tracklets fails submit.xsd, held in "
                        + invalid.file() + ": " + invalid.errors().get(0);
                spacecraft.forEach(sc -> events.get(sc).sendError("SCIENCE_INVALID", msg));
                return null;
            }
            if (!redelivery) {
                sent.addAll(keys);
                for (Tracklet tr : tracklets) {
                    journal.delete(tr.key());
                }
            }
            spacecraft.forEach(sc -> counters.get(sc).submissionsQueued.incrementAndGet());
            wakeForwarder.run();
            return ((SubmissionWriter.Queued) result).id();
        } catch (IOException e) {
            // The tracklets stay journalled: they are queued again after the problem is fixed.
            log.error("Cannot queue an ADES submission of {} tracklets", keys.size(), e);
            events.values().forEach(ev -> ev.sendCritical("SCIENCE_OUTBOX",
                    "Cannot write the science outbox: " + e.getMessage()));
            return null;
        }
    }

    /** The forwarder's report of one delivery attempt. */
    void delivered(ArchiveForwarder.Delivery d) {
        Set<String> spacecraft = new HashSet<>();
        for (String k : d.submission().trackletKeys()) {
            spacecraft.add(TrackletKey.parse(k).spacecraft());
        }
        if (d.result() instanceof ArchiveClient.Result.Accepted) {
            spacecraft.forEach(sc -> {
                SpacecraftCounters n = counters.get(sc);
                if (n != null) {
                    n.submissionsDelivered.incrementAndGet();
                }
            });
        }
        String id = d.submission().id();
        // One event per change of state, not per retry: an archive down for an hour is one warning.
        switch (d.outcome()) {
        case SET_ASIDE -> eventsOf(spacecraft).forEach(ev -> ev.sendError("SCIENCE_REFUSED",
                "The archive refused submission " + id + " (kept in rejected/): " + d.reason()));
        case FAILING -> eventsOf(spacecraft).forEach(ev -> ev.sendWarning("SCIENCE_DELIVERY_FAILING",
                "Cannot deliver submission " + id + " to the archive, kept pending and retried: " + d.reason()));
        case RECOVERED -> eventsOf(spacecraft).forEach(ev -> ev.sendInfo("SCIENCE_DELIVERY_RECOVERED",
                "The archive accepted submission " + id + " after failed attempts; delivery goes on"));
        default -> {
        }
        }
    }

    private List<EventProducer> eventsOf(Set<String> spacecraft) {
        return spacecraft.stream().map(events::get).filter(Objects::nonNull).toList();
    }

    /** Every second: a batch old enough leaves; an incomplete tracklet held too long is reported, once. */
    synchronized void housekeeping() {
        if (batch.due(Instant.now())) {
            flush();
        }
        for (var e : assemblers.entrySet()) {
            for (var held : e.getValue().overdue(Instant.now(), holdTime)) {
                if (reportedOverdue.add(held.key())) {
                    events.get(e.getKey()).sendWarning("TRACKLET_INCOMPLETE", e.getKey() + ": tracklet "
                            + held.key().trackletId() + " incomplete for over " + holdTime.toSeconds() + " s: " + held
                            + "; held, not sent (dump the missing detections to complete it)");
                }
            }
        }
    }

    /** Queues again what the Yamcs archive holds for a spacecraft over [start, stop). */
    synchronized Redelivered redeliver(Spacecraft sc, Instant start, Instant stop) {
        Redelivery.Found found = Redelivery.find(sc.instance(), sc.name(), decoders.get(sc.name()), start, stop);
        List<TrackletRecord> records = found.tracklets().stream()
                .map(tr -> TrackletRecord.of(tr, assess(tr), TrackletRecord.Lane.REDELIVERY, Instant.now())).toList();
        String id = found.tracklets().isEmpty() ? null : queue(found.tracklets(), records, true);
        return new Redelivered(found.detections(), found.tracklets().size(), id);
    }

    synchronized Map<String, SpacecraftCounters> counters() {
        return counters;
    }

    synchronized int incomplete(String spacecraft) {
        return assemblers.get(spacecraft).held().size();
    }

    synchronized int overdue(String spacecraft) {
        return assemblers.get(spacecraft).overdue(Instant.now(), holdTime).size();
    }
}
