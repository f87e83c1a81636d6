package org.najm.simulator.spacecraft;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.constellation.Spacecraft;
import org.najm.simulator.link.TcReceiver;
import org.najm.simulator.link.TmFramer;
import org.najm.simulator.packet.BusHk;
import org.najm.simulator.packet.GpsTime;
import org.najm.simulator.packet.TcAck;
import org.najm.simulator.sky.TruthFile;
import org.najm.simulator.spacecraft.OrbitModel.OrbitState;

/**
 * One simulated spacecraft: orbit, power, thermal, attitude, telescope, stores, onboard commanding and its
 * TM/TC link. Driven by {@link #tick(Instant)} once per simulated second and {@link #receiveCltu} on the
 * simulation thread; the accessors for tests may be called from any thread.
 *
 * <p>This class wires the parts and runs the second; each part does one job: {@link Platform} (power,
 * thermal, battery protection), {@link ModeControl}, {@link Obc} (clock, reboots), {@link ScienceRecorder},
 * {@link Housekeeping}, {@link Stores} (playback), {@link CommandExecutor} with its {@link CommandLedger}, and
 * {@link Downlink}, through which every packet leaves.
 */
public final class SpacecraftSim {

    public static final int VC_REALTIME = 0;
    public static final int VC_SCIENCE = 1;
    public static final int VC_HK = 2;
    public static final int STORE_HK = 0;
    public static final int STORE_SCIENCE = 1;
    public static final long SCIENCE_STORE_OCTETS = 64L << 20;
    public static final long HK_STORE_OCTETS = 8L << 20;
    public static final int REBOOT_SECONDS = 3;
    /** The longest step of the physics after a gap in the ticks, s. */
    private static final double MAX_STEP_S = 60;

    private final Spacecraft spacecraft;
    private final String name;
    private final OrbitModel orbit;
    private final TmFramer framer;
    private final TcReceiver receiver;
    private final Telescope telescope;
    private final Downlink downlink;
    private final CommandLedger ledger;
    private final ModeControl modes;
    private final Platform platform;
    private final Obc obc;
    private final Stores stores;
    private final ScienceRecorder science;
    /** Test hook: detections of injected tracklets not stored yet, by tracklet id. */
    private final Map<Long, List<Telescope.Detection>> heldBack = new HashMap<>();
    private final Housekeeping housekeeping;
    private final CommandExecutor commands;
    private volatile Executor owner = Runnable::run;

    private OrbitState state;
    private Instant now;
    private Instant lastTick;
    private volatile BusHk lastBusHk;
    private volatile int farmVr;
    private boolean routineAtStart;

    /**
     * @param dumpFramesPerTick playback frames allowed per simulated second (per spacecraft)
     * @param downlink          where every TM frame goes (the stations in contact forward it)
     */
    public SpacecraftSim(Spacecraft spacecraft, TmFramer.FrameSink downlink, double dumpFramesPerTick, long seed) {
        this(spacecraft, downlink, dumpFramesPerTick, seed, SCIENCE_STORE_OCTETS, HK_STORE_OCTETS);
    }

    public SpacecraftSim(Spacecraft spacecraft, TmFramer.FrameSink downlink, double dumpFramesPerTick, long seed,
            long scienceStoreOctets, long hkStoreOctets) {
        this.spacecraft = spacecraft;
        this.name = spacecraft.name();
        this.orbit = new OrbitModel(spacecraft);
        Random rnd = new Random(seed ^ spacecraft.scid());
        this.telescope = new Telescope(new Random(rnd.nextLong()));
        PacketStore scienceStore = new PacketStore("SCIENCE", scienceStoreOctets);
        PacketStore hkStore = new PacketStore("HK", hkStoreOctets);
        this.receiver = new TcReceiver(spacecraft.scid(), name, this::onTcPacket);
        this.framer = new TmFramer(spacecraft.scid(), () -> receiver.farm().clcw(), downlink);
        this.downlink = new Downlink(name, framer, hkStore);
        this.ledger = new CommandLedger(name, this.downlink);
        this.modes = new ModeControl(telescope, this.downlink);
        this.platform = new Platform(modes, telescope, this.downlink);
        this.obc = new Obc(name, this.downlink);
        this.stores = new Stores(hkStore, scienceStore, framer, this.downlink, ledger, dumpFramesPerTick);
        this.science = new ScienceRecorder(name, telescope, scienceStore, this.downlink);
        this.housekeeping = new Housekeeping(rnd, modes, platform, telescope, stores, ledger, obc, this.downlink);
        this.commands = new CommandExecutor(name, ledger, modes, platform, stores, obc, this.downlink);
    }

    /** Where the truth of each tracklet stored is appended (null: nowhere). Set before the first tick. */
    public void setTruthFile(TruthFile file) {
        science.truthFile(file);
    }

    /** The executor that owns this spacecraft's state (the simulation thread); test hooks run through it. */
    public void setOwner(Executor owner) {
        this.owner = owner;
    }

    /**
     * Starts in routine operations instead of cold (STANDBY, payload off): the first tick switches the payload
     * on and enters SURVEY exactly as PAYLOAD_POWER on then SET_MODE SURVEY would just before it (the same
     * PAYLOAD_POWER and MODE_CHANGED events, stamped with the first tick's time), but without commands: no
     * TC_ACK, and the BUS_HK command counters stay 0. No BOOT event, as in a cold start.
     *
     * @throws IllegalStateException after the first tick
     */
    public void startInRoutineOps() {
        if (lastTick != null) {
            throw new IllegalStateException(name + ": routine operations at start are set before the first tick");
        }
        routineAtStart = true;
    }

    // ---------------------------------------------------------------------------------------------- time

    /** Propagates the orbit to {@code t} (done once per tick, before the stations look at it). */
    public OrbitState propagate(Instant t) {
        if (state == null || !t.equals(now)) {
            state = orbit.at(GpsTime.date(t));
            now = t;
        }
        return state;
    }

    /** Onboard time (GPS seconds) at simulated time {@code t}: GPS time plus the TIME_SYNC offset. */
    public double onboardTime(Instant t) {
        return obc.onboardTime(t);
    }

    /** One simulated second. */
    public void tick(Instant t) {
        propagate(t);
        double dt = lastTick == null ? 1
                : Math.min(MAX_STEP_S, Math.max(0, (t.toEpochMilli() - lastTick.toEpochMilli()) / 1000.0));
        lastTick = t;
        long framesBefore = framer.framesEmitted();
        double ob = obc.onboardTime(t);
        long second = t.getEpochSecond();
        if (routineAtStart) {
            routineAtStart = false;
            modes.startRoutine(ob);
        }

        platform.step(dt, state.inEclipse(), obc.rebooting(), ob);
        if (obc.rebooting()) {
            if (obc.down(t)) {
                endTick(framesBefore); // OBC down: nothing but idle frames with the CLCW
                return;
            }
            boot(ob);
        }
        obc.countUptime(dt);
        if (modes.mode() == Mode.SURVEY) {
            science.surveySecond(second, ob, state);
        }
        lastBusHk = housekeeping.emit(second, ob, state);
        stores.play(ob);
        endTick(framesBefore);
    }

    private void endTick(long framesBefore) {
        downlink.flushRealtime();
        if (framer.framesEmitted() == framesBefore) {
            framer.emitIdleFrame();
        }
    }

    /** The end of a reboot: SAFE, payload off, counters since boot, playbacks lost; REBOOT_OBC completes. */
    private void boot(double ob) {
        TcAck rebootCommand = obc.boot();
        modes.resetForBoot();
        telescope.resetCounters();
        stores.cancelDumps();
        downlink.event(ob, Events.WARNING, Events.BOOT, "BOOT " + obc.bootCount() + " MODE SAFE");
        if (rebootCommand != null) {
            ledger.completed(rebootCommand, TcAck.OK, ob);
        }
    }

    // ---------------------------------------------------------------------------------------------- commanding

    /** A CLTU radiated by a station at simulated time {@code t}. */
    public void receiveCltu(byte[] cltu, Instant t) {
        now = t;
        receiver.receiveCltu(cltu);
        farmVr = receiver.farm().vR();
        downlink.flushRealtime(); // acknowledgements go out now, not at the next tick
    }

    private void onTcPacket(byte[] packet) {
        commands.handle(packet, now);
    }

    // ---------------------------------------------------------------------------------------------- test hooks

    /**
     * Test hook: records a tracklet of {@code detCount} detections right now, whatever the mode, as if seen on
     * the last {@code detCount} exposures. Completes with its tracklet id.
     */
    public CompletableFuture<Long> injectTracklet(int detCount) {
        return injectTracklet(detCount, detCount);
    }

    /**
     * Test hook: as {@link #injectTracklet(int)}, but only the first {@code storedNow} of the {@code detCount}
     * detections go into the store now; {@link #injectRestOfTracklet} stores the others later, as when a
     * tracklet's detections are split by a dump.
     */
    public CompletableFuture<Long> injectTracklet(int detCount, int storedNow) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        owner.execute(() -> {
            try {
                Instant t = now != null ? now : Instant.now();
                double ob = onboardTime(t);
                List<Telescope.Exposure> seen = new ArrayList<>();
                for (int i = detCount - 1; i >= 0; i--) {
                    Instant mid = t.minusSeconds((long) i * Telescope.CADENCE_S + Telescope.EXPOSURE_S / 2);
                    seen.add(new Telescope.Exposure(onboardTime(mid), GpsTime.date(mid),
                            orbit.at(GpsTime.date(mid)).positionKm()));
                }
                Vector3D anti = state != null ? state.sunDirection().negate() : Vector3D.PLUS_I;
                Telescope.Exposure first = seen.get(0);
                Telescope.Asteroid a = telescope.newAsteroid(first.midDate(), first.observerKm(),
                        AttitudeModel.ra(anti), AttitudeModel.dec(anti), detCount, 0);
                Telescope.Tracklet tracklet = telescope.detect(a, seen);
                List<Telescope.Detection> all = tracklet.detections();
                long id = science.recordPart(tracklet, storedNow, ob);
                if (storedNow < all.size()) {
                    heldBack.put(id, List.copyOf(all.subList(storedNow, all.size())));
                }
                f.complete(id);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Test hook: stores now the detections of tracklet {@code id} that {@link #injectTracklet(int, int)} held back. */
    public CompletableFuture<Integer> injectRestOfTracklet(long id) {
        return onOwner(() -> {
            List<Telescope.Detection> rest = heldBack.remove(id);
            if (rest == null) {
                throw new IllegalArgumentException("no detections of tracklet " + id + " held back");
            }
            science.store(id, rest, onboardTime(now != null ? now : Instant.now()));
            return rest.size();
        });
    }

    /**
     * Test hook: leaves SURVEY for STANDBY now, as SET_MODE STANDBY would (its MODE_CHANGED event, the tracklets
     * not yet recorded are dropped) but without a command: no more detections after it.
     */
    public CompletableFuture<Mode> endSurvey() {
        return onOwner(() -> {
            modes.setMode(Mode.STANDBY, onboardTime(now != null ? now : Instant.now()));
            return modes.mode();
        });
    }

    // ---------------------------------------------------------------------------------------------- truth

    /** The truth onboard now (both stores, science counters, mode), taken on the simulation thread. */
    public CompletableFuture<SpacecraftSnapshot> snapshot() {
        return onOwner(() -> {
            Instant t = now;
            return new SpacecraftSnapshot(name, spacecraft.scid(), t, t == null ? null : onboardTime(t), modes.mode(),
                    modes.payloadOn(), obc.rebooting(), obc.bootCount(), stores.snapshot(STORE_HK),
                    stores.snapshot(STORE_SCIENCE), telescope.exposures(), telescope.detections(),
                    telescope.detectionsTotal(), science.trackletsRecorded());
        });
    }

    /**
     * One store's contents and counters now.
     *
     * @param store {@link #STORE_HK} or {@link #STORE_SCIENCE}
     */
    public CompletableFuture<StoreSnapshot> storeSnapshot(int store) {
        checkStore(store);
        return onOwner(() -> stores.snapshot(store));
    }

    /** The packets a store holds now, oldest first (what a full DUMP_STORE would play back). */
    public CompletableFuture<List<StoredPacket>> storedPackets(int store) {
        checkStore(store);
        return onOwner(() -> stores.byId(store).contents());
    }

    private static void checkStore(int store) {
        if (store != STORE_HK && store != STORE_SCIENCE) {
            throw new IllegalArgumentException("no store " + store + " (0 HK, 1 SCIENCE)");
        }
    }

    /** Runs {@code read} on the owner of the state; fails when the simulator has stopped. */
    private <T> CompletableFuture<T> onOwner(Supplier<T> read) {
        CompletableFuture<T> f = new CompletableFuture<>();
        try {
            owner.execute(() -> {
                try {
                    f.complete(read.get());
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new IllegalStateException(name + ": the simulator has stopped", e));
        }
        return f;
    }

    // ---------------------------------------------------------------------------------------------- accessors

    public Spacecraft spacecraft() {
        return spacecraft;
    }

    public int scid() {
        return spacecraft.scid();
    }

    public String name() {
        return name;
    }

    /** The last BUS_HK emitted on VC0, or null before the first tick. */
    public BusHk lastBusHk() {
        return lastBusHk;
    }

    public Mode mode() {
        return modes.mode();
    }

    public boolean payloadOn() {
        return modes.payloadOn();
    }

    public long tcAccepted() {
        return ledger.accepted();
    }

    public long tcRejected() {
        return ledger.rejected();
    }

    public List<ExecutedCommand> executedCommands() {
        return ledger.executed();
    }

    public int farmVr() {
        return farmVr;
    }

    public int bootCount() {
        return obc.bootCount();
    }

    public boolean rebooting() {
        return obc.rebooting();
    }

    /** The orbit state of the last tick (simulation thread). */
    public OrbitState orbitState() {
        return state;
    }

    /** Simulation-thread views for tests and the simulator. */
    public TcReceiver receiver() {
        return receiver;
    }

    public PacketStore hkStore() {
        return stores.hk();
    }

    public PacketStore scienceStore() {
        return stores.science();
    }

    public PowerModel power() {
        return platform.power();
    }

    public ThermalModel thermal() {
        return platform.thermal();
    }

    public Telescope telescope() {
        return telescope;
    }

    public TmFramer framer() {
        return framer;
    }

    public long trackletsRecorded() {
        return science.trackletsRecorded();
    }
}
