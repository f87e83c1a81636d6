package org.najm.simulator.spacecraft;

/** Battery state of charge from solar minus load current; voltage mapped linearly from SoC. */
public final class PowerModel {

    public static final double CAPACITY_AH = 20.0;
    public static final double SOLAR_SUN_POINTING_A = 8.0;
    public static final double SOLAR_SURVEY_A = 6.5;
    public static final double LOAD_SAFE_A = 1.8;
    public static final double LOAD_BUS_A = 2.2;
    public static final double LOAD_PAYLOAD_A = 1.2;
    public static final double LOAD_EXPOSING_A = 0.3;
    public static final double LOAD_HEATER_A = 1.5;

    private double soc;
    private double solarA;
    private double loadA;

    public PowerModel(double initialSoc) {
        this.soc = initialSoc;
    }

    /** Load current of a configuration, A. */
    public static double load(Mode mode, boolean payloadOn, boolean exposing, boolean heaterOn) {
        double a = mode == Mode.SAFE ? LOAD_SAFE_A : LOAD_BUS_A;
        if (payloadOn) {
            a += LOAD_PAYLOAD_A;
        }
        if (exposing) {
            a += LOAD_EXPOSING_A;
        }
        if (heaterOn) {
            a += LOAD_HEATER_A;
        }
        return a;
    }

    /** Solar array current, A: none in eclipse, less in SURVEY (arrays not sun-pointed). */
    public static double solar(boolean inEclipse, Mode mode) {
        if (inEclipse) {
            return 0;
        }
        return mode == Mode.SURVEY ? SOLAR_SURVEY_A : SOLAR_SUN_POINTING_A;
    }

    public void step(double dtSeconds, double solarAmps, double loadAmps) {
        solarA = solarAmps;
        loadA = loadAmps;
        soc += (solarAmps - loadAmps) * dtSeconds / 3600.0 / CAPACITY_AH;
        soc = Math.max(0, Math.min(1, soc));
    }

    /** State of charge, 0..1. */
    public double soc() {
        return soc;
    }

    public int socPercent() {
        return (int) Math.round(soc * 100);
    }

    /** 24.0 V empty to 29.4 V full. */
    public int voltageMv() {
        return (int) Math.round(24000 + 5400 * soc);
    }

    public int solarMa() {
        return (int) Math.round(solarA * 1000);
    }

    public int loadMa() {
        return (int) Math.round(loadA * 1000);
    }
}
