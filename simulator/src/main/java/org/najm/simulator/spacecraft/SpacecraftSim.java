package org.najm.simulator.spacecraft;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.constellation.Spacecraft;
import org.najm.simulator.link.TcReceiver;
import org.najm.simulator.link.TmFramer;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.BusHk;
import org.najm.simulator.packet.Cuc;
import org.najm.simulator.packet.EventPacket;
import org.najm.simulator.packet.GpsTime;
import org.najm.simulator.packet.PayloadHk;
import org.najm.simulator.packet.SciDetection;
import org.najm.simulator.packet.SequenceCounters;
import org.najm.simulator.packet.TcAck;
import org.najm.simulator.packet.TmPacket;
import org.najm.simulator.spacecraft.OrbitModel.OrbitState;

/**
 * One simulated spacecraft: orbit, power, thermal, attitude, telescope, stores, onboard commanding and its
 * TM/TC link. Driven by {@link #tick(Instant)} once per simulated second and {@link #receiveCltu} on the
 * simulation thread; the accessors for tests may be called from any thread.
 */
public final class SpacecraftSim {

    private static final Logger LOG = Logger.getLogger(SpacecraftSim.class.getName());

    public static final int VC_REALTIME = 0;
    public static final int VC_SCIENCE = 1;
    public static final int VC_HK = 2;
    public static final int STORE_HK = 0;
    public static final int STORE_SCIENCE = 1;
    public static final long SCIENCE_STORE_OCTETS = 64L << 20;
    public static final long HK_STORE_OCTETS = 8L << 20;
    public static final int REBOOT_SECONDS = 3;
    static final double BATTERY_LOW_SOC = 0.30;
    static final double BATTERY_SAFE_SOC = 0.20;

    private final Spacecraft spacecraft;
    private final String name;
    private final OrbitModel orbit;
    private final TmFramer framer;
    private final TcReceiver receiver;
    private final SequenceCounters sequences = new SequenceCounters();
    private final PacketStore hkStore;
    private final PacketStore scienceStore;
    private final PowerModel power = new PowerModel(0.9);
    private final ThermalModel thermal = new ThermalModel();
    private final Telescope telescope;
    private final Random rnd;
    private final CommandExecutor commands;
    private final double dumpFramesPerTick;
    private volatile Executor owner = Runnable::run;

    private OrbitState state;
    private Instant now;
    private Instant lastTick;
    private volatile Mode mode = Mode.STANDBY;
    private volatile boolean payloadOn;
    private int heaterSetpoint = 1000;
    private volatile int bootCount;
    private long uptime;
    private double clockOffset;
    private volatile long tcAccepted;
    private volatile long tcRejected;
    private int lastTcOpcode;
    private long nextTrackletId = 1;
    private boolean inEclipse;
    private boolean eclipseKnown;
    private boolean batteryLow;
    private Instant rebootDoneAt;
    private TcAck pendingRebootAck;
    private final Dump[] dumps = new Dump[2];
    private double dumpBudget;
    private volatile BusHk lastBusHk;
    private volatile int farmVr;
    private final List<ExecutedCommand> executed = new CopyOnWriteArrayList<>();

    /** A store playback in progress; completes its DUMP_STORE when the last packet is framed. */
    private record Dump(int store, List<byte[]> packets, int[] next, TcAck ack) {
    }

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
        this.rnd = new Random(seed ^ spacecraft.scid());
        this.telescope = new Telescope(new Random(rnd.nextLong()));
        this.dumpFramesPerTick = dumpFramesPerTick;
        this.scienceStore = new PacketStore("SCIENCE", scienceStoreOctets);
        this.hkStore = new PacketStore("HK", hkStoreOctets);
        this.receiver = new TcReceiver(spacecraft.scid(), name, this::onTcPacket);
        this.framer = new TmFramer(spacecraft.scid(), () -> receiver.farm().clcw(), downlink);
        this.commands = new CommandExecutor(this);
    }

    /** The executor that owns this spacecraft's state (the simulation thread); test hooks run through it. */
    public void setOwner(Executor owner) {
        this.owner = owner;
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
        return GpsTime.seconds(t) + clockOffset;
    }

    /** One simulated second. */
    public void tick(Instant t) {
        propagate(t);
        double dt = lastTick == null ? 1 : Math.min(60, Math.max(0, (t.toEpochMilli() - lastTick.toEpochMilli()) / 1000.0));
        lastTick = t;
        long framesBefore = framer.framesEmitted();
        double ob = onboardTime(t);
        long second = t.getEpochSecond();

        physics(dt, ob);
        if (rebootDoneAt != null) {
            if (t.isBefore(rebootDoneAt)) {
                endTick(framesBefore); // OBC down: nothing but idle frames with the CLCW
                return;
            }
            finishReboot(ob);
        }
        uptime += Math.round(dt);
        if (mode == Mode.SURVEY) {
            Vector3D antiSun = state.sunDirection().negate();
            for (List<Telescope.Detection> tracklet : telescope.surveySecond(second, ob, state.positionKm(), antiSun)) {
                storeTracklet(tracklet, ob);
            }
        }
        BusHk hk = busHk(ob);
        byte[] hkPacket = hk.encode(sequences.next(Apid.BUS_HK));
        lastBusHk = hk;
        realtime(hkPacket);
        if (Math.floorMod(second, 10) == 0) {
            store(hkStore, ob, hkPacket);
        }
        if (Math.floorMod(second, 5) == 0) {
            realtime(payloadHk(ob).encode(sequences.next(Apid.PAYLOAD_HK)));
        }
        playDumps(ob);
        endTick(framesBefore);
    }

    private void endTick(long framesBefore) {
        framer.vc(VC_REALTIME).flush();
        if (framer.framesEmitted() == framesBefore) {
            framer.emitIdleFrame();
        }
    }

    private void physics(double dt, double ob) {
        boolean eclipse = state.inEclipse();
        if (eclipseKnown && eclipse != inEclipse && rebootDoneAt == null) {
            event(ob, Events.INFO, eclipse ? Events.ECLIPSE_ENTRY : Events.ECLIPSE_EXIT,
                    eclipse ? "ECLIPSE ENTRY" : "ECLIPSE EXIT");
        }
        inEclipse = eclipse;
        eclipseKnown = true;
        thermal.step(dt, eclipse, mode, payloadOn, heaterSetpoint / 100.0);
        double load = PowerModel.load(mode, payloadOn, telescope.exposing(), thermal.heaterOn());
        power.step(dt, PowerModel.solar(eclipse, mode), load);
        if (rebootDoneAt != null) {
            return;
        }
        if (!batteryLow && power.soc() < BATTERY_LOW_SOC) {
            batteryLow = true;
            event(ob, Events.WARNING, Events.BATTERY_LOW, "BATTERY LOW SOC " + power.socPercent() + "%");
        } else if (batteryLow && power.soc() > BATTERY_LOW_SOC + 0.1) {
            batteryLow = false;
            event(ob, Events.INFO, Events.BATTERY_RECOVERED, "BATTERY RECOVERED SOC " + power.socPercent() + "%");
        }
        if (power.soc() < BATTERY_SAFE_SOC && mode != Mode.SAFE) {
            event(ob, Events.ERROR, Events.SAFE_MODE_ENTERED, "AUTONOMOUS SAFE MODE SOC " + power.socPercent() + "%");
            setMode(Mode.SAFE, ob);
        }
    }

    private BusHk busHk(double ob) {
        Vector3D boresight = mode == Mode.SURVEY && telescope.hasField()
                ? AttitudeModel.direction(telescope.fieldRa(), telescope.fieldDec())
                : state.sunDirection().negate();
        float[] rates = { (float) (rnd.nextGaussian() * 0.002), (float) (rnd.nextGaussian() * 0.002),
                (float) (rnd.nextGaussian() * 0.002) };
        Vector3D v = state.velocityGcrf();
        return new BusHk(quantize(ob), mode.code(), power.voltageMv(), power.socPercent(), power.loadMa(), power.solarMa(),
                state.inEclipse(), ThermalModel.centi(thermal.obc()), ThermalModel.centi(thermal.battery()),
                ThermalModel.centi(thermal.telescope()), thermal.heaterOn(), AttitudeModel.quaternion(boresight),
                rates, state.positionKm(),
                new float[] { (float) (v.getX() / 1000), (float) (v.getY() / 1000), (float) (v.getZ() / 1000) },
                scienceStore.fill(), hkStore.fill(), (int) (tcAccepted & 0xFFFF), (int) (tcRejected & 0xFFFF),
                lastTcOpcode, uptime, bootCount);
    }

    private PayloadHk payloadHk(double ob) {
        int state = !payloadOn ? PayloadHk.OFF : telescope.exposing() ? PayloadHk.EXPOSING : PayloadHk.IDLE;
        return new PayloadHk(quantize(ob), state, ThermalModel.centi(thermal.ccd()), telescope.exposures(),
                telescope.detections(), (float) telescope.fieldRa(), (float) telescope.fieldDec());
    }

    /** The time as the CUC encodes it, so recorded values equal decoded ones. */
    static double quantize(double gps) {
        ByteBuffer bb = ByteBuffer.allocate(Cuc.LENGTH);
        Cuc.put(bb, gps);
        bb.flip();
        return Cuc.get(bb);
    }

    // ---------------------------------------------------------------------------------------------- science

    private long storeTracklet(List<Telescope.Detection> tracklet, double ob) {
        long id = nextTrackletId++;
        for (Telescope.Detection d : tracklet) {
            SciDetection p = new SciDetection(ob, id, d.detIndex(), d.detCount(), d.obsTime(), d.ra(), d.dec(),
                    d.rmsRa(), d.rmsDec(), d.mag(), d.rmsMag(), d.band(), d.snr(), Telescope.EXPOSURE_S,
                    d.observerKm());
            store(scienceStore, ob, p.encode(sequences.next(Apid.SCI_DETECTION)));
        }
        LOG.fine(() -> name + ": tracklet " + id + " with " + tracklet.size() + " detections");
        return id;
    }

    /**
     * Test hook: records a tracklet of {@code detCount} detections right now, whatever the mode, as if seen on
     * the last {@code detCount} exposures. Completes with its tracklet id.
     */
    public CompletableFuture<Long> injectTracklet(int detCount) {
        CompletableFuture<Long> f = new CompletableFuture<>();
        owner.execute(() -> {
            try {
                Instant t = now != null ? now : Instant.now();
                double ob = onboardTime(t);
                List<Telescope.Exposure> seen = new ArrayList<>();
                for (int i = detCount - 1; i >= 0; i--) {
                    Instant mid = t.minusSeconds((long) i * Telescope.CADENCE_S + Telescope.EXPOSURE_S / 2);
                    seen.add(new Telescope.Exposure(onboardTime(mid), orbit.at(GpsTime.date(mid)).positionKm()));
                }
                Vector3D anti = state != null ? state.sunDirection().negate() : Vector3D.PLUS_I;
                Telescope.Asteroid a = telescope.newAsteroid(AttitudeModel.ra(anti), AttitudeModel.dec(anti),
                        detCount, 0);
                f.complete(storeTracklet(telescope.detect(a, seen), ob));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    // ---------------------------------------------------------------------------------------------- packets

    void realtime(byte[] packet) {
        framer.vc(VC_REALTIME).addPacket(packet);
    }

    private void store(PacketStore s, double ob, byte[] packet) {
        if (s.add(ob, packet) == PacketStore.AddResult.OVERFLOW_STARTED) {
            event(ob, Events.WARNING, Events.STORE_OVERFLOW, s.name() + " STORE OVERFLOW: OLDEST DATA OVERWRITTEN");
        }
    }

    void event(double ob, int severity, int id, String text) {
        byte[] p = new EventPacket(ob, severity, id, text).encode(sequences.next(Apid.EVENT));
        LOG.info(() -> String.format("%s: EVENT 0x%04X %s", name, id, text));
        realtime(p);
        store(hkStore, ob, p);
    }

    void ack(TcAck ack) {
        realtime(ack.encode(sequences.next(Apid.TC_ACK)));
    }

    // ---------------------------------------------------------------------------------------------- commanding

    /** A CLTU radiated by a station at simulated time {@code t}. */
    public void receiveCltu(byte[] cltu, Instant t) {
        now = t;
        receiver.receiveCltu(cltu);
        farmVr = receiver.farm().vR();
        framer.vc(VC_REALTIME).flush(); // acknowledgements go out now, not at the next tick
    }

    private void onTcPacket(byte[] packet) {
        double ob = onboardTime(now);
        if (rebootDoneAt != null) {
            LOG.warning(name + ": TC packet lost: OBC rebooting");
            return;
        }
        commands.handle(packet, ob);
    }

    void countAccepted(int opcode) {
        tcAccepted++;
        lastTcOpcode = opcode;
    }

    void countRejected() {
        tcRejected++;
    }

    void executed(ExecutedCommand c) {
        executed.add(c);
        if (executed.size() > 10_000) {
            executed.remove(0);
        }
    }

    Mode modeNow() {
        return mode;
    }

    boolean payloadPowered() {
        return payloadOn;
    }

    void setMode(Mode m, double ob) {
        if (m == mode) {
            return;
        }
        Mode old = mode;
        mode = m;
        if (old == Mode.SURVEY) {
            telescope.stop();
        }
        if (m == Mode.SAFE && payloadOn) {
            payloadOn = false;
        }
        event(ob, Events.INFO, Events.MODE_CHANGED, "MODE " + old + " -> " + m);
    }

    void setPayloadPower(boolean on, double ob) {
        if (on == payloadOn) {
            return;
        }
        payloadOn = on;
        event(ob, Events.INFO, Events.PAYLOAD_POWER, "PAYLOAD POWER " + (on ? "ON" : "OFF"));
        if (!on && mode == Mode.SURVEY) {
            setMode(Mode.STANDBY, ob);
        }
    }

    void setHeaterSetpoint(int centiC, double ob) {
        heaterSetpoint = centiC;
        event(ob, Events.INFO, Events.HEATER_SETPOINT, String.format("HEATER SETPOINT %.2f C", centiC / 100.0));
    }

    void timeSync(double newTime, double ob) {
        clockOffset += newTime - ob;
        event(newTime, Events.INFO, Events.TIME_SYNCED, String.format("TIME SYNCED OFFSET %+.3f S", newTime - ob));
    }

    PacketStore store(int id) {
        return id == STORE_HK ? hkStore : scienceStore;
    }

    /** Starts a playback; false when that store is already playing back. */
    boolean startDump(int storeId, long from, long to, TcAck ack, double ob) {
        if (dumps[storeId] != null) {
            return false;
        }
        PacketStore s = store(storeId);
        List<byte[]> packets = s.select(from, to);
        dumps[storeId] = new Dump(storeId, packets, new int[1], ack);
        event(ob, Events.INFO, Events.DUMP_STARTED, s.name() + " DUMP " + from + ".." + to + ": " + packets.size() + " PACKETS");
        return true;
    }

    private void playDumps(double ob) {
        dumpBudget = Math.min(dumpBudget + dumpFramesPerTick, Math.max(1, dumpFramesPerTick) * 2);
        for (int storeId : new int[] { STORE_HK, STORE_SCIENCE }) {
            Dump d = dumps[storeId];
            if (d == null) {
                continue;
            }
            TmFramer.VirtualChannel vc = framer.vc(storeId == STORE_HK ? VC_HK : VC_SCIENCE);
            while (dumpBudget >= 1 && d.next()[0] < d.packets().size()) {
                long before = framer.framesEmitted();
                vc.addPacket(d.packets().get(d.next()[0]++));
                dumpBudget -= framer.framesEmitted() - before;
            }
            if (d.next()[0] >= d.packets().size() && dumpBudget >= 1) {
                long before = framer.framesEmitted();
                vc.flush();
                dumpBudget -= framer.framesEmitted() - before;
                dumps[storeId] = null;
                event(ob, Events.INFO, Events.DUMP_DONE,
                        store(storeId).name() + " DUMP DONE: " + d.packets().size() + " PACKETS");
                commands.completed(d.ack(), TcAck.OK, ob);
            }
        }
    }

    void startReboot(TcAck ack) {
        rebootDoneAt = now.plusSeconds(REBOOT_SECONDS);
        pendingRebootAck = ack;
        LOG.info(name + ": OBC rebooting");
    }

    private void finishReboot(double ob) {
        rebootDoneAt = null;
        bootCount++;
        uptime = 0;
        if (mode == Mode.SURVEY) {
            telescope.stop();
        }
        mode = Mode.SAFE;
        payloadOn = false;
        telescope.resetCounters();
        dumps[0] = null;
        dumps[1] = null;
        event(ob, Events.WARNING, Events.BOOT, "BOOT " + bootCount + " MODE SAFE");
        if (pendingRebootAck != null) {
            commands.completed(pendingRebootAck, TcAck.OK, ob);
            pendingRebootAck = null;
        }
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
        return mode;
    }

    public boolean payloadOn() {
        return payloadOn;
    }

    public long tcAccepted() {
        return tcAccepted;
    }

    public long tcRejected() {
        return tcRejected;
    }

    public List<ExecutedCommand> executedCommands() {
        return List.copyOf(executed);
    }

    public int farmVr() {
        return farmVr;
    }

    public int bootCount() {
        return bootCount;
    }

    public boolean rebooting() {
        return rebootDoneAt != null;
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
        return hkStore;
    }

    public PacketStore scienceStore() {
        return scienceStore;
    }

    public PowerModel power() {
        return power;
    }

    public ThermalModel thermal() {
        return thermal;
    }

    public Telescope telescope() {
        return telescope;
    }

    public TmFramer framer() {
        return framer;
    }

    public long trackletsRecorded() {
        return nextTrackletId - 1;
    }

    /** Raw realtime packet (tests). */
    static int apidOf(byte[] p) {
        return TmPacket.apid(p);
    }
}
