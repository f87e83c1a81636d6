package org.najm.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.najm.context.NajmContext;
import org.yamcs.ConfigurationException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.parameter.ParameterValue;
import org.yamcs.parameter.SystemParametersService;
import org.yamcs.protobuf.Yamcs.Value.Type;
import org.yamcs.tctm.ccsds.AbstractTmFrameLink;
import org.yamcs.time.Instant;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.utils.ValueUtility;
import org.yamcs.xtce.Parameter;

/**
 * A spacecraft's TM frame link, fed by the {@link StationGateway} instead of a socket of its own.
 *
 * <p>Frames wait in a bounded hand-off queue, so the gateway's receiving thread never waits for
 * decoding, and each spacecraft decodes on its own thread (four instances use both cores).
 * Duplicates from overlapping passes are dropped here; everything after that is Yamcs' own
 * frame, packet and XTCE processing.
 */
public class GatewayTmFrameLink extends AbstractTmFrameLink implements Runnable {

    private static final ReceivedFrame POISON = new ReceivedFrame(-1, new byte[0], 0);

    private int spacecraftId;
    private BlockingQueue<ReceivedFrame> queue;
    private DuplicateFrameFilter duplicates;
    private final AtomicLong duplicateCount = new AtomicLong();
    private StationGateway gateway;
    private Thread thread;
    private final FrameSink sink = this::offer;
    /** Reception time (Yamcs time) of the last frame decoded: the spacecraft displays show it. */
    private volatile long lastFrameTime = TimeEncoding.INVALID_INSTANT;
    private Parameter spStation;
    private Parameter spLastFrameTime;

    public GatewayTmFrameLink() {
    }

    /** The hand-off alone, sized as {@link #init} sizes it: unit tests, without a Yamcs server. */
    GatewayTmFrameLink(int queueSize, int duplicateWindow) {
        sizeHandOff(queueSize, duplicateWindow);
    }

    private void sizeHandOff(int queueSize, int duplicateWindow) {
        queue = new ArrayBlockingQueue<>(queueSize);
        duplicates = new DuplicateFrameFilter(duplicateWindow);
    }

    @Override
    public Spec getSpec() {
        Spec spec = getDefaultSpec();
        spec.addOption("queueSize", OptionType.INTEGER).withDefault(20000)
                .withDescription("Frames waiting for decoding before the gateway drops them (QUEUE_FULL)");
        spec.addOption("duplicateWindow", OptionType.INTEGER).withDefault(1024);
        return spec;
    }

    @Override
    public void init(String instance, String name, YConfiguration config) throws ConfigurationException {
        super.init(instance, name, config);
        spacecraftId = config.getInt("spacecraftId");
        sizeHandOff(config.getInt("queueSize"), config.getInt("duplicateWindow"));
    }

    FrameDropReason offer(ReceivedFrame frame) {
        if (isDisabled()) {
            return FrameDropReason.LINK_DOWN;
        }
        return queue.offer(frame) ? null : FrameDropReason.QUEUE_FULL;
    }

    @Override
    protected void doStart() {
        gateway = NajmContext.running(StationGateway.class);
        thread = new Thread(this, "najm-tm-" + yamcsInstance);
        thread.start();
        gateway.register(spacecraftId, sink);
        notifyStarted();
    }

    @Override
    protected void doStop() {
        gateway.unregister(spacecraftId, sink);
        queue.clear();
        queue.offer(POISON);
        notifyStopped();
    }

    @Override
    public void run() {
        while (true) {
            ReceivedFrame frame;
            try {
                frame = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (frame == POISON) {
                return;
            }
            process(frame);
        }
    }

    private void process(ReceivedFrame frame) {
        StationStats station = gateway.stats(frame.stationId());
        if (!firstTime(frame, station)) {
            return;
        }
        dataIn(1, frame.data().length);
        lastFrameTime = frame.receptionTime();
        ReceptionContext.enter(station);
        try {
            handleFrame(Instant.get(frame.receptionTime()), frame.data(), 0, frame.data().length);
        } catch (RuntimeException e) {
            log.error("Error processing a frame from {}", station.stationName(), e);
        } finally {
            ReceptionContext.exit();
        }
    }

    /** Whether the frame is new; a duplicate is counted against the station that delivered it again. */
    boolean firstTime(ReceivedFrame frame, StationStats station) {
        if (duplicates.firstTime(frame.data())) {
            return true;
        }
        duplicateCount.incrementAndGet();
        station.countDropped(FrameDropReason.DUPLICATE);
        return false;
    }

    /** Frames waiting to be decoded (benchmarks watch it drain). */
    public int backlog() {
        return queue.size();
    }

    @Override
    public Map<String, Object> getExtraInfo() {
        var extra = new LinkedHashMap<String, Object>();
        extra.put("Valid frames", validFrameCount.get());
        extra.put("Invalid frames", invalidFrameCount.get());
        extra.put("Duplicate frames", duplicateCount.get());
        extra.put("Waiting frames", queue.size());
        if (gateway != null) {
            gateway.allStats().forEach((name, s) -> extra.put("Station " + name, s.toString()));
        }
        return extra;
    }

    /** Adds the station in contact and the last frame's time to the link's system parameters (displays). */
    @Override
    public void setupSystemParameters(SystemParametersService sps) {
        super.setupSystemParameters(sps);
        spStation = sps.createSystemParameter(LINK_NAMESPACE + linkName + "/station", Type.STRING,
                "The ground station that hears the spacecraft now (none: no contact)");
        spLastFrameTime = sps.createSystemParameter(LINK_NAMESPACE + linkName + "/lastFrameTime", Type.TIMESTAMP,
                "Reception time of the last frame decoded");
    }

    @Override
    protected void collectSystemParameters(long time, List<ParameterValue> list) {
        super.collectSystemParameters(time, list);
        var contact = gateway == null ? OptionalInt.empty() : gateway.stationInContact(spacecraftId);
        list.add(SystemParametersService.getPV(spStation, time,
                contact.isPresent() ? gateway.stationName(contact.getAsInt()) : "none"));
        long last = lastFrameTime;
        if (last != TimeEncoding.INVALID_INSTANT) {
            list.add(SystemParametersService.getPV(spLastFrameTime, time, ValueUtility.getTimestampValue(last)));
        }
    }

    @Override
    public String getDetailedStatus() {
        if (isDisabled()) {
            return "DISABLED";
        }
        var contact = gateway == null ? OptionalInt.empty() : gateway.stationInContact(spacecraftId);
        return contact.isPresent() ? "In contact through " + gateway.stationName(contact.getAsInt())
                : "No station in contact";
    }

    @Override
    protected Status connectionStatus() {
        return Status.OK;
    }
}
