package org.najm.simulator.spacecraft;

/**
 * The bus around the payload: power and thermal physics, the battery heater's setpoint (SET_HEATER), the
 * eclipse events and the battery protection (BATTERY LOW, then autonomous SAFE mode).
 */
final class Platform {

    static final double BATTERY_LOW_SOC = 0.30;
    static final double BATTERY_SAFE_SOC = 0.20;
    /** Above the low threshold by this much before BATTERY RECOVERED, so the warning does not flicker. */
    private static final double BATTERY_RECOVERY_MARGIN = 0.1;

    private final PowerModel power = new PowerModel(0.9);
    private final ThermalModel thermal = new ThermalModel();
    private final ModeControl modes;
    private final Telescope telescope;
    private final Downlink downlink;
    private int heaterSetpoint = 1000;
    private boolean inEclipse;
    private boolean eclipseKnown;
    private boolean batteryLow;

    Platform(ModeControl modes, Telescope telescope, Downlink downlink) {
        this.modes = modes;
        this.telescope = telescope;
        this.downlink = downlink;
    }

    /** {@code dt} seconds of physics; while the OBC is down nothing onboard notices (no events, no SAFE). */
    void step(double dt, boolean eclipse, boolean obcDown, double ob) {
        if (eclipseKnown && eclipse != inEclipse && !obcDown) {
            downlink.event(ob, Events.INFO, eclipse ? Events.ECLIPSE_ENTRY : Events.ECLIPSE_EXIT,
                    eclipse ? "ECLIPSE ENTRY" : "ECLIPSE EXIT");
        }
        inEclipse = eclipse;
        eclipseKnown = true;
        Mode mode = modes.mode();
        boolean payloadOn = modes.payloadOn();
        thermal.step(dt, eclipse, mode, payloadOn, heaterSetpoint / 100.0);
        double load = PowerModel.load(mode, payloadOn, telescope.exposing(), thermal.heaterOn());
        power.step(dt, PowerModel.solar(eclipse, mode), load);
        if (!obcDown) {
            protectBattery(ob);
        }
    }

    private void protectBattery(double ob) {
        if (!batteryLow && power.soc() < BATTERY_LOW_SOC) {
            batteryLow = true;
            downlink.event(ob, Events.WARNING, Events.BATTERY_LOW, "BATTERY LOW SOC " + power.socPercent() + "%");
        } else if (batteryLow && power.soc() > BATTERY_LOW_SOC + BATTERY_RECOVERY_MARGIN) {
            batteryLow = false;
            downlink.event(ob, Events.INFO, Events.BATTERY_RECOVERED,
                    "BATTERY RECOVERED SOC " + power.socPercent() + "%");
        }
        if (power.soc() < BATTERY_SAFE_SOC && modes.mode() != Mode.SAFE) {
            downlink.event(ob, Events.ERROR, Events.SAFE_MODE_ENTERED,
                    "AUTONOMOUS SAFE MODE SOC " + power.socPercent() + "%");
            modes.setMode(Mode.SAFE, ob);
        }
    }

    void setHeaterSetpoint(int centiC, double ob) {
        heaterSetpoint = centiC;
        downlink.event(ob, Events.INFO, Events.HEATER_SETPOINT,
                String.format("HEATER SETPOINT %.2f C", centiC / 100.0));
    }

    PowerModel power() {
        return power;
    }

    ThermalModel thermal() {
        return thermal;
    }
}
