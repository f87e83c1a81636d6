package org.najm.time;

/**
 * The one simulation clock of this JVM: every instance's time service and every NAJM service
 * reads it, so archive, alarms, timeline and the simulator agree.
 *
 * <p>By default it is built from the environment ({@code NAJM_SIM_START}, {@code NAJM_SIM_RATE},
 * {@code NAJM_SIM_ANCHOR}); tests install their own before starting Yamcs.
 */
public final class SimClocks {

    private static volatile SimClock shared;

    private SimClocks() {
    }

    public static SimClock shared() {
        SimClock c = shared;
        if (c == null) {
            synchronized (SimClocks.class) {
                if (shared == null) {
                    shared = SimClock.fromEnvironment(System.getenv());
                }
                c = shared;
            }
        }
        return c;
    }

    /** Replaces the shared clock (tests, before Yamcs starts). */
    public static synchronized void install(SimClock clock) {
        shared = clock;
    }
}
