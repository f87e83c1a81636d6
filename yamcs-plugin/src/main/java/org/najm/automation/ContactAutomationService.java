package org.najm.automation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.najm.constellation.Constellation;
import org.najm.constellation.Partner;
import org.najm.constellation.Spacecraft;
import org.najm.contacts.ContactPlanService;
import org.najm.context.NajmContext;
import org.najm.time.SimClocks;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.cmdhistory.CommandHistoryFilter;
import org.yamcs.cmdhistory.CommandHistoryRequestManager;
import org.yamcs.events.EventProducer;
import org.yamcs.events.EventProducerFactory;
import org.yamcs.http.ServiceUnavailableException;
import org.yamcs.mdb.MdbFactory;
import org.yamcs.security.User;

/**
 * Contacts that run themselves (lights-out pass execution), a global service: for every contact of the plan,
 * per spacecraft, AOS from the downlink, playback of the science then the HK store in ranges that fit the
 * contact, confirmation from the evidence in the downlink and the archive, DELETE_STORE of exactly what is
 * confirmed, and a report at LOS - commanded as the partner's automation identity through the partner
 * command authority like anyone. Operators stay in charge: pause and resume per spacecraft
 * ({@link AutomationApi}), and the automation stands back while one of them commands.
 *
 * <p>Durable state per spacecraft under {@code <dataDir>/najm/automation}; reports in the _global archive
 * ({@link ReportStore}), as an event of the spacecraft's instance and on the contact's timeline item.
 */
public class ContactAutomationService extends AbstractYamcsService {

    /**
     * @param framesPerSecond  playback frames per wall-clock second and spacecraft (the downlink's budget)
     * @param marginSeconds    wall seconds kept free at the end of a contact (a playback must be over before
     *                         the real LOS; commands take a round trip)
     * @param reserveSeconds   wall seconds set aside for each step still to come after a playback
     * @param evidenceGrace    wait after a dump completes, for its last packets to be recorded
     * @param attempts         tries of a command that did not reach the spacecraft (e.g. COP-1 not ready)
     * @param housekeepingWait how long to wait for the first BUS_HK after AOS (mode, fills)
     */
    record Settings(double framesPerSecond, Duration poll, double marginSeconds, double reserveSeconds,
            Duration evidenceGrace, int maxDumpsPerStore, int attempts, Duration retryDelay,
            Duration housekeepingWait) {
    }

    static final String EVENT_SOURCE = "automation";
    static final String EVENT_TYPE = "CONTACT_REPORT";

    private Constellation constellation;
    private Settings settings;
    private Path stateDir;
    private final Map<String, SpacecraftAutomation> automations = new LinkedHashMap<>();
    private final Map<String, EventProducer> events = new LinkedHashMap<>();
    private final List<Runnable> unsubscribe = new ArrayList<>();

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("playbackFramesPerSecond", OptionType.FLOAT).withDefault(100.0)
                .withDescription("Playback frames per wall-clock second and spacecraft (the simulator's is 100)");
        spec.addOption("pollMillis", OptionType.INTEGER).withDefault(200);
        spec.addOption("marginSeconds", OptionType.FLOAT).withDefault(2.0)
                .withDescription("Wall seconds kept free at the end of every contact");
        spec.addOption("reserveSeconds", OptionType.FLOAT).withDefault(1.0)
                .withDescription("Wall seconds set aside for each command still to come after a playback");
        spec.addOption("evidenceGraceMillis", OptionType.INTEGER).withDefault(500);
        spec.addOption("maxDumpsPerStore", OptionType.INTEGER).withDefault(6)
                .withDescription("DUMP_STOREs of one store in one contact at most (gaps played back again)");
        spec.addOption("attempts", OptionType.INTEGER).withDefault(3)
                .withDescription("Tries of a command that did not reach the spacecraft");
        spec.addOption("retryDelayMillis", OptionType.INTEGER).withDefault(2000);
        spec.addOption("housekeepingWaitMillis", OptionType.INTEGER).withDefault(5000);
        spec.addOption("stateDir", OptionType.STRING)
                .withDescription("Durable state per spacecraft (default: <dataDir>/najm/automation)");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        constellation = NajmContext.constellation();
        if (!(config.getDouble("playbackFramesPerSecond") > 0)) {
            throw new InitException("playbackFramesPerSecond must be positive");
        }
        settings = new Settings(config.getDouble("playbackFramesPerSecond"),
                Duration.ofMillis(config.getInt("pollMillis")), config.getDouble("marginSeconds"),
                config.getDouble("reserveSeconds"), Duration.ofMillis(config.getInt("evidenceGraceMillis")),
                config.getInt("maxDumpsPerStore"), Math.max(1, config.getInt("attempts")),
                Duration.ofMillis(config.getInt("retryDelayMillis")),
                Duration.ofMillis(config.getInt("housekeepingWaitMillis")));
        stateDir = config.containsKey("stateDir") ? Path.of(config.getString("stateDir"))
                : YamcsServer.getServer().getDataDirectory().resolve("najm").resolve("automation");
    }

    /** The instances exist from here on (SpacecraftInstances starts before this service). */
    @Override
    protected void doStart() {
        var server = YamcsServer.getServer();
        User system = server.getSecurityStore().getSystemUser();
        try {
            for (Spacecraft sc : constellation.spacecraft()) {
                Partner partner = constellation.partner(sc.partner()).orElseThrow(
                        () -> new InitException(sc.name() + ": partner '" + sc.partner() + "' is not configured"));
                var processor = server.getProcessor(sc.instance(), "realtime");
                if (processor == null) {
                    throw new InitException("No realtime processor in " + sc.instance());
                }
                CommandWatch watch = new CommandWatch(partner, () -> SimClocks.shared().now());
                CommandHistoryRequestManager history = processor.getCommandHistoryManager();
                CommandHistoryFilter filter = history.subscribeCommandHistory(null, 0, watch);
                unsubscribe.add(() -> history.unsubscribeCommandHistory(filter.subscriptionId));
                SpacecraftTelemetry telemetry = new SpacecraftTelemetry(sc.name(), sc.instance(),
                        new PacketFields(MdbFactory.getInstance(sc.instance())));
                telemetry.start();
                unsubscribe.add(telemetry::stop);
                // The automation identity: Yamcs needs only a user; the partner authority decides from its name.
                Commander commander = new Commander(sc.instance(), new User(partner.automation(), system), watch);
                events.put(sc.name(), EventProducerFactory.getEventProducer(sc.instance(), EVENT_SOURCE, 10000));
                automations.put(sc.name(), new SpacecraftAutomation(this, sc, settings,
                        new StateFile(stateDir.resolve(sc.name() + ".state")), telemetry, watch, commander));
            }
        } catch (InitException | IllegalArgumentException e) {
            unsubscribe.forEach(Runnable::run);
            notifyFailed(e);
            return;
        }
        automations.values().forEach(SpacecraftAutomation::start);
        log.info("Contact automation of {} spacecraft, state in {}", automations.size(), stateDir);
        notifyStarted();
    }

    @Override
    protected void doStop() {
        automations.values().forEach(SpacecraftAutomation::stop);
        unsubscribe.forEach(Runnable::run);
        notifyStopped();
    }

    /** A report: to the archive table, as an event of the spacecraft's instance, on its timeline item. */
    void publish(Spacecraft sc, ContactReport r) {
        log.info("Contact report: {}", r.summary());
        try {
            ReportStore.global().save(r);
        } catch (RuntimeException e) {
            log.error("Cannot store the contact report {}", r.summary(), e);
        }
        EventProducer ev = events.get(sc.name());
        if (ev != null) {
            ev.sendEvent(r.outcome().severity, EVENT_TYPE, r.summary());
        }
        try {
            NajmContext.running(ContactPlanService.class).recordOutcome(r.spacecraft(), r.station(), r.plannedAos(),
                    r.plannedLos(), r.outcome().name(), r.reason());
        } catch (ServiceUnavailableException e) {
            log.warn("Contact outcome not shown on the timeline: {}", e.getMessage());
        }
    }

    Optional<SpacecraftAutomation> automation(String spacecraft) {
        return Optional.ofNullable(automations.get(spacecraft));
    }

    List<SpacecraftAutomation> all() {
        return List.copyOf(automations.values());
    }

    Constellation constellation() {
        return constellation;
    }
}
