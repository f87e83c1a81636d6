package org.najm.it;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.context.NajmContext;
import org.najm.gateway.StationGateway;
import org.najm.gateway.StationStats;
import org.najm.orekit.OrekitData;
import org.najm.passes.PassPredictor;
import org.najm.passes.TleParser;
import org.najm.passes.TleSet;
import org.najm.planning.Contact;
import org.najm.planning.ContactPlan;
import org.najm.planning.ContactPlanner;
import org.najm.planning.PlanningRequest;
import org.najm.simulator.Simulator;
import org.najm.testing.FreePass;
import org.najm.testing.FreePorts;
import org.najm.testing.MocProcess;
import org.najm.simulator.archive.ArchiveStandIn;
import org.najm.simulator.station.ContactScheduleClient;
import org.najm.simulator.station.PlanFollowingPolicy;
import org.najm.simulator.station.Visibility;
import org.najm.simulator.station.Visibility.Pass;
import org.najm.time.SimClock;
import org.najm.time.SimClocks;
import org.junit.jupiter.api.Assumptions;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.propagation.analytical.tle.generation.FixedPointTleGenerationAlgorithm;
import org.yamcs.FileBasedConfigurationResolver;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;

/**
 * The whole system under test, started once per test JVM: the real Yamcs server with the
 * repository's etc/ and mdb/, and the real simulator, talking over real UDP sockets on free
 * ports. The stations follow the MOC's contact plan, fetched over HTTP as in the default run.
 *
 * <p>Two scenarios, one per JVM (Yamcs is a singleton; pom.xml runs LightsOutIT in a surefire execution
 * of its own, which sets {@value #SCENARIO_PROPERTY}): {@link Scenario#SHARED}, where the simulation clock
 * starts shortly before a long planned contact of NAJM-1 at a station that no other spacecraft wants
 * then, so the tests have a contact of several minutes and command by hand, without the contact
 * automation; and {@link Scenario#LIGHTS_OUT}, with the automation, two planned contacts of NAJM-1 a few
 * minutes apart and a faster clock.
 */
final class NajmSystem {

    /** What the system is started for. */
    enum Scenario {
        /** One long contact of NAJM-1 at rate {@value NajmSystem#RATE}; no contact automation. */
        SHARED,
        /** Two contacts of NAJM-1 a few minutes apart at rate {@value NajmSystem#LIGHTS_OUT_RATE}; automation on. */
        LIGHTS_OUT,
        /** As LIGHTS_OUT, the spacecraft in routine operations from the start (FaultsIT). */
        FAULTS,
        /** As FAULTS, at rate {@value NajmSystem#RESTART_RATE}, the MOC in a process of its own (MocRestartIT). */
        MOC_RESTART,
        /** As MOC_RESTART, a JVM of its own for the kill under load (MocKillUnderLoadIT). */
        MOC_KILL,
        /** As SHARED, with partner site servers in processes of their own next to the MOC (SitesIT). */
        SITES;

        /** One long contact of NAJM-1, commanded by hand (no contact automation). */
        boolean byHand() {
            return this == SHARED || this == SITES;
        }

        /** Whether the MOC runs in a process of its own rather than in the test JVM. */
        boolean separateMoc() {
            return this == MOC_RESTART || this == MOC_KILL;
        }

        /** The value of {@value NajmSystem#SCENARIO_PROPERTY} of the JVM that runs it (null: the default JVM). */
        String jvm() {
            return this == SHARED ? null : name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Set to "lights-out" in the JVM that runs the LIGHTS_OUT scenario (pom.xml). */
    static final String SCENARIO_PROPERTY = "najm.it.scenario";
    /** Simulated seconds per wall-clock second during the tests. */
    static final double RATE = 2;
    static final double LIGHTS_OUT_RATE = 15;
    /** MOC_RESTART: slower, for a whole JVM to start within the lead and again between the contacts. */
    static final double RESTART_RATE = 10;
    /** How long before AOS the simulation starts (HK recorded before the contact, for playback). */
    static final Duration LEAD = Duration.ofSeconds(60);
    /** At the faster rate, enough wall time before AOS for Yamcs to start (20 s). */
    static final Duration LIGHTS_OUT_LEAD = Duration.ofSeconds(300);
    static final Duration MIN_PASS = Duration.ofMinutes(9);
    static final Duration MOC_START_TIMEOUT = Duration.ofSeconds(120);

    private static NajmSystem instance;

    final Scenario scenario;
    /** How long before the first contact's AOS the simulation started. */
    final Duration lead;
    /** MOC_RESTART: the MOC's process; null when Yamcs runs in this JVM. */
    final MocProcess moc;
    /** LIGHTS_OUT: the station and pass of the contact that follows the first one; null otherwise. */
    final Station nextStation;
    final Pass nextPass;
    final Constellation constellation;
    final Spacecraft subject;
    final Station station;
    final Pass pass;
    final SimClock clock;
    final ContactScheduleClient schedule;
    final Simulator simulator;
    final ArchiveStandIn archive;
    final Path scienceOutbox;
    final YamcsRest rest;
    final int tmPortBase;
    private final int httpPort;

    /** The password of every development account (etc/users.yaml). */
    static final String DEMO_PASSWORD = "najm-demo";
    /** How long a critical command waits for confirmation in the tests (wall clock). */
    static final int CONFIRMATION_SECONDS = 10;

    private NajmSystem(Scenario scenario) throws Exception {
        this.scenario = scenario;
        // SITES: long enough for the site servers to start before the contact
        this.lead = scenario == Scenario.SHARED ? LEAD : LIGHTS_OUT_LEAD;
        OrekitData.context();
        tmPortBase = FreePorts.udpBlock(5);
        int tcPortBase = FreePorts.udpBlock(5);
        int httpPort = FreePorts.tcp();
        Constellation base = Constellation.load(Constellation.DEFAULT_PATH);
        constellation = base.withTransport(base.transport().withPortBases(tmPortBase, tcPortBase));
        subject = constellation.spacecraftByName("NAJM-1").orElseThrow();

        Choice[] chosen = scenario.byHand() ? new Choice[] { findFreePass() } : findContactPair();
        station = chosen[0].station();
        pass = chosen[0].pass();
        nextStation = chosen.length > 1 ? chosen[1].station() : null;
        nextPass = chosen.length > 1 ? chosen[1].pass() : null;
        clock = SimClock.startingNow(pass.aos().minus(lead), switch (scenario) {
        case SHARED, SITES -> RATE;
        case MOC_RESTART, MOC_KILL -> RESTART_RATE;
        default -> LIGHTS_OUT_RATE;
        });
        SimClocks.install(clock);
        // The shared contact's tests command by hand: the contact automation would compete with them.
        System.setProperty("najm.automation", Boolean.toString(!scenario.byHand()));

        Path dataDir = Files.createTempDirectory("najm-it-yamcs");
        archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", FreePorts.tcp()),
                Files.createTempDirectory("najm-it-archive"));
        String archiveUrl = "http://127.0.0.1:" + archive.port() + "/submit";
        scienceOutbox = dataDir.resolve("najm").resolve("science");
        if (scenario.separateMoc()) {
            Path log = Path.of("yamcs-plugin", "target", "moc-" + scenario.jvm() + ".log");
            moc = MocProcess.start(new MocProcess.Setup(httpPort, tmPortBase, tcPortBase, dataDir, archiveUrl,
                    clock.toEnvironment(), log), MOC_START_TIMEOUT);
        } else {
            moc = null;
            System.setProperty("najm.archiveUrl", archiveUrl);
            System.setProperty("najm.httpPort", Integer.toString(httpPort));
            System.setProperty("najm.tmPortBase", Integer.toString(tmPortBase));
            System.setProperty("najm.tcPortBase", Integer.toString(tcPortBase));
            System.setProperty("najm.dataDir", dataDir.toString());
            System.setProperty("najm.confirmationTimeoutSeconds", Integer.toString(CONFIRMATION_SECONDS));
            YConfiguration.setResolver(new FileBasedConfigurationResolver(Path.of("etc")));
            YamcsServer server = YamcsServer.getServer();
            server.prepareStart();
            server.start();
        }

        schedule = new ContactScheduleClient(URI.create("http://127.0.0.1:" + httpPort + "/api/najm/contacts"),
                "observer", DEMO_PASSWORD, constellation, clock);
        schedule.start(Duration.ofMillis(500));
        simulator = Simulator.start(constellation, clock, new Simulator.Options().policy(new PlanFollowingPolicy(
                schedule)).seed(1).routineOps(scenario == Scenario.FAULTS || scenario.separateMoc()));
        this.httpPort = httpPort;
        rest = as(operatorOf(subject.instance()));
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
    }

    int httpPort() {
        return httpPort;
    }

    /** The HTTP API logged in as a demo user. */
    YamcsRest as(String user) {
        return new YamcsRest(httpPort, user, DEMO_PASSWORD);
    }

    /** The HTTP API without logging in. */
    YamcsRest anonymous() {
        return new YamcsRest(httpPort, null, null);
    }

    /** The first operator of the partner that owns the spacecraft of {@code instance}. */
    String operatorOf(String instance) {
        var sc = constellation.spacecraftByInstance(instance).orElseThrow();
        return constellation.partner(sc.partner()).orElseThrow().operators().get(0);
    }

    /** The shared system of the tests that command by hand (skipped in the lights-out JVM). */
    static NajmSystem get() throws Exception {
        return get(Scenario.SHARED);
    }

    /** The lights-out system (LightsOutIT; skipped in any other JVM). */
    static NajmSystem lightsOut() throws Exception {
        return get(Scenario.LIGHTS_OUT);
    }

    /** The MOC in a process of its own (MocRestartIT; skipped in any other JVM). */
    static NajmSystem mocRestart() throws Exception {
        return get(Scenario.MOC_RESTART);
    }

    /** The MOC with partner sites next to it (SitesIT; skipped in any other JVM). */
    static NajmSystem sites() throws Exception {
        return get(Scenario.SITES);
    }

    /** The MOC in a process of its own, killed under load (MocKillUnderLoadIT; skipped in any other JVM). */
    static NajmSystem mocKill() throws Exception {
        return get(Scenario.MOC_KILL);
    }

    /** The fault scenario (FaultsIT; skipped in any other JVM). */
    static NajmSystem faults() throws Exception {
        return get(Scenario.FAULTS);
    }

    private static synchronized NajmSystem get(Scenario scenario) throws Exception {
        Assumptions.assumeTrue(Objects.equals(scenario.jvm(), System.getProperty(SCENARIO_PROPERTY)), "the " + scenario
                + " scenario runs in a JVM of its own (" + SCENARIO_PROPERTY + "), not in this one");
        if (instance == null) {
            instance = new NajmSystem(scenario);
        }
        if (instance.scenario != scenario) {
            throw new IllegalStateException("this JVM runs the " + instance.scenario + " scenario, not " + scenario);
        }
        return instance;
    }

    private void stop() {
        simulator.close();
        archive.close();
        schedule.close();
        if (moc != null) {
            try {
                moc.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            YamcsServer.getServer().shutDown();
        }
    }

    record Choice(Station station, Pass pass) {
    }

    /**
     * A long pass of the subject over a station whose antenna no other spacecraft wants then, and
     * that the MOC's planner (same code, same inputs as the MOC at start-up) plans whole.
     */
    private Choice findFreePass() {
        FreePass free = FreePass.find(constellation, subject, MIN_PASS, lead, this::plannedWhole);
        return new Choice(free.station(), free.pass());
    }

    private boolean plannedWhole(Station st, Pass p) {
        return planAt(p.aos().minus(lead)).contacts().stream().anyMatch(c -> c.spacecraft().equals(subject.name())
                && c.station().equals(st.name()) && Math.abs(Duration.between(c.start(), p.aos()).toSeconds()) < 2
                && Math.abs(Duration.between(c.end(), p.los()).toSeconds()) < 2);
    }

    /** The plan the MOC makes when it starts at {@code start} (same code, same inputs). */
    private ContactPlan planAt(Instant start) {
        var ctx = OrekitData.context();
        var parser = TleParser.of(constellation, ctx.getTimeScales().getUTC());
        var tles = TleSet.launch(constellation, parser).all();
        var passes = new PassPredictor().predict(tles, constellation.stations(), start.minus(Duration.ofHours(1)),
                start.plus(Duration.ofDays(7)));
        return new ContactPlanner().plan(PlanningRequest.of(passes, constellation, start));
    }

    /**
     * LIGHTS_OUT, FAULTS and MOC_RESTART: two consecutive planned contacts of the subject, each of 5 minutes or
     * more, the second starting 3 to 20 minutes after the first ends (the same orbit, another station), both
     * planned whole by the MOC when it starts {@link #LIGHTS_OUT_LEAD} before the first.
     */
    private Choice[] findContactPair() {
        Instant from = Instant.parse("2026-11-20T02:00:00Z");
        List<Contact> mine = planAt(from).contactsOf(subject.name());
        for (int i = 0; i + 1 < mine.size(); i++) {
            Contact c1 = mine.get(i);
            Contact c2 = mine.get(i + 1);
            Duration gap = Duration.between(c1.end(), c2.start());
            if (c1.duration().toMinutes() < 5 || c2.duration().toMinutes() < 5 || c2.handover()
                    || gap.toMinutes() < 3 || gap.toMinutes() > 20) {
                continue;
            }
            List<Contact> again = planAt(c1.start().minus(lead)).contactsOf(subject.name());
            if (again.stream().anyMatch(c -> same(c, c1)) && again.stream().anyMatch(c -> same(c, c2))) {
                return new Choice[] { choice(c1), choice(c2) };
            }
        }
        throw new IllegalStateException("no pair of planned contacts of " + subject.name() + " found among "
                + mine.stream().limit(20).map(c -> c.station() + " " + c.start() + " (" + c.duration().toMinutes()
                        + " min)").toList());
    }

    private static boolean same(Contact a, Contact b) {
        return a.station().equals(b.station()) && Math.abs(Duration.between(a.start(), b.start()).toSeconds()) < 2
                && Math.abs(Duration.between(a.end(), b.end()).toSeconds()) < 2;
    }

    private Choice choice(Contact c) {
        Station st = constellation.stationByName(c.station()).orElseThrow();
        Pass p = Visibility.nextPass(subject, st, c.start().minus(Duration.ofMinutes(30)), Duration.ofHours(1))
                .orElseThrow();
        return new Choice(st, p);
    }

    /** The gateway's counters for the station of the test pass (Yamcs in this JVM only). */
    StationStats gatewayStats() {
        return NajmContext.running(StationGateway.class).stats(station.id());
    }

    String instance() {
        return subject.instance();
    }

    /** The launch orbit of spacecraft {@code name} with an epoch {@code days} later, as a TLE upload body. */
    String newerTle(String name, int days) {
        var sc = constellation.spacecraftByName(name).orElseThrow();
        var utc = OrekitData.context().getTimeScales().getUTC();
        var launch = new TLE(sc.tleLine1(), sc.tleLine2(), utc);
        var state = TLEPropagator.selectExtrapolator(launch).propagate(launch.getDate().shiftedBy(86400.0 * days));
        var fresh = TLE.stateToTLE(state, launch, new FixedPointTleGenerationAlgorithm());
        return "{\"text\": \"" + name + "\\n" + fresh.getLine1() + "\\n" + fresh.getLine2() + "\\n\"}";
    }
}
