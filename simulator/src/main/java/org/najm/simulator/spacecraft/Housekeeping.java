package org.najm.simulator.spacecraft;

import java.nio.ByteBuffer;
import java.util.Random;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.BusHk;
import org.najm.simulator.packet.Cuc;
import org.najm.simulator.packet.PayloadHk;
import org.najm.simulator.spacecraft.OrbitModel.OrbitState;

/**
 * BUS_HK every second (and every 10 s into the HK store) and PAYLOAD_HK every 5 s, assembled from the state of
 * every subsystem.
 */
final class Housekeeping {

    private static final int HK_STORE_PERIOD_S = 10;
    private static final int PAYLOAD_HK_PERIOD_S = 5;
    /** Body rate noise, deg/s (1 sigma): a quiet attitude control loop. */
    private static final double RATE_NOISE = 0.002;

    private final Random rnd;
    private final ModeControl modes;
    private final Platform platform;
    private final Telescope telescope;
    private final Stores stores;
    private final CommandLedger ledger;
    private final Obc obc;
    private final Downlink downlink;

    Housekeeping(Random rnd, ModeControl modes, Platform platform, Telescope telescope, Stores stores,
            CommandLedger ledger, Obc obc, Downlink downlink) {
        this.rnd = rnd;
        this.modes = modes;
        this.platform = platform;
        this.telescope = telescope;
        this.stores = stores;
        this.ledger = ledger;
        this.obc = obc;
        this.downlink = downlink;
    }

    /** This second's HK packets; returns the BUS_HK sent. */
    BusHk emit(long second, double ob, OrbitState state) {
        BusHk hk = busHk(ob, state);
        byte[] packet = hk.encode(downlink.nextSequenceCount(Apid.BUS_HK));
        downlink.realtime(packet);
        if (Math.floorMod(second, HK_STORE_PERIOD_S) == 0) {
            downlink.store(stores.hk(), ob, packet);
        }
        if (Math.floorMod(second, PAYLOAD_HK_PERIOD_S) == 0) {
            downlink.realtime(payloadHk(ob).encode(downlink.nextSequenceCount(Apid.PAYLOAD_HK)));
        }
        return hk;
    }

    private BusHk busHk(double ob, OrbitState state) {
        float[] rates = { (float) (rnd.nextGaussian() * RATE_NOISE), (float) (rnd.nextGaussian() * RATE_NOISE),
                (float) (rnd.nextGaussian() * RATE_NOISE) };
        Vector3D v = state.velocityGcrf();
        PowerModel power = platform.power();
        ThermalModel thermal = platform.thermal();
        return new BusHk(quantize(ob), modes.mode().code(), power.voltageMv(), power.socPercent(), power.loadMa(),
                power.solarMa(), state.inEclipse(), ThermalModel.centi(thermal.obc()),
                ThermalModel.centi(thermal.battery()), ThermalModel.centi(thermal.telescope()), thermal.heaterOn(),
                AttitudeModel.quaternion(boresight(state)), rates, state.positionKm(),
                new float[] { (float) (v.getX() / 1000), (float) (v.getY() / 1000), (float) (v.getZ() / 1000) },
                stores.science().fill(), stores.hk().fill(), (int) (ledger.accepted() & 0xFFFF),
                (int) (ledger.rejected() & 0xFFFF), ledger.lastOpcode(), obc.uptime(), obc.bootCount());
    }

    /** The pointing law: on the survey field in SURVEY, anti-Sun otherwise. */
    private Vector3D boresight(OrbitState state) {
        return modes.mode() == Mode.SURVEY && telescope.hasField()
                ? AttitudeModel.direction(telescope.fieldRa(), telescope.fieldDec())
                : state.sunDirection().negate();
    }

    private PayloadHk payloadHk(double ob) {
        int state = !modes.payloadOn() ? PayloadHk.OFF : telescope.exposing() ? PayloadHk.EXPOSING : PayloadHk.IDLE;
        return new PayloadHk(quantize(ob), state, ThermalModel.centi(platform.thermal().ccd()),
                telescope.exposures(), telescope.detections(), (float) telescope.fieldRa(),
                (float) telescope.fieldDec());
    }

    /** The time as the CUC encodes it, so recorded values equal decoded ones. */
    static double quantize(double gps) {
        ByteBuffer bb = ByteBuffer.allocate(Cuc.LENGTH);
        Cuc.put(bb, gps);
        bb.flip();
        return Cuc.get(bb);
    }
}
