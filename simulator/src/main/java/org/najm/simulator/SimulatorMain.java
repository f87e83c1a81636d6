package org.najm.simulator;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import org.najm.constellation.Constellation;
import org.najm.simulator.archive.ArchiveStandIn;
import org.najm.simulator.station.ContactScheduleClient;
import org.najm.simulator.station.PlanFollowingPolicy;
import org.najm.time.SimClock;

/**
 * Runs the simulator as a process: {@code --constellation <path>} (default etc/constellation.yaml), clock
 * from NAJM_SIM_START / NAJM_SIM_RATE / NAJM_SIM_ANCHOR; with {@code --archive-port <port>} also the asteroid
 * archive stand-in on 127.0.0.1 ({@code --archive-dir}, default data/archive). With {@code --plan-url} the
 * stations log in to the MOC as NAJM_PLAN_USER with NAJM_PLAN_PASSWORD. The spacecraft start in routine
 * operations (payload on, SURVEY), or cold (STANDBY, payload off) with {@code --cold}. The control API (station
 * faults, truth onboard) listens on 127.0.0.1:{@code --control-port} (default 8092). The truth of every tracklet
 * stored onboard is appended to {@code --truth} (default data/simulator/truth.csv). Exits on SIGINT/SIGTERM and
 * when its parent dies.
 */
public final class SimulatorMain {

    /** The control API's port unless {@code --control-port} says otherwise (the MOC is on 8090, the archive 8091). */
    public static final int DEFAULT_CONTROL_PORT = 8092;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        configureLogging();
        Logger log = Logger.getLogger(SimulatorMain.class.getName());
        Path constellationPath = Constellation.DEFAULT_PATH;
        URI planUrl = null;
        Integer archivePort = null;
        Path archiveDir = Path.of("data/archive");
        Path truthPath = Path.of("data/simulator/truth.csv");
        boolean cold = false;
        int controlPort = DEFAULT_CONTROL_PORT;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--constellation" -> {
                    if (i + 1 >= args.length) {
                        usage("--constellation needs a path");
                    }
                    constellationPath = Path.of(args[++i]);
                }
                case "--plan-url" -> {
                    if (i + 1 >= args.length) {
                        usage("--plan-url needs a URL");
                    }
                    planUrl = URI.create(args[++i]);
                }
                case "--archive-port" -> {
                    if (i + 1 >= args.length) {
                        usage("--archive-port needs a port");
                    }
                    try {
                        archivePort = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        usage("--archive-port needs a port, not " + args[i]);
                    }
                }
                case "--archive-dir" -> {
                    if (i + 1 >= args.length) {
                        usage("--archive-dir needs a directory");
                    }
                    archiveDir = Path.of(args[++i]);
                }
                case "--truth" -> {
                    if (i + 1 >= args.length) {
                        usage("--truth needs a path");
                    }
                    truthPath = Path.of(args[++i]);
                }
                case "--cold" -> cold = true;
                case "--control-port" -> {
                    if (i + 1 >= args.length) {
                        usage("--control-port needs a port");
                    }
                    try {
                        controlPort = Integer.parseInt(args[++i]);
                    } catch (NumberFormatException e) {
                        usage("--control-port needs a port, not " + args[i]);
                    }
                    if (controlPort < 0 || controlPort > 65535) {
                        usage("--control-port needs a port (0..65535), not " + controlPort);
                    }
                }
                case "-h", "--help" -> usage(null);
                default -> usage("unknown option " + args[i]);
            }
        }
        Constellation c;
        SimClock clock;
        ArchiveStandIn archive = null;
        try {
            c = Constellation.load(constellationPath);
            clock = SimClock.fromEnvironment(System.getenv());
            // The MPC stand-in: loopback only, it has no authentication.
            if (archivePort != null) {
                archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", archivePort), archiveDir);
            }
        } catch (Exception e) {
            System.err.println("najm-simulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Routine operations unless asked for a cold start, as the MOC finds the constellation on a normal day.
        Simulator.Options options = new Simulator.Options().routineOps(!cold).controlPort(controlPort)
                .truthFile(truthPath);
        if (planUrl != null) {
            // Stations point their antennas as the MOC's contact plan says.
            String user = System.getenv("NAJM_PLAN_USER");
            String password = System.getenv("NAJM_PLAN_PASSWORD");
            if (user == null || password == null) {
                usage("--plan-url needs NAJM_PLAN_USER and NAJM_PLAN_PASSWORD: the MOC requires a login");
            }
            var schedule = new ContactScheduleClient(planUrl, user, password, c, clock);
            schedule.start(Duration.ofSeconds(2));
            options.policy(new PlanFollowingPolicy(schedule));
            log.info("stations follow the contact plan from " + planUrl);
        }
        Simulator sim;
        try {
            sim = Simulator.start(c, clock, options);
        } catch (IllegalStateException e) {
            System.err.println("najm-simulator: " + e.getMessage());
            if (archive != null) {
                archive.close();
            }
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ArchiveStandIn archiveToClose = archive;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            if (archiveToClose != null) {
                archiveToClose.close();
            }
            stopped.countDown();
        }, "najm-sim-shutdown"));
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> {
            log.info("parent process " + p.pid() + " exited: stopping");
            System.exit(0);
        }));
        stopped.await();
    }

    private static void usage(String error) {
        if (error != null) {
            System.err.println("najm-simulator: " + error);
        }
        System.err.println("usage: SimulatorMain [--constellation etc/constellation.yaml] [--plan-url URL]"
                + " [--archive-port PORT [--archive-dir data/archive]] [--control-port 8092] [--cold]"
                + " [--truth data/simulator/truth.csv]");
        System.err.println("  --truth: CSV appended with the truth of every tracklet stored onboard");
        System.err.println("  --control-port: the control API for tests on 127.0.0.1 (station faults, truth onboard;"
                + " 0: any free port)");
        System.err.println("  --cold: spacecraft start in STANDBY with the payload off (default: payload on, SURVEY)");
        System.err.println("  env NAJM_SIM_START (ISO UTC), NAJM_SIM_RATE (default 1), NAJM_SIM_ANCHOR (epoch ms)");
        System.err.println("  env NAJM_PLAN_USER, NAJM_PLAN_PASSWORD: the MOC login of the stations (with --plan-url)");
        System.exit(error == null ? 0 : 2);
    }

    /** One line per record, unless the user configured java.util.logging already. */
    private static void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        }
        LogManager.getLogManager().reset();
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new SimpleFormatter());
        h.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(h);
        root.setLevel(Level.INFO);
    }
}
