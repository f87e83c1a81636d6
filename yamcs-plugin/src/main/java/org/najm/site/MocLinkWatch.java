package org.najm.site;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
import org.yamcs.cascading.YamcsLink;
import org.yamcs.events.EventProducer;
import org.yamcs.events.EventProducerFactory;

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

    private String linkName;
    private Duration retry;
    private ScheduledExecutorService timer;
    /** Instance -> when its link was last seen connected, or null while it is connected. */
    private final Map<String, Instant> downSince = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastRetry = new ConcurrentHashMap<>();
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
        EventProducer ev = events.computeIfAbsent(instance,
                i -> EventProducerFactory.getEventProducer(i, EVENT_SOURCE, 10000));
        if (moc.isConnected()) {
            Instant since = downSince.remove(instance);
            if (since != null) {
                ev.sendInfo("MOC_CONNECTED", "Connected to the MOC again after " + since + " ("
                        + Duration.between(since, now).toSeconds() + " s): the archive is filled back from the MOC's"
                        + " (link " + linkName + ".tmArchive)");
            }
            return;
        }
        if (moc.isDisabled()) {
            return; // an administrator's choice
        }
        Instant since = downSince.get(instance);
        if (since == null) {
            downSince.put(instance, now);
            ev.sendWarning("MOC_DISCONNECTED", "Not connected to the MOC since " + now + ": this site shows what it"
                    + " received until then; commands cannot be sent");
            return;
        }
        Instant retried = lastRetry.getOrDefault(instance, since);
        if (Duration.between(retried, now).compareTo(retry) >= 0) {
            lastRetry.put(instance, now);
            log.info("{}: link {} not connected to the MOC since {}: starting it again", instance, linkName, since);
            moc.disable();
            moc.enable();
        }
    }

    /** When each instance's link to the MOC was cut off, for those that are; for the API and tests. */
    public Map<String, Instant> disconnected() {
        return Map.copyOf(downSince);
    }
}
