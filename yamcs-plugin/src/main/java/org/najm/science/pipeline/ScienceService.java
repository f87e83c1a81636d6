package org.najm.science.pipeline;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.science.DetectionDecoder;
import org.najm.science.ades.ObservationContext;
import org.najm.science.delivery.ArchiveClient;
import org.najm.science.delivery.ArchiveForwarder;
import org.najm.science.delivery.Outbox;
import org.najm.science.intake.DetectionJournal;
import org.najm.science.neo.PopulationPrior;
import org.najm.science.neo.StatisticalRanging;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.events.EventProducer;
import org.yamcs.events.EventProducerFactory;
import org.yamcs.mdb.MdbFactory;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.StreamSubscriber;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Science to the asteroid-tracking archive, a global service: SCI_DETECTION packets played back by any spacecraft
 * go through the {@link SciencePipeline} (tracklets, ADES submissions validated against submit.xsd, the durable
 * {@link Outbox}) and the {@link ArchiveForwarder} delivers them. This class wires the parts to Yamcs: its
 * configuration, the tm_dump stream of each spacecraft's instance, the timer and the HTTP API.
 *
 * <p>Nothing is lost across a restart: a detection of a tracklet still incomplete is in the
 * {@link DetectionJournal} until its tracklet is queued, and what is queued or delivered is known from the outbox,
 * so a repeated dump is recognised and not sent twice.
 */
public class ScienceService extends AbstractYamcsService {

    private Constellation constellation;
    private Outbox outbox;
    private DetectionJournal journal;
    private SubmissionWriter submissions;
    private Set<String> sent;
    private int batchMaxTracklets;
    private Duration batchMaxAge;
    private Duration holdTime;
    private double fastLaneScore;
    private CompletableFuture<StatisticalRanging> ranging;
    private ArchiveForwarder forwarder;
    private SciencePipeline pipeline;
    private final List<Stream> streams = new ArrayList<>();
    private final Map<Stream, String> spacecraftByStream = new HashMap<>();
    private final StreamSubscriber subscriber = new StreamSubscriber() {
        @Override
        public void onTuple(Stream stream, Tuple t) {
            pipeline.received(spacecraftByStream.get(stream), (byte[]) t.getColumn("packet"));
        }

        @Override
        public void streamClosed(Stream stream) {
        }
    };
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("najm-science", true));
    /** Scores complete tracklets, in order, off the streams' threads. */
    private final ExecutorService scoring = Executors.newSingleThreadExecutor(
            new DefaultThreadFactory("najm-neo-score", true));

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("outboxDir", OptionType.STRING)
                .withDescription("Default: <dataDir>/najm/science");
        spec.addOption("archiveUrl", OptionType.STRING).withRequired(true);
        spec.addOption("ack", OptionType.STRING).withDefault("NAJM");
        spec.addOption("ac2", OptionType.STRING).withRequired(true);
        spec.addOption("objType", OptionType.STRING).withDefault("Unclassified");
        spec.addOption("timeoutSeconds", OptionType.INTEGER).withDefault(10);
        spec.addOption("retryInitialSeconds", OptionType.FLOAT).withDefault(1.0);
        spec.addOption("retryMaxSeconds", OptionType.FLOAT).withDefault(60.0);
        spec.addOption("batchMaxTracklets", OptionType.INTEGER).withDefault(20);
        spec.addOption("batchMaxAgeSeconds", OptionType.FLOAT).withDefault(10.0);
        spec.addOption("holdSeconds", OptionType.FLOAT).withDefault(600.0)
                .withDescription("An incomplete tracklet older than this is reported (and still held)");
        spec.addOption("neoFastLaneScore", OptionType.FLOAT).withDefault(65.0)
                .withDescription("A tracklet of at least this NEO score (0-100) leaves at once in its own submission");
        spec.addOption("neoSamples", OptionType.INTEGER).withDefault(StatisticalRanging.DEFAULT_SAMPLES)
                .withDescription("Statistical-ranging samples per tracklet");
        Spec ctx = new Spec();
        ctx.addOption("submitter", OptionType.STRING).withRequired(true);
        ctx.addOption("institution", OptionType.STRING).withRequired(true);
        ctx.addOption("measurers", OptionType.LIST).withElementType(OptionType.STRING).withRequired(true);
        ctx.addOption("telescopeDesign", OptionType.STRING).withRequired(true);
        ctx.addOption("aperture", OptionType.FLOAT).withRequired(true);
        ctx.addOption("detector", OptionType.STRING).withDefault("CCD");
        ctx.addOption("astCat", OptionType.STRING).withDefault("Gaia3");
        ctx.addOption("observatoryName", OptionType.STRING).withDefault("{spacecraft} space telescope")
                .withDescription("{spacecraft} and {stn} are replaced");
        spec.addOption("observationContext", OptionType.MAP).withSpec(ctx).withRequired(true);
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        fastLaneScore = config.getDouble("neoFastLaneScore");
        if (!(fastLaneScore > 0 && fastLaneScore <= 100)) {
            throw new InitException("neoFastLaneScore must be a NEO score in (0, 100], not " + fastLaneScore);
        }
        int samples = config.getInt("neoSamples");
        if (samples < 16) {
            throw new InitException("neoSamples must be at least 16, not " + samples);
        }
        // built on the scoring thread (the prior's normalisation takes a moment): start-up does not wait for it
        ranging = CompletableFuture.supplyAsync(() -> new StatisticalRanging(PopulationPrior.standard(), samples),
                scoring);
        constellation = NajmContext.constellation();
        Path dir = config.containsKey("outboxDir") ? Path.of(config.getString("outboxDir"))
                : YamcsServer.getServer().getDataDirectory().resolve("najm").resolve("science");
        batchMaxTracklets = config.getInt("batchMaxTracklets");
        batchMaxAge = seconds(config.getDouble("batchMaxAgeSeconds"));
        holdTime = seconds(config.getDouble("holdSeconds"));
        YConfiguration c = config.getConfig("observationContext");
        var context = new ObservationContext(c.getString("submitter"), c.getString("institution"),
                c.getList("measurers"), c.getString("telescopeDesign"), c.getDouble("aperture"),
                c.getString("detector"), c.getString("astCat"), c.getString("observatoryName"));
        Map<String, String> stationCodes = new HashMap<>();
        constellation.spacecraft().forEach(sc -> stationCodes.put(sc.name(), sc.stationCode()));
        try {
            outbox = new Outbox(dir);
            journal = new DetectionJournal(dir.resolve("incomplete"));
            submissions = new SubmissionWriter(context, stationCodes, outbox, dir.resolve("invalid"));
            sent = new HashSet<>(outbox.queuedOrDelivered());
        } catch (IOException e) {
            throw new InitException("Cannot open the science outbox " + dir + ": " + e.getMessage(), e);
        }
        var client = new ArchiveClient(new ArchiveClient.Settings(URI.create(config.getString("archiveUrl")),
                config.getString("ack"), config.getString("ac2"), config.getString("objType"),
                Duration.ofSeconds(config.getInt("timeoutSeconds"))));
        forwarder = new ArchiveForwarder(outbox, client, seconds(config.getDouble("retryInitialSeconds")),
                seconds(config.getDouble("retryMaxSeconds")), d -> pipeline.delivered(d));
    }

    @Override
    protected void doStart() {
        // The instances (their MDBs and event streams) exist from here on: SpacecraftInstances starts first.
        Map<String, DetectionDecoder> decoders = new LinkedHashMap<>();
        Map<String, EventProducer> events = new HashMap<>();
        for (Spacecraft sc : constellation.spacecraft()) {
            events.put(sc.name(), EventProducerFactory.getEventProducer(sc.instance(), "science", 10000));
            try {
                decoders.put(sc.name(), new DetectionDecoder(MdbFactory.getInstance(sc.instance())));
            } catch (RuntimeException e) {
                notifyFailed(new InitException("Cannot decode SCI_DETECTION with the MDB of " + sc.instance() + ": "
                        + e.getMessage(), e));
                return;
            }
        }
        pipeline = new SciencePipeline(log, decoders, events, journal, submissions, forwarder::wake,
                new TrackletBatch(batchMaxTracklets, batchMaxAge), holdTime, sent, ranging::join, fastLaneScore,
                scoring);
        try {
            pipeline.replay(journal.entries(decoders.keySet()));
        } catch (IOException e) {
            notifyFailed(e);
            return;
        }
        for (Spacecraft sc : constellation.spacecraft()) {
            var ydb = YarchDatabase.getInstance(sc.instance());
            Stream s = ydb == null ? null : ydb.getStream("tm_dump");
            if (s == null) {
                notifyFailed(new InitException("No tm_dump stream in instance " + sc.instance()));
                return;
            }
            spacecraftByStream.put(s, sc.name());
            s.addSubscriber(subscriber);
            streams.add(s);
        }
        forwarder.start();
        timer.scheduleWithFixedDelay(pipeline::housekeeping, 1, 1, TimeUnit.SECONDS);
        notifyStarted();
    }

    @Override
    protected void doStop() {
        streams.forEach(s -> s.removeSubscriber(subscriber));
        timer.shutdownNow();
        // what is being scored is batched before the last flush; what is not is journalled: replayed at start
        scoring.shutdown();
        try {
            if (!scoring.awaitTermination(10, TimeUnit.SECONDS)) {
                scoring.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        forwarder.stop();
        if (pipeline != null) {
            pipeline.flush();
        }
        notifyStopped();
    }

    // --- for ScienceApi

    /** Queues again what the Yamcs archive holds for a spacecraft over [start, stop). */
    SciencePipeline.Redelivered redeliver(Spacecraft sc, Instant start, Instant stop) {
        return pipeline.redeliver(sc, start, stop);
    }

    Map<String, SpacecraftCounters> counters() {
        return pipeline.counters();
    }

    /** Every complete tracklet known: in the outbox (with its submission) and waiting in the batch. */
    List<TrackletIndex.Entry> tracklets() throws IOException {
        return TrackletIndex.entries(outbox, pipeline.waiting());
    }

    /**
     * Per spacecraft, the fast lane's (or the batches') tracklets queued and acknowledged, and their latency from
     * completion at the MOC to the archive's acknowledgement; from the outbox, so across restarts.
     */
    public Map<String, TrackletIndex.LaneFigures> laneFigures(boolean fastLane) throws IOException {
        return TrackletIndex.lane(tracklets(), fastLane ? TrackletRecord.Lane.FAST : TrackletRecord.Lane.BATCH,
                constellation.spacecraft().stream().map(Spacecraft::name).toList());
    }

    double fastLaneScore() {
        return fastLaneScore;
    }

    int incomplete(String spacecraft) {
        return pipeline.incomplete(spacecraft);
    }

    int overdue(String spacecraft) {
        return pipeline.overdue(spacecraft);
    }

    public Outbox outbox() {
        return outbox;
    }

    ArchiveForwarder forwarder() {
        return forwarder;
    }

    int invalidCount() {
        return submissions.invalidCount();
    }

    Constellation constellation() {
        return constellation;
    }

    /** The running service (after a restart through Yamcs' services API, the new one). */

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
