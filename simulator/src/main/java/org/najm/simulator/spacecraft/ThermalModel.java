package org.najm.simulator.spacecraft;

/**
 * First-order thermal nodes drifting toward sun/eclipse equilibria, and the battery heater's thermostat
 * (0.5 degC hysteresis around the SET_HEATER setpoint).
 */
public final class ThermalModel {

    private double obc = 20;
    private double battery = 15;
    private double telescope = -10;
    private double ccd = -10;
    private boolean heaterOn;

    /** Heater thermostat, then one step of every node. */
    public void step(double dt, boolean inEclipse, Mode mode, boolean payloadOn, double heaterSetpointC) {
        if (battery < heaterSetpointC - 0.5) {
            heaterOn = true;
        } else if (battery > heaterSetpointC + 0.5) {
            heaterOn = false;
        }
        double obcEq = (inEclipse ? 12 : 25) + (payloadOn ? 5 : 0);
        double batEq = (inEclipse ? 2 : 18) + (heaterOn ? 20 : 0);
        double telEq = inEclipse ? -25 : (mode == Mode.SURVEY ? -15 : -5);
        double ccdEq = payloadOn ? -40 : telescope;
        obc = relax(obc, obcEq, 1800, dt);
        battery = relax(battery, batEq, 2400, dt);
        telescope = relax(telescope, telEq, 3000, dt);
        ccd = relax(ccd, ccdEq, 600, dt);
    }

    private static double relax(double t, double eq, double tau, double dt) {
        return eq + (t - eq) * Math.exp(-dt / tau);
    }

    public boolean heaterOn() {
        return heaterOn;
    }

    public double obc() {
        return obc;
    }

    public double battery() {
        return battery;
    }

    public double telescope() {
        return telescope;
    }

    public double ccd() {
        return ccd;
    }

    static int centi(double c) {
        return (int) Math.round(c * 100);
    }
}
