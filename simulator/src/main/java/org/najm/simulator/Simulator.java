package org.najm.simulator;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.constellation.Transport;
import org.najm.orekit.OrekitData;
import org.najm.simulator.control.ControlServer;
import org.najm.simulator.control.ControlTargets;
import org.najm.simulator.sky.TruthFile;
import org.najm.simulator.spacecraft.SpacecraftSim;
import org.najm.simulator.station.AntennaPolicy;
import org.najm.simulator.station.FirstRisenPolicy;
import org.najm.simulator.station.StationLink;
import org.najm.simulator.station.StationSim;
import org.najm.time.SimClock;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The whole simulated outside world: spacecraft and ground stations on real UDP sockets, ticking once per
 * simulated second on one simulation thread. Embeddable: {@link #start} returns once sockets are bound,
 * {@link #close} releases everything.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Simulator.class.getName());

    /** Playback frames per wall-clock second and spacecraft. */
    public static final double MAX_DUMP_FRAMES_PER_WALL_SECOND = 100;
    /** Beyond this many simulated seconds behind, skip ticks instead of catching up. */
    private static final long MAX_CATCH_UP_TICKS = 30;

    private final SimClock clock;
    private final Map<Integer, SpacecraftSim> spacecraft = new LinkedHashMap<>();
    private final List<SpacecraftSim> spacecraftList = new ArrayList<>();
    private final Map<Integer, StationSim> stations = new LinkedHashMap<>();
    private final List<StationLink> links = new ArrayList<>();
    private final ScheduledExecutorService sim;
    private final EventLoopGroup group;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ControlServer control;
    private TruthFile truth;
    private long nextTickMillis;
    private volatile long ticks;
    private volatile long ticksSkipped;

    /**
     * How to start: the antenna policy (default {@link FirstRisenPolicy}), the seed of the synthetic science
     * and noise (default 1), whether the spacecraft start cold (the default: STANDBY, payload off) or in
     * routine operations (payload on, SURVEY), and the port of the control API (default: none).
     */
    public static final class Options {
        private AntennaPolicy policy = new FirstRisenPolicy();
        private long seed = 1;
        private boolean routineOps;
        private Integer controlPort;
        private Path truthFile;

        public Options policy(AntennaPolicy p) {
            this.policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /** Same seed, same asteroids. */
        public Options seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Appends the truth of every tracklet stored onboard to this CSV file ({@link TruthFile}); null (the
         * default) writes none, so embedded simulators write nothing unless asked.
         */
        public Options truthFile(Path path) {
            this.truthFile = path;
            return this;
        }

        /** True: every spacecraft starts in routine operations ({@link SpacecraftSim#startInRoutineOps()}). */
        public Options routineOps(boolean on) {
            this.routineOps = on;
            return this;
        }

        /**
         * Serves the control API (station faults, truth onboard; {@link ControlServer}) on 127.0.0.1:{@code port};
         * 0 picks a free port ({@link Simulator#controlPort()}).
         */
        public Options controlPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("no TCP port " + port);
            }
            this.controlPort = port;
            return this;
        }
    }

    private Simulator(Constellation c, SimClock clock, Options o) {
        AntennaPolicy policy = o.policy;
        long seed = o.seed;
        this.clock = clock;
        OrekitData.context();
        sim = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "najm-sim");
            t.setDaemon(true);
            return t;
        });
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("najm-sim-udp", true));
        double dumpPerTick = MAX_DUMP_FRAMES_PER_WALL_SECOND / clock.rate();
        for (Spacecraft s : c.spacecraft()) {
            int scid = s.scid();
            SpacecraftSim sc = new SpacecraftSim(s, frame -> downlink(scid, frame), dumpPerTick, seed);
            sc.setOwner(sim);
            if (o.routineOps) {
                sc.startInRoutineOps();
            }
            spacecraft.put(scid, sc);
            spacecraftList.add(sc);
        }
        for (Station st : c.stations()) {
            stations.put(st.id(), new StationSim(st, policy, c.turnaroundSeconds()));
        }
    }

    /** Starts the simulator with the default antenna policy (first risen, keep until set). */
    public static Simulator start(Constellation c, SimClock clock) {
        return start(c, clock, new FirstRisenPolicy(), 1);
    }

    /**
     * @param seed seeds the synthetic science and noise (same seed, same asteroids)
     * @throws IllegalStateException when a station's UDP port cannot be bound
     */
    public static Simulator start(Constellation c, SimClock clock, AntennaPolicy policy, long seed) {
        return start(c, clock, new Options().policy(policy).seed(seed));
    }

    /** @throws IllegalStateException when a socket cannot be bound */
    public static Simulator start(Constellation c, SimClock clock, Options options) {
        Simulator s = new Simulator(c, clock, options);
        try {
            if (options.truthFile != null) {
                s.truth = new TruthFile(options.truthFile);
                s.spacecraftList.forEach(sc -> sc.setTruthFile(s.truth));
                LOG.info("tracklet truth appended to " + options.truthFile);
            }
            s.bind(c.transport());
            if (options.controlPort != null) {
                // No authentication: loopback only.
                s.control = ControlServer.start(new InetSocketAddress("127.0.0.1", options.controlPort),
                        new ControlTargets(s.allStations(), s.allSpacecraft(), clock));
            }
        } catch (Exception e) {
            s.close();
            throw new IllegalStateException("cannot start the simulator: " + e.getMessage(), e);
        }
        LOG.info("NAJM simulator started: " + c.spacecraft().size() + " spacecraft, " + c.stations().size()
                + " stations, " + clock + ", spacecraft start "
                + (options.routineOps ? "in routine operations (payload on, SURVEY)" : "cold (STANDBY, payload off)"));
        s.nextTickMillis = Math.floorDiv(clock.millis(), 1000) * 1000;
        s.sim.execute(s::runDueTicks);
        return s;
    }

    private void bind(Transport t) throws InterruptedException {
        for (StationSim st : stations.values()) {
            int id = st.id();
            InetSocketAddress local = new InetSocketAddress(t.stationHost(), t.tcPort(id));
            InetSocketAddress moc = new InetSocketAddress(t.mocHost(), t.tmPort(id));
            links.add(StationLink.open(group, st, local, moc, cltu -> {
                if (!closed.get()) {
                    sim.execute(() -> st.uplink(cltu, clock.now(), spacecraft));
                }
            }));
            LOG.info(String.format("station %d %s: CLTUs on %s, TM to %s", id, st.station().name(), local, moc));
        }
    }

    private void downlink(int scid, byte[] frame) {
        for (StationSim st : stations.values()) {
            st.downlink(scid, frame);
        }
    }

    /** Runs every tick that is due, then sleeps until the next one is. */
    private void runDueTicks() {
        if (closed.get()) {
            return;
        }
        try {
            long now = clock.millis();
            long behind = (now - nextTickMillis) / 1000;
            if (behind > MAX_CATCH_UP_TICKS) {
                ticksSkipped += behind;
                LOG.warning("simulation " + behind + " s behind: skipping ticks");
                nextTickMillis += behind * 1000;
            }
            while (nextTickMillis <= now && !closed.get()) {
                tick(Instant.ofEpochMilli(nextTickMillis));
                nextTickMillis += 1000;
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "tick failed", e);
            nextTickMillis += 1000;
        }
        if (!closed.get()) {
            long delay = Math.max(0, clock.toWallMillis(nextTickMillis) - System.currentTimeMillis());
            sim.schedule(this::runDueTicks, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void tick(Instant t) {
        for (SpacecraftSim sc : spacecraftList) {
            sc.propagate(t);
        }
        for (StationSim st : stations.values()) {
            st.update(t, spacecraftList);
        }
        for (SpacecraftSim sc : spacecraftList) {
            sc.tick(t);
        }
        ticks++;
    }

    /** Runs {@code task} on the simulation thread (the owner of all spacecraft and station state). */
    public CompletableFuture<Void> onSimThread(Runnable task) {
        return CompletableFuture.runAsync(task, sim);
    }

    public SpacecraftSim spacecraft(int scid) {
        SpacecraftSim sc = spacecraft.get(scid);
        if (sc == null) {
            throw new IllegalArgumentException("no spacecraft with SCID " + scid);
        }
        return sc;
    }

    public StationSim station(int id) {
        StationSim st = stations.get(id);
        if (st == null) {
            throw new IllegalArgumentException("no station " + id);
        }
        return st;
    }

    public List<SpacecraftSim> allSpacecraft() {
        return List.copyOf(spacecraftList);
    }

    public List<StationSim> allStations() {
        return List.copyOf(stations.values());
    }

    public SimClock clock() {
        return clock;
    }

    /** Simulated seconds ticked so far. */
    public long ticks() {
        return ticks;
    }

    public long ticksSkipped() {
        return ticksSkipped;
    }

    /** The port of the control API, when {@link Options#controlPort} asked for it. */
    public OptionalInt controlPort() {
        ControlServer cs = control;
        return cs == null ? OptionalInt.empty() : OptionalInt.of(cs.port());
    }

    /** Stops the simulation thread and releases every socket. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (control != null) {
            control.close();
        }
        sim.shutdownNow();
        try {
            sim.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (StationLink l : links) {
            l.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (truth != null) {
            truth.close();
        }
        LOG.info("NAJM simulator stopped after " + ticks + " ticks");
    }
}
