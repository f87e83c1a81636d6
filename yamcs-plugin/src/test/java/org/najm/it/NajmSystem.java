package org.najm.it;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

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
import org.najm.planning.ContactPlanner;
import org.najm.planning.PlanningRequest;
import org.najm.simulator.Simulator;
import org.najm.testing.FreePass;
import org.najm.testing.FreePorts;
import org.najm.simulator.archive.ArchiveStandIn;
import org.najm.simulator.station.ContactScheduleClient;
import org.najm.simulator.station.PlanFollowingPolicy;
import org.najm.simulator.station.Visibility.Pass;
import org.najm.time.SimClock;
import org.najm.time.SimClocks;
import org.yamcs.FileBasedConfigurationResolver;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;

/**
 * The whole system under test, started once per test JVM: the real Yamcs server with the
 * repository's etc/ and mdb/, and the real simulator, talking over real UDP sockets on free
 * ports. The stations follow the MOC's contact plan, fetched over HTTP as in the default run. The
 * simulation clock starts shortly before a long planned contact of NAJM-1 at a station that no
 * other spacecraft wants then, so the tests have a contact of several minutes.
 */
final class NajmSystem {

    /** Simulated seconds per wall-clock second during the tests. */
    static final double RATE = 2;
    /** How long before AOS the simulation starts (HK recorded before the contact, for playback). */
    static final Duration LEAD = Duration.ofSeconds(60);
    static final Duration MIN_PASS = Duration.ofMinutes(9);

    private static NajmSystem instance;

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

    private NajmSystem() throws Exception {
        OrekitData.context();
        tmPortBase = FreePorts.udpBlock(5);
        int tcPortBase = FreePorts.udpBlock(5);
        int httpPort = FreePorts.tcp();
        Constellation base = Constellation.load(Constellation.DEFAULT_PATH);
        constellation = base.withTransport(base.transport().withPortBases(tmPortBase, tcPortBase));
        subject = constellation.spacecraftByName("NAJM-1").orElseThrow();

        var chosen = findFreePass();
        station = chosen.station();
        pass = chosen.pass();
        clock = SimClock.startingNow(pass.aos().minus(LEAD), RATE);
        SimClocks.install(clock);

        Path dataDir = Files.createTempDirectory("najm-it-yamcs");
        archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", FreePorts.tcp()),
                Files.createTempDirectory("najm-it-archive"));
        System.setProperty("najm.archiveUrl", "http://127.0.0.1:" + archive.port() + "/submit");
        scienceOutbox = dataDir.resolve("najm").resolve("science");
        System.setProperty("najm.httpPort", Integer.toString(httpPort));
        System.setProperty("najm.tmPortBase", Integer.toString(tmPortBase));
        System.setProperty("najm.tcPortBase", Integer.toString(tcPortBase));
        System.setProperty("najm.dataDir", dataDir.toString());
        System.setProperty("najm.confirmationTimeoutSeconds", Integer.toString(CONFIRMATION_SECONDS));
        YConfiguration.setResolver(new FileBasedConfigurationResolver(Path.of("etc")));
        YamcsServer server = YamcsServer.getServer();
        server.prepareStart();
        server.start();

        schedule = new ContactScheduleClient(URI.create("http://127.0.0.1:" + httpPort + "/api/najm/contacts"),
                "observer", DEMO_PASSWORD, constellation, clock);
        schedule.start(Duration.ofMillis(500));
        simulator = Simulator.start(constellation, clock, new PlanFollowingPolicy(schedule), 1);
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

    static synchronized NajmSystem get() throws Exception {
        if (instance == null) {
            instance = new NajmSystem();
        }
        return instance;
    }

    private void stop() {
        simulator.close();
        archive.close();
        schedule.close();
        YamcsServer.getServer().shutDown();
    }

    record Choice(Station station, Pass pass) {
    }

    /**
     * A long pass of the subject over a station whose antenna no other spacecraft wants then, and
     * that the MOC's planner (same code, same inputs as the MOC at start-up) plans whole.
     */
    private Choice findFreePass() {
        FreePass free = FreePass.find(constellation, subject, MIN_PASS, LEAD, this::plannedWhole);
        return new Choice(free.station(), free.pass());
    }

    private boolean plannedWhole(Station st, Pass p) {
        Instant start = p.aos().minus(LEAD);
        var ctx = OrekitData.context();
        var parser = TleParser.of(constellation, ctx.getTimeScales().getUTC());
        var tles = TleSet.launch(constellation, parser).all();
        var passes = new PassPredictor().predict(tles, constellation.stations(), start.minus(Duration.ofHours(1)),
                start.plus(Duration.ofDays(7)));
        var plan = new ContactPlanner().plan(PlanningRequest.of(passes, constellation, start));
        return plan.contacts().stream().anyMatch(c -> c.spacecraft().equals(subject.name())
                && c.station().equals(st.name()) && Math.abs(Duration.between(c.start(), p.aos()).toSeconds()) < 2
                && Math.abs(Duration.between(c.end(), p.los()).toSeconds()) < 2);
    }

    /** The gateway's counters for the station of the test pass. */
    StationStats gatewayStats() {
        return NajmContext.running(StationGateway.class).stats(station.id());
    }

    String instance() {
        return subject.instance();
    }
}
