package org.najm.science.pipeline;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.gateway.StationGateway;
import org.najm.http.NajmHttp;
import org.najm.science.Detection;
import org.najm.science.DetectionDecoder;
import org.najm.science.Tracklet;
import org.najm.science.TrackletAssembler;
import org.najm.science.TrackletKey;
import org.najm.science.ades.AdesValidator;
import org.najm.science.ades.AdesWriter;
import org.najm.science.ades.ObservationContext;
import org.najm.science.delivery.ArchiveClient;
import org.najm.science.delivery.ArchiveForwarder;
import org.najm.science.delivery.Outbox;
import org.najm.science.intake.DetectionJournal;
import org.najm.science.intake.Redelivery;
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

/**
 * Science to the asteroid-tracking archive, a global service: SCI_DETECTION packets played back
 * by any spacecraft are grouped into tracklets, complete tracklets become ADES submissions that
 * are validated against submit.xsd, queued in the durable {@link Outbox} and delivered by the
 * {@link ArchiveForwarder}. Every detection is accounted for per spacecraft.
 *
 * <p>Nothing is lost across a restart: a detection of a tracklet still incomplete is journalled
 * (raw packet) until its tracklet completes, and what is queued or delivered is known from the
 * outbox, so a repeated dump is recognised and not sent twice.
 */
public class ScienceService extends AbstractYamcsService {

    private Constellation constellation;
    private Outbox outbox;
    private DetectionJournal journal;
    private Path invalidDir;
    private final Set<String> sent = new HashSet<>();
    private final Map<String, TrackletAssembler> assemblers = new HashMap<>();
    private final Map<String, SpacecraftCounters> counters = new LinkedHashMap<>();
    private final List<Tracklet> batch = new ArrayList<>();
    private Instant batchStarted;
    private int batchMaxTracklets;
    private Duration batchMaxAge;
    private Duration holdTime;
    /** One per spacecraft, from the MDB of its instance. */
    private final Map<String, DetectionDecoder> decoders = new HashMap<>();
    private AdesWriter writer;
    private AdesValidator validator;
    private ObservationContext context;
    private ArchiveForwarder forwarder;
    /** Science events go to the instance of the spacecraft they concern (source "science"). */
    private final Map<String, EventProducer> events = new HashMap<>();
    private final Set<TrackletKey> reportedOverdue = new HashSet<>();
    private final List<Stream> streams = new ArrayList<>();
    private final StreamSubscriber subscriber = new StreamSubscriber() {
        @Override
        public void onTuple(Stream stream, Tuple t) {
            received(stream, t);
        }

        @Override
        public void streamClosed(Stream stream) {
        }
    };
    private final Map<Stream, String> spacecraftByStream = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "najm-science");
        t.setDaemon(true);
        return t;
    });

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
        constellation = StationGateway.get().constellation();
        Path dir = config.containsKey("outboxDir") ? Path.of(config.getString("outboxDir"))
                : YamcsServer.getServer().getDataDirectory().resolve("najm").resolve("science");
        batchMaxTracklets = config.getInt("batchMaxTracklets");
        batchMaxAge = seconds(config.getDouble("batchMaxAgeSeconds"));
        holdTime = seconds(config.getDouble("holdSeconds"));
        YConfiguration c = config.getConfig("observationContext");
        context = new ObservationContext(c.getString("submitter"), c.getString("institution"),
                c.getList("measurers"), c.getString("telescopeDesign"), c.getDouble("aperture"),
                c.getString("detector"), c.getString("astCat"), c.getString("observatoryName"));
        writer = new AdesWriter();
        validator = new AdesValidator();
        try {
            outbox = new Outbox(dir);
            journal = new DetectionJournal(dir.resolve("incomplete"));
            invalidDir = Files.createDirectories(dir.resolve("invalid"));
            sent.addAll(outbox.queuedOrDelivered());
        } catch (IOException e) {
            throw new InitException("Cannot open the science outbox " + dir + ": " + e.getMessage(), e);
        }
        for (Spacecraft sc : constellation.spacecraft()) {
            counters.put(sc.name(), new SpacecraftCounters());
            assemblers.put(sc.name(), new TrackletAssembler(key -> sent.contains(key(key))));
        }
        var client = new ArchiveClient(new ArchiveClient.Settings(URI.create(config.getString("archiveUrl")),
                config.getString("ack"), config.getString("ac2"), config.getString("objType"),
                Duration.ofSeconds(config.getInt("timeoutSeconds"))));
        forwarder = new ArchiveForwarder(outbox, client, seconds(config.getDouble("retryInitialSeconds")),
                seconds(config.getDouble("retryMaxSeconds")), this::delivered);
        NajmHttp.addApi(new ScienceApi());
    }

    @Override
    protected void doStart() {
        // The instances (their MDBs and event streams) exist from here on: SpacecraftInstances starts first.
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
        try {
            replayJournal();
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
        timer.scheduleWithFixedDelay(this::housekeeping, 1, 1, TimeUnit.SECONDS);
        notifyStarted();
    }

    @Override
    protected void doStop() {
        streams.forEach(s -> s.removeSubscriber(subscriber));
        timer.shutdownNow();
        forwarder.stop();
        synchronized (this) {
            flush();
        }
        notifyStopped();
    }

    private void received(Stream stream, Tuple t) {
        byte[] packet = (byte[]) t.getColumn("packet");
        String spacecraft = spacecraftByStream.get(stream);
        if (!decoders.get(spacecraft).isDetection(packet)) {
            return;
        }
        synchronized (this) {
            accept(spacecraft, packet, true);
        }
    }

    /** One SCI_DETECTION packet of a spacecraft; {@code journal}: record it until its tracklet completes. */
    private void accept(String spacecraft, byte[] packet, boolean journal) {
        SpacecraftCounters n = counters.get(spacecraft);
        Detection d;
        try {
            d = decoders.get(spacecraft).decode(spacecraft, packet);
        } catch (IllegalArgumentException e) {
            n.detectionsUndecodable.incrementAndGet();
            events.get(spacecraft).sendWarning("SCIENCE_UNDECODABLE", spacecraft + ": detection packet not decoded: " + e.getMessage());
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
            Tracklet tracklet = outcome.tracklet();
            batch.add(tracklet);
            if (batchStarted == null) {
                batchStarted = Instant.now();
            }
            if (batch.size() >= batchMaxTracklets) {
                flush();
            }
        }
        case DUPLICATE -> {
            n.detectionsDuplicate.incrementAndGet();
            if (sent.contains(key(d.key()))) {
                n.trackletsDuplicate.incrementAndGet();
            }
        }
        case INCONSISTENT -> {
            n.detectionsInconsistent.incrementAndGet();
            events.get(spacecraft).sendWarning("SCIENCE_INCONSISTENT", spacecraft + ": detection " + d.detIndex() + " of tracklet "
                    + d.trackletId() + " contradicts the ones held: " + outcome.reason());
        }
        }
    }

    /** Turns the batch into one validated ADES submission in the outbox. Holds the service lock. */
    private void flush() {
        if (batch.isEmpty()) {
            return;
        }
        List<Tracklet> tracklets = List.copyOf(batch);
        batch.clear();
        batchStarted = null;
        queue(tracklets, false);
    }

    private String queue(List<Tracklet> tracklets, boolean redelivery) {
        Map<String, String> codes = new HashMap<>();
        constellation.spacecraft().forEach(sc -> codes.put(sc.name(), sc.stationCode()));
        String xml = writer.write(tracklets, context, codes);
        List<String> keys = tracklets.stream().map(tr -> key(tr.key())).toList();
        Set<String> spacecraft = new HashSet<>();
        tracklets.forEach(tr -> spacecraft.add(tr.key().spacecraft()));
        List<String> errors = validator.errors(xml);
        try {
            if (!errors.isEmpty()) {
                Path f = invalidDir.resolve(Instant.now().toEpochMilli() + ".xml");
                Files.writeString(f, xml);
                Files.writeString(f.resolveSibling(f.getFileName() + ".errors"), String.join("\n", errors));
                spacecraft.forEach(sc -> counters.get(sc).submissionsInvalid.incrementAndGet());
                String msg = "ADES submission of " + keys.size() + " tracklets fails submit.xsd, held in " + f
                        + ": " + errors.get(0);
                spacecraft.forEach(sc -> events.get(sc).sendError("SCIENCE_INVALID", msg));
                return null;
            }
            var s = outbox.enqueue(xml, keys);
            if (!redelivery) {
                sent.addAll(keys);
                for (Tracklet tr : tracklets) {
                    journal.delete(tr.key());
                }
            }
            spacecraft.forEach(sc -> counters.get(sc).submissionsQueued.incrementAndGet());
            forwarder.wake();
            return s.id();
        } catch (IOException e) {
            // The tracklets stay journalled: they are queued again after the problem is fixed.
            log.error("Cannot queue an ADES submission of {} tracklets", keys.size(), e);
            events.values().forEach(ev -> ev.sendCritical("SCIENCE_OUTBOX",
                    "Cannot write the science outbox: " + e.getMessage()));
            return null;
        }
    }

    private void delivered(ArchiveForwarder.Delivery d) {
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
        } else if (d.result() instanceof ArchiveClient.Result.Refused r) {
            spacecraft.stream().map(events::get).filter(java.util.Objects::nonNull).forEach(ev -> ev.sendError(
                    "SCIENCE_REFUSED", "The archive refused submission " + d.submission().id()
                            + " (kept in rejected/): " + r.reason()));
        }
    }

    private void housekeeping() {
        synchronized (this) {
            if (batchStarted != null && Duration.between(batchStarted, Instant.now()).compareTo(batchMaxAge) >= 0) {
                flush();
            }
            for (var e : assemblers.entrySet()) {
                for (var held : e.getValue().overdue(Instant.now(), holdTime)) {
                    if (reportedOverdue.add(held.key())) {
                        events.get(e.getKey()).sendWarning("TRACKLET_INCOMPLETE", e.getKey() + ": tracklet " + held.key().trackletId()
                                + " incomplete for over " + holdTime.toSeconds() + " s: " + held
                                + "; held, not sent (dump the missing detections to complete it)");
                    }
                }
            }
        }
    }

    /** Records a detection until its tracklet is queued: the journal survives a restart of the MOC. */
    private void journal(Detection d, byte[] packet) {
        try {
            journal.record(d.key(), packet);
        } catch (IOException e) {
            log.error("Cannot journal a detection of {}", d.key(), e);
        }
    }

    private void replayJournal() throws IOException {
        List<DetectionJournal.Entry> entries = journal.entries(counters.keySet());
        synchronized (this) {
            for (DetectionJournal.Entry e : entries) {
                accept(e.spacecraft(), e.packet(), false);
            }
        }
    }

    /** Queues again what the Yamcs archive holds for a spacecraft over [start, stop). */
    public synchronized RedeliveryResult redeliver(Spacecraft sc, Instant start, Instant stop) {
        Redelivery.Found found = Redelivery.find(sc.instance(), sc.name(), decoders.get(sc.name()), start, stop);
        String id = found.tracklets().isEmpty() ? null : queue(found.tracklets(), true);
        return new RedeliveryResult(found.detections(), found.tracklets().size(), id);
    }

    /** What a re-delivery found and queued. */
    public record RedeliveryResult(int detections, int tracklets, String submission) {
    }

    // --- accounting

    synchronized Map<String, SpacecraftCounters> counters() {
        return counters;
    }

    synchronized int incomplete(String spacecraft) {
        return assemblers.get(spacecraft).held().size();
    }

    synchronized int overdue(String spacecraft) {
        return assemblers.get(spacecraft).overdue(Instant.now(), holdTime).size();
    }

    Outbox outbox() {
        return outbox;
    }

    ArchiveForwarder forwarder() {
        return forwarder;
    }

    int invalidCount() {
        try (java.util.stream.Stream<Path> s = Files.list(invalidDir)) {
            return (int) s.filter(p -> p.toString().endsWith(".xml")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    Constellation constellation() {
        return constellation;
    }

    /** The running service (after a restart through Yamcs' services API, the new one). */
    static ScienceService running() {
        ScienceService s = YamcsServer.getServer().getGlobalService(ScienceService.class);
        if (s == null || !s.isRunning()) {
            throw new org.yamcs.http.ServiceUnavailableException("The science service is not running");
        }
        return s;
    }

    static String key(TrackletKey k) {
        return k.toString();
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }
}
