package org.najm.site;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.cascading.YamcsLink;
import org.yamcs.events.EventProducer;
import org.yamcs.events.EventProducerFactory;
import org.yamcs.utils.TimeEncoding;

/**
 * On a partner site: watches each instance's cascading link to the MOC ({@code org.yamcs.cascading.YamcsLink}),
 * says in the instance's events when it is cut off from the MOC, since when, and when it is back (then Yamcs'
 * gap filling fills the archive back, visible as the in-count of the link's {@code tmArchive} sub-link), and
 * gets it connecting again. Yamcs 5.13's link gives up after one failed connection attempt (the MOC down, or too
 * slow to answer the WebSocket handshake within 5 s) and tries again only after an established connection
 * drops; a disable and enable of the link, as an administrator would do on the Links page, starts it again.
 */
public class MocLinkWatch extends AbstractYamcsService {

    static final String EVENT_SOURCE = "site";
    /** How long a link must stay unconnected before the site says so. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    private String linkName;
    private Duration retry;
    private ScheduledExecutorService timer;
    /** Instance -> when (wall clock) its link was found not connected, absent while it is connected. */
    private final Map<String, Instant> downSince = new ConcurrentHashMap<>();
    /** The same in mission time, which is what the site shows (the simulation may run faster than the wall). */
    private final Map<String, Instant> missionDownSince = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRetry = new ConcurrentHashMap<>();
    /** Instances whose MOC_DISCONNECTED has been sent. */
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Map<String, EventProducer> events = new ConcurrentHashMap<>();

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("link", OptionType.STRING).withDefault("MOC")
                .withDescription("The name of the cascading link to the MOC in every instance");
        spec.addOption("retrySeconds", OptionType.INTEGER).withDefault(30)
                .withDescription("How long a link may stay unconnected before it is started again (longer than"
                        + " one connection attempt: login and WebSocket handshake, up to 5 s each)");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        linkName = config.getString("link");
        retry = Duration.ofSeconds(config.getInt("retrySeconds"));
    }

    @Override
    protected void doStart() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "najm-moc-link-watch"));
        timer.scheduleWithFixedDelay(this::check, 2, 2, TimeUnit.SECONDS);
        notifyStarted();
    }

    @Override
    protected void doStop() {
        timer.shutdownNow();
        notifyStopped();
    }

    private void check() {
        for (Spacecraft sc : NajmContext.constellation().spacecraft()) {
            try {
                check(sc.instance());
            } catch (RuntimeException e) {
                log.warn("Cannot check the link {} of {}: {}", linkName, sc.instance(), e.toString());
            }
        }
    }

    private void check(String instance) {
        var found = MocLinks.moc(instance, linkName);
        if (found.isEmpty()) {
            return;
        }
        YamcsLink moc = found.get();
        Instant now = Instant.now();
        Instant missionNow = TimeEncoding.toJavaInstant(
                YamcsServer.getServer().getInstance(instance).getTimeService().getMissionTime());
        EventProducer ev = events.computeIfAbsent(instance,
                i -> EventProducerFactory.getEventProducer(i, EVENT_SOURCE, 10000));
        if (moc.isConnected()) {
            downSince.remove(instance);
            Instant since = missionDownSince.remove(instance);
            if (since != null && reported.remove(instance)) {
                ev.sendInfo("MOC_CONNECTED", "Connected to the MOC again after " + since + " ("
                        + Duration.between(since, missionNow).toSeconds() + " s): the archive is filled back from the"
                        + " MOC's (packets: link " + linkName + ".tmArchive; events and commands: /api/najm/site)");
            }
            return;
        }
        if (moc.isDisabled()) {
            return; // an administrator's choice
        }
        Instant since = downSince.get(instance);
        if (since == null) {
            downSince.put(instance, now);
            missionDownSince.put(instance, missionNow);
            return;
        }
        // Said once the link has stayed down a moment: not for the seconds a (re)connection takes.
        if (Duration.between(since, now).compareTo(GRACE) >= 0 && reported.add(instance)) {
            ev.sendWarning("MOC_DISCONNECTED", "Not connected to the MOC since " + missionDownSince.get(instance)
                    + ": this site shows what it received until then; commands cannot be sent");
        }
        Instant retried = lastRetry.getOrDefault(instance, since);
        if (Duration.between(retried, now).compareTo(retry) >= 0) {
            lastRetry.put(instance, now);
            log.info("{}: link {} not connected to the MOC since {}: starting it again", instance, linkName, since);
            moc.disable();
            moc.enable();
        }
    }

    /** When (mission time) each instance's link to the MOC was cut off, for those that are; for the API and tests. */
    public Map<String, Instant> disconnected() {
        return Map.copyOf(missionDownSince);
    }
}
