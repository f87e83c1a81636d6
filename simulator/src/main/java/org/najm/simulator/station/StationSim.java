package org.najm.simulator.station;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import org.najm.constellation.Station;
import org.najm.simulator.spacecraft.OrbitModel.OrbitState;
import org.najm.simulator.spacecraft.SpacecraftSim;
import org.orekit.frames.TopocentricFrame;

/**
 * One ground station with one antenna: decides each tick which spacecraft it tracks, forwards that
 * spacecraft's TM frames to the MOC and radiates the MOC's CLTUs to it. After a contact ends the antenna
 * needs the turnaround time before the next one.
 *
 * <p>Faults for tests: during an {@link Outage} the station has failed: it forwards no TM and radiates no CLTU
 * (both dropped and counted), while the antenna keeps following its policy, so a contact resumes when the outage
 * ends inside it. {@link FrameCorruption} flips one bit in a fraction of the frames it forwards.
 */
public final class StationSim {

    private static final Logger LOG = Logger.getLogger(StationSim.class.getName());

    /** Where forwarded frames go (the UDP link to the MOC). */
    @FunctionalInterface
    public interface FrameOutput {
        void send(byte[] frame);
    }

    private final Station station;
    private final TopocentricFrame topo;
    private final AntennaPolicy policy;
    private final long turnaroundMillis;
    private volatile FrameOutput output = f -> { };
    private final Map<Integer, Instant> risen = new HashMap<>();
    private final Map<Integer, Double> elevations = new ConcurrentHashMap<>();
    private final Map<Integer, String> names = new HashMap<>();
    private volatile int tracked = -1;
    private Instant contactStart;
    private Instant readyAt = Instant.MIN;
    private final AtomicLong framesForwarded = new AtomicLong();
    private final AtomicLong cltusReceived = new AtomicLong();
    private final AtomicLong cltusRadiated = new AtomicLong();
    private final AtomicLong cltusDroppedNoContact = new AtomicLong();
    private final AtomicLong framesDroppedSend = new AtomicLong();
    private final AtomicLong framesDroppedOutage = new AtomicLong();
    private final AtomicLong cltusDroppedOutage = new AtomicLong();
    private final OutageSchedule outages = new OutageSchedule();
    private final FrameCorruption corruption;
    /** Simulated time of the last tick (or CLTU): what the outage windows are compared with. */
    private volatile Instant now;
    private boolean outageLogged;

    public StationSim(Station station, AntennaPolicy policy, int turnaroundSeconds) {
        this.station = station;
        this.topo = Visibility.topocentric(station);
        this.policy = policy;
        this.turnaroundMillis = turnaroundSeconds * 1000L;
        this.corruption = new FrameCorruption(defaultCorruptionSeed());
    }

    public void setOutput(FrameOutput output) {
        this.output = output;
    }

    /** Recomputes visibility of every spacecraft and the antenna's choice at simulated time {@code t}. */
    public void update(Instant t, List<SpacecraftSim> spacecraft) {
        now = t;
        logOutageChange(t);
        List<AntennaPolicy.Candidate> visible = new ArrayList<>();
        for (SpacecraftSim sc : spacecraft) {
            OrbitState s = sc.orbitState();
            double el = Visibility.elevationDeg(topo, s.positionItrf(), s.date());
            int scid = sc.scid();
            names.putIfAbsent(scid, sc.name());
            elevations.put(scid, el);
            if (el >= station.mask()) {
                Instant rise = risen.computeIfAbsent(scid, k -> t);
                visible.add(new AntennaPolicy.Candidate(scid, rise, el));
            } else {
                risen.remove(scid);
            }
        }
        OptionalInt current = tracked < 0 ? OptionalInt.empty() : OptionalInt.of(tracked);
        if (current.isPresent() && visible.stream().noneMatch(c -> c.scid() == tracked)) {
            los(t, "set below mask");
            current = OptionalInt.empty();
        }
        if (t.isBefore(readyAt)) {
            return; // antenna slewing / reconfiguring
        }
        OptionalInt choice = policy.choose(station, current, visible, t);
        if (!choice.equals(current)) {
            if (current.isPresent()) {
                los(t, "handed over");
                if (t.isBefore(readyAt)) {
                    return;
                }
            }
            if (choice.isPresent()) {
                int scid = choice.getAsInt();
                tracked = scid;
                contactStart = t;
                LOG.info(String.format("%s: AOS %s at %s (elevation %.1f deg)", station.name(), names.get(scid), t,
                        elevations.get(scid)));
            }
        }
    }

    private void los(Instant t, String why) {
        LOG.info(String.format("%s: LOS %s at %s (%s, contact of %d s)", station.name(), names.get(tracked), t, why,
                (t.toEpochMilli() - contactStart.toEpochMilli()) / 1000));
        tracked = -1;
        readyAt = t.plusMillis(turnaroundMillis);
    }

    private void logOutageChange(Instant t) {
        boolean out = outages.active(t);
        if (out != outageLogged) {
            outageLogged = out;
            LOG.info(station.name() + (out ? ": OUTAGE begins at " + t + ": no TM forwarded, no CLTU radiated"
                    : ": outage ends at " + t));
        }
    }

    /**
     * A TM frame from spacecraft {@code scid}: forwarded when it is the one tracked, unless the station is out
     * (dropped, counted); perhaps with a bit flipped ({@link #setCorruption}). {@code frame} is never changed.
     */
    public void downlink(int scid, byte[] frame) {
        if (scid == tracked) {
            if (outages.active(now)) {
                framesDroppedOutage.incrementAndGet();
                return;
            }
            framesForwarded.incrementAndGet();
            output.send(corruption.apply(frame));
        }
    }

    /** A CLTU from the MOC: radiated to the tracked spacecraft, or lost (out of service, or no contact). */
    public void uplink(byte[] cltu, Instant t, Map<Integer, SpacecraftSim> spacecraft) {
        now = t;
        if (outages.active(t)) {
            cltusDroppedOutage.incrementAndGet();
            LOG.info(station.name() + ": CLTU of " + cltu.length + " octets dropped: station out of service");
            return;
        }
        int scid = tracked;
        SpacecraftSim sc = spacecraft.get(scid);
        if (scid < 0 || sc == null) {
            cltusDroppedNoContact.incrementAndGet();
            LOG.info(station.name() + ": CLTU of " + cltu.length + " octets dropped: no spacecraft in contact");
            return;
        }
        cltusRadiated.incrementAndGet();
        sc.receiveCltu(cltu, t);
    }

    // ---------------------------------------------------------------------------------------------- faults

    /**
     * Takes the station out of service from {@code start} up to {@code stop} (mission time). Windows add up;
     * past ones are kept in {@link #outages()}. Any thread.
     *
     * @throws IllegalArgumentException unless start is before stop
     */
    public Outage addOutage(Instant start, Instant stop) {
        Outage o = outages.add(start, stop);
        LOG.info(station.name() + ": outage planned " + o.start() + " .. " + o.stop());
        return o;
    }

    /** Every outage window, past ones too, by start time. */
    public List<Outage> outages() {
        return outages.windows();
    }

    /** Removes every outage window: the station is back in service at once. */
    public void clearOutages() {
        outages.clear();
        LOG.info(station.name() + ": outages cleared");
    }

    /** True when the station is out of service at {@code t}. */
    public boolean inOutage(Instant t) {
        return outages.active(t);
    }

    /** True when the station is out of service at its last tick. */
    public boolean inOutage() {
        return outages.active(now);
    }

    /** Simulated time of the station's last tick or CLTU, or null before the first. */
    public Instant lastUpdate() {
        return now;
    }

    /** Corrupts a fraction {@code rate} (0..1, 0: none) of the frames forwarded, PRNG seeded by the station's id. */
    public void setCorruption(double rate) {
        setCorruption(rate, defaultCorruptionSeed());
    }

    /**
     * Corrupts (one bit flipped) a fraction {@code rate} of the frames forwarded; the PRNG restarts from
     * {@code seed}.
     *
     * @throws IllegalArgumentException for a rate outside [0, 1]
     */
    public void setCorruption(double rate, long seed) {
        corruption.set(rate, seed);
        LOG.info(station.name() + (rate == 0 ? ": frame corruption off"
                : String.format(": frame corruption %s of the frames forwarded (seed %d)", rate, seed)));
    }

    public double corruptionRate() {
        return corruption.rate();
    }

    public long corruptionSeed() {
        return corruption.seed();
    }

    /** The seed of {@link #setCorruption(double)}: the station's id. */
    public long defaultCorruptionSeed() {
        return station.id();
    }

    /** Frames forwarded with a bit flipped, so far (they count in {@link #framesForwarded()} too). */
    public long corruptedFrames() {
        return corruption.corrupted();
    }

    /** Frames of the tracked spacecraft not forwarded because the station was out of service. */
    public long framesDroppedOutage() {
        return framesDroppedOutage.get();
    }

    /** CLTUs from the MOC not radiated because the station was out of service. */
    public long cltusDroppedOutage() {
        return cltusDroppedOutage.get();
    }

    // ---------------------------------------------------------------------------------------------- counters

    void countCltuReceived() {
        cltusReceived.incrementAndGet();
    }

    void countSendFailure() {
        framesDroppedSend.incrementAndGet();
    }

    public Station station() {
        return station;
    }

    public int id() {
        return station.id();
    }

    public OptionalInt trackedScid() {
        int t = tracked;
        return t < 0 ? OptionalInt.empty() : OptionalInt.of(t);
    }

    /** True when {@code scid} was above the mask at the last tick. */
    public boolean visible(int scid) {
        Double el = elevations.get(scid);
        return el != null && el >= station.mask();
    }

    /** Elevation of {@code scid} at the last tick, degrees (NaN before the first). */
    public double elevation(int scid) {
        return elevations.getOrDefault(scid, Double.NaN);
    }

    public long framesForwarded() {
        return framesForwarded.get();
    }

    public long cltusReceived() {
        return cltusReceived.get();
    }

    public long cltusRadiated() {
        return cltusRadiated.get();
    }

    public long cltusDroppedNoContact() {
        return cltusDroppedNoContact.get();
    }

    public long framesDroppedSend() {
        return framesDroppedSend.get();
    }
}
