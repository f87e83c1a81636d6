package org.najm.accountability;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.science.delivery.Outbox;
import org.najm.science.pipeline.ScienceService;
import org.najm.science.pipeline.TrackletIndex;
import org.najm.time.SimClocks;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Processor;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.StandardTupleDefinitions;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.events.EventProducer;
import org.yamcs.events.EventProducerFactory;
import org.yamcs.mdb.MdbFactory;
import org.yamcs.parameter.ParameterValue;
import org.yamcs.parameter.Value;
import org.yamcs.protobuf.Event.EventSeverity;
import org.yamcs.xtce.Parameter;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.StreamSubscriber;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;
import org.yamcs.yarch.protobuf.Db.Event;
import org.yamcs.yarch.streamsql.StreamSqlResult;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Science accountability, a global service: for each spacecraft, what was detected onboard, what
 * reached the ground, went out in ADES, was acknowledged by the archive and was freed onboard; what
 * is outstanding at each step and how long the oldest has waited (mission time); a WARNING event in
 * the spacecraft's instance when anything has waited longer than {@code outstandingWarningMinutes}.
 * <p>
 * Every figure comes from something durable, so it survives a restart of the MOC: the tm archive
 * (received), the science outbox (ADES, acknowledged), and a small tally file per spacecraft of what
 * only telemetry tells (PAYLOAD_HK's detection counter per boot, STORE_DELETED, STORE_OVERFLOW). The
 * ages start again at a restart: when an item arrived is not archived.
 */
public class AccountabilityService extends AbstractYamcsService {

    /** One SCI_DETECTION packet in the store (ICD §4). */
    static final int DETECTION_OCTETS = 91;
    private static final Pattern DELETED = Pattern.compile("SCIENCE DELETED (\\d+) PACKETS");
    private static final String DETECTION_PARTITION = "/NAJM/SCI_DETECTION";

    private Duration warnAfter;
    private Path dir;
    private final Map<String, Tracked> tracked = new LinkedHashMap<>();
    private final List<Runnable> unsubscribe = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("najm-accountability", true));

    /** What the service follows of one spacecraft. */
    private static final class Tracked {
        final Spacecraft spacecraft;
        final OnboardTally tally;
        final Backlog downlink = new Backlog();
        final Backlog tracklet = new Backlog();
        final Backlog archive = new Backlog();
        volatile long boot = -1;
        volatile long scienceFill;
        volatile long hkFill;
        volatile ScienceAccount last;
        EventProducer events;
        boolean warned;

        Tracked(Spacecraft spacecraft, OnboardTally tally) {
            this.spacecraft = spacecraft;
            this.tally = tally;
        }
    }

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("outstandingWarningMinutes", OptionType.INTEGER).withDefault(360)
                .withDescription("A WARNING event when a detection has waited this long at a step (mission time)");
        spec.addOption("refreshSeconds", OptionType.INTEGER).withDefault(5)
                .withDescription("How often the figures are recomputed (wall clock)");
        spec.addOption("stateDir", OptionType.STRING)
                .withDescription("The tally files (default: <dataDir>/najm/accountability)");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        warnAfter = Duration.ofMinutes(config.getInt("outstandingWarningMinutes"));
        dir = config.containsKey("stateDir") ? Path.of(config.getString("stateDir"))
                : YamcsServer.getServer().getDataDirectory().resolve("najm").resolve("accountability");
        for (Spacecraft sc : NajmContext.constellation().spacecraft()) {
            Path file = dir.resolve(sc.name() + ".yaml");
            try {
                tracked.put(sc.name(), new Tracked(sc, OnboardTally.load(file)));
            } catch (IOException e) {
                throw new InitException("Cannot read the accountability tally " + file + ": " + e.getMessage()
                        + " (fix or move it; nothing was changed)", e);
            }
        }
    }

    /** Instances are made by SpacecraftInstances at its start, before this service starts. */
    @Override
    protected void doStart() {
        try {
            for (Tracked t : tracked.values()) {
                follow(t);
            }
        } catch (RuntimeException e) {
            notifyFailed(e);
            return;
        }
        long every = config.getInt("refreshSeconds");
        timer.scheduleWithFixedDelay(this::refreshAll, 0, every, TimeUnit.SECONDS);
        notifyStarted();
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
        unsubscribe.forEach(Runnable::run);
        notifyStopped();
    }

    private void follow(Tracked t) {
        String instance = t.spacecraft.instance();
        t.events = EventProducerFactory.getEventProducer(instance, "accountability", 10000);
        Processor processor = YamcsServer.getServer().getProcessor(instance, "realtime");
        if (processor == null) {
            throw new IllegalStateException("No realtime processor in " + instance);
        }
        var mdb = MdbFactory.getInstance(instance);
        Parameter detections = required(mdb.getParameter("/NAJM/detections"), instance);
        Parameter bootCount = required(mdb.getParameter("/NAJM/boot_count"), instance);
        Parameter scienceFill = required(mdb.getParameter("/NAJM/science_store_fill"), instance);
        Parameter hkFill = required(mdb.getParameter("/NAJM/hk_store_fill"), instance);
        var prm = processor.getParameterRequestManager();
        int id = prm.addRequest(List.of(bootCount, scienceFill, hkFill, detections), (sub, values) -> {
            for (ParameterValue v : values) {
                onParameter(t, v, detections, bootCount, scienceFill);
            }
        });
        unsubscribe.add(() -> prm.removeRequest(id));
        Stream events = YarchDatabase.getInstance(instance).getStream("events_realtime");
        if (events == null) {
            throw new IllegalStateException("No events_realtime stream in " + instance);
        }
        StreamSubscriber subscriber = new StreamSubscriber() {
            @Override
            public void onTuple(Stream s, Tuple tuple) {
                onEvent(t, (Event) tuple.getColumn(StandardTupleDefinitions.BODY_COLUMN));
            }
        };
        events.addSubscriber(subscriber);
        unsubscribe.add(() -> events.removeSubscriber(subscriber));
    }

    private static Parameter required(Parameter p, String instance) {
        if (p == null) {
            throw new IllegalStateException(instance + ": the MDB lacks a parameter accountability needs");
        }
        return p;
    }

    private void onParameter(Tracked t, ParameterValue v, Parameter detections, Parameter bootCount,
            Parameter scienceFill) {
        long value = longOf(v.getEngValue());
        if (v.getParameter() == bootCount) {
            t.boot = value;
        } else if (v.getParameter() == detections) {
            if (t.boot >= 0 && t.tally.detections(t.boot, value)) {
                save(t);
            }
        } else if (v.getParameter() == scienceFill) {
            t.scienceFill = value;
        } else {
            t.hkFill = value;
        }
    }

    /** Reads the integer types these parameters have (Yamcs 5.13.2's UInt64Value.toLong() refuses valid values). */
    private static long longOf(Value v) {
        return switch (v.getType()) {
        case UINT32 -> v.getUint32Value() & 0xFFFFFFFFL;
        case SINT32 -> v.getSint32Value();
        case UINT64 -> v.getUint64Value();
        case SINT64 -> v.getSint64Value();
        default -> throw new IllegalArgumentException("not an integer: " + v.getType());
        };
    }

    private void onEvent(Tracked t, Event ev) {
        if (ev == null || !ev.hasType() || !ev.hasMessage()) {
            return;
        }
        String key = ev.getGenerationTime() + " " + ev.getMessage();
        boolean changed = false;
        if (ev.getType().startsWith("STORE_DELETED")) {
            Matcher m = DELETED.matcher(ev.getMessage());
            changed = m.find() && t.tally.freed(key, Long.parseLong(m.group(1)));
        } else if (ev.getType().startsWith("STORE_OVERFLOW") && ev.getMessage().startsWith("SCIENCE")) {
            changed = t.tally.overflow(key);
        }
        if (changed) {
            save(t);
        }
    }

    private void save(Tracked t) {
        try {
            t.tally.save();
        } catch (IOException e) {
            log.error("Cannot save the accountability tally of {}: {}", t.spacecraft.name(), e.getMessage());
        }
    }

    private void refreshAll() {
        Outbox.DetectionCounts ades;
        Map<String, TrackletIndex.LaneFigures> fastLane;
        try {
            ScienceService science = NajmContext.running(ScienceService.class);
            ades = science.outbox().detectionCounts();
            fastLane = science.laneFigures(true);
        } catch (IOException | RuntimeException e) {
            log.warn("Accountability not refreshed: the science outbox cannot be read ({})", e.getMessage());
            return;
        }
        Instant now = SimClocks.shared().now();
        for (Tracked t : tracked.values()) {
            try {
                refresh(t, ades, fastLane.get(t.spacecraft.name()), now);
            } catch (RuntimeException e) {
                log.warn("Accountability of {} not refreshed: {}", t.spacecraft.name(), e.toString());
            }
        }
    }

    private void refresh(Tracked t, Outbox.DetectionCounts ades, TrackletIndex.LaneFigures fastLane, Instant now) {
        String code = t.spacecraft.stationCode();
        long received = receivedOnGround(t.spacecraft.instance());
        long made = Math.max(t.tally.made(), received);
        long inAdes = ades.pending().getOrDefault(code, 0L) + ades.delivered().getOrDefault(code, 0L);
        long acked = ades.delivered().getOrDefault(code, 0L);
        long onboard = t.scienceFill / DETECTION_OCTETS;
        t.downlink.update(made, received, now);
        t.tracklet.update(received, inAdes, now);
        t.archive.update(inAdes, acked, now);
        var account = new ScienceAccount(t.spacecraft.name(), made, received, inAdes, acked, t.tally.freed(),
                onboard, t.tally.overflows(), t.scienceFill, t.hkFill, made - received, t.downlink.oldest(now),
                received - inAdes, t.tracklet.oldest(now), inAdes - acked, t.archive.oldest(now),
                made - t.tally.freed() - onboard, fastLane);
        t.last = account;
        warnIfOverdue(t, account);
    }

    private void warnIfOverdue(Tracked t, ScienceAccount a) {
        boolean overdue = a.oldestOutstanding().compareTo(warnAfter) > 0;
        if (overdue && !t.warned) {
            t.events.sendEvent(t.events.newEvent().setSeverity(EventSeverity.WARNING).setType("SCIENCE_OUTSTANDING")
                    .setMessage(String.format("%s science outstanding for %d min (over %d): %d awaiting downlink,"
                            + " %d awaiting a tracklet, %d awaiting the archive", a.spacecraft(),
                            a.oldestOutstanding().toMinutes(), warnAfter.toMinutes(), a.awaitingDownlink(),
                            a.awaitingTracklet(), a.awaitingArchive()))
                    .build());
        }
        t.warned = overdue;
    }

    /** SCI_DETECTION packets in the instance's tm archive: each once (the table's key is time and count). */
    private static long receivedOnGround(String instance) {
        StreamSqlResult r;
        try {
            r = YarchDatabase.getInstance(instance).execute("select count(*) from tm where pname = ?",
                    DETECTION_PARTITION);
        } catch (Exception e) {
            throw new IllegalStateException("cannot count the archived detections of " + instance + ": " + e, e);
        }
        try {
            return r.hasNext() ? ((Number) r.next().getColumn(0)).longValue() : 0;
        } finally {
            r.close();
        }
    }

    /** The figures of every spacecraft, as last computed (null for one not computed yet). */
    public List<ScienceAccount> accounts() {
        return tracked.values().stream().map(t -> t.last).toList();
    }

    /** Recomputes now, for a caller that must see the newest figures. */
    public List<ScienceAccount> refreshNow() {
        try {
            return timer.submit(() -> {
                refreshAll();
                return accounts();
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("accountability could not be refreshed: " + e, e);
        }
    }
}
