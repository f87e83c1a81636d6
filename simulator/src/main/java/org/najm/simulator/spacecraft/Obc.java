package org.najm.simulator.spacecraft;

import java.time.Instant;
import java.util.logging.Logger;

import org.najm.simulator.packet.GpsTime;
import org.najm.simulator.packet.TcAck;

/** The onboard computer's own state: its clock (GPS time plus the TIME_SYNC offset), uptime, boots, reboots. */
final class Obc {

    private static final Logger LOG = Logger.getLogger(Obc.class.getName());

    private final String name;
    private final Downlink downlink;
    private double clockOffset;
    private long uptime;
    private volatile int bootCount;
    private Instant rebootDoneAt;
    private TcAck pendingRebootAck;

    Obc(String name, Downlink downlink) {
        this.name = name;
        this.downlink = downlink;
    }

    /** Onboard time (GPS seconds) at simulated time {@code t}. */
    double onboardTime(Instant t) {
        return GpsTime.seconds(t) + clockOffset;
    }

    /** TIME_SYNC: the clock reads {@code newTime} now; the event is stamped with the new time. */
    void syncClock(double newTime, double ob) {
        clockOffset += newTime - ob;
        downlink.event(newTime, Events.INFO, Events.TIME_SYNCED,
                String.format("TIME SYNCED OFFSET %+.3f S", newTime - ob));
    }

    void countUptime(double dt) {
        uptime += Math.round(dt);
    }

    /** REBOOT_OBC: down for {@link SpacecraftSim#REBOOT_SECONDS}; its completion waits for the boot. */
    void startReboot(Instant now, TcAck ack) {
        rebootDoneAt = now.plusSeconds(SpacecraftSim.REBOOT_SECONDS);
        pendingRebootAck = ack;
        LOG.info(name + ": OBC rebooting");
    }

    boolean rebooting() {
        return rebootDoneAt != null;
    }

    /** Still rebooting at {@code t}. */
    boolean down(Instant t) {
        return rebootDoneAt != null && t.isBefore(rebootDoneAt);
    }

    /** Ends the reboot; returns the REBOOT_OBC to complete, if any. */
    TcAck boot() {
        rebootDoneAt = null;
        bootCount++;
        uptime = 0;
        TcAck ack = pendingRebootAck;
        pendingRebootAck = null;
        return ack;
    }

    long uptime() {
        return uptime;
    }

    int bootCount() {
        return bootCount;
    }
}
