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

    public StationSim(Station station, AntennaPolicy policy, int turnaroundSeconds) {
        this.station = station;
        this.topo = Visibility.topocentric(station);
        this.policy = policy;
        this.turnaroundMillis = turnaroundSeconds * 1000L;
    }

    public void setOutput(FrameOutput output) {
        this.output = output;
    }

    /** Recomputes visibility of every spacecraft and the antenna's choice at simulated time {@code t}. */
    public void update(Instant t, List<SpacecraftSim> spacecraft) {
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

    /** A TM frame from spacecraft {@code scid}: forwarded when it is the one tracked. */
    public void downlink(int scid, byte[] frame) {
        if (scid == tracked) {
            framesForwarded.incrementAndGet();
            output.send(frame);
        }
    }

    /** A CLTU from the MOC: radiated to the tracked spacecraft, or lost. Simulation thread. */
    public void uplink(byte[] cltu, Instant t, Map<Integer, SpacecraftSim> spacecraft) {
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
