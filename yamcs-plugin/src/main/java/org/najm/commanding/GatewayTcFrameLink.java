package org.najm.commanding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

import org.najm.context.NajmContext;
import org.najm.gateway.StationGateway;

import org.yamcs.ConfigurationException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.events.EventProducerFactory;
import org.yamcs.tctm.Link;
import org.yamcs.tctm.ccsds.AbstractTcFrameLink;
import org.yamcs.tctm.ccsds.Cop1UplinkPacketHandler;
import org.yamcs.tctm.ccsds.UplinkTransferFrame;

/**
 * A spacecraft's TC frame link: Yamcs builds the frames (COP-1/FOP-1 included) and the CLTUs;
 * this link sends each CLTU to whichever station hears the spacecraft at that moment.
 *
 * <p>There is one link, hence one FOP-1, per spacecraft, whatever the station: COP-1 state
 * survives a change of station just as the spacecraft's single FARM-1 does. A frame that finds
 * no station in contact is not sent (it would be lost in space); FOP-1 retransmits it.
 */
public class GatewayTcFrameLink extends AbstractTcFrameLink implements Runnable {

    private int spacecraftId;
    private volatile Uplink uplink;
    private Thread thread;
    private final AtomicLong notInContact = new AtomicLong();
    private volatile int lastStation = -1;
    private final FopState fopState = new FopState();

    @Override
    public Spec getSpec() {
        Spec spec = getDefaultSpec();
        spec.addOption("cop1Recovery", OptionType.BOOLEAN).withDefault(true)
                .withDescription("Re-initialise FOP-1 automatically after an alert (see Cop1Recovery)");
        spec.addOption("cop1RecoveryClcwWait", OptionType.INTEGER).withDefault(86400)
                .withDescription("Seconds to wait for a CLCW when re-initialising");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String linkName, YConfiguration config) throws ConfigurationException {
        super.init(yamcsInstance, linkName, config);
        spacecraftId = config.getInt("spacecraftId");
        var events = EventProducerFactory.getEventProducer(yamcsInstance, linkName, 10000);
        long wait = config.getInt("cop1RecoveryClcwWait") * 1000L;
        for (Link sub : getSubLinks()) {
            if (sub instanceof Cop1UplinkPacketHandler fop) {
                fop.addMonitor(fopState);
                if (config.getBoolean("cop1Recovery")) {
                    fop.addMonitor(new Cop1Recovery(fop, this::inContact, wait, events));
                }
            } else {
                fopState.disabled(); // a VC without COP-1 takes commands whenever there is contact
            }
        }
    }

    private boolean inContact() {
        Uplink u = uplink;
        return u != null && u.inContact();
    }

    /** The spacecraft's uplink, for the packet postprocessor; null before the link starts. */
    Uplink uplink() {
        return uplink;
    }

    @Override
    protected void doStart() {
        uplink = new Uplink(spacecraftId, NajmContext.running(StationGateway.class), fopState, this::isDisabled);
        startThread();
        notifyStarted();
    }

    private void startThread() {
        thread = new Thread(this, "najm-tc-" + yamcsInstance);
        thread.start();
    }

    @Override
    protected void doStop() {
        if (thread != null) {
            thread.interrupt();
        }
        multiplexer.quit();
        notifyStopped();
    }

    @Override
    protected void doEnable() {
        startThread();
    }

    @Override
    protected void doDisable() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public void run() {
        while (isRunningAndEnabled() && !Thread.currentThread().isInterrupted()) {
            UplinkTransferFrame tf = multiplexer.getFrame();
            if (tf != null) {
                send(tf);
            }
        }
    }

    private void send(UplinkTransferFrame tf) {
        OptionalInt station = uplink.station();
        if (station.isEmpty()) {
            notInContact.incrementAndGet();
            log.warn("No station in contact: TC frame {} not radiated (COP-1 will retransmit)",
                    tf.getVcFrameSeq());
            return;
        }
        int k = station.getAsInt();
        if (k != lastStation) {
            log.info("Commanding through {}", uplink.stationName(k));
            lastStation = k;
        }
        byte[] cltu = encodeCltu(tf.getVirtualChannelId(), tf.getData());
        uplink.sendCltu(k, cltu);
        dataOut(1, cltu.length);
        if (tf.isBypass()) {
            ackBypassFrame(tf);
        }
        frameCount++;
    }

    /**
     * Commanding is available only while a station hears the spacecraft and COP-1 can frame the
     * command at once: Yamcs asks the VC links {@code isCommandingAvailable()}, which defers to
     * this. An unavailable link leaves the command to the next link on the stream
     * ({@link TcUnavailableLink}), which fails it with {@link #unavailableReason()}.
     */
    @Override
    public boolean isEffectivelyDisabled() {
        return unavailableReason() != null;
    }

    /** Why a command cannot be sent now, or null if it can. */
    String unavailableReason() {
        Uplink u = uplink;
        return u == null ? "the TC link is not started" : u.unavailableReason();
    }

    @Override
    public Map<String, Object> getExtraInfo() {
        var extra = new LinkedHashMap<String, Object>();
        extra.put("Frames sent", frameCount);
        extra.put("Frames not sent (no contact)", notInContact.get());
        return extra;
    }

    @Override
    public String getDetailedStatus() {
        if (isDisabled()) {
            return "DISABLED";
        }
        Uplink u = uplink;
        OptionalInt k = u == null ? OptionalInt.empty() : u.station();
        return k.isPresent() ? "Sending through " + u.stationName(k.getAsInt()) : "No station in contact";
    }

    @Override
    protected Status connectionStatus() {
        return Status.OK;
    }
}
