package org.najm.simulator.spacecraft;

/**
 * The spacecraft mode and the payload power, with the rules that tie them: leaving SURVEY stops the
 * telescope, SAFE cuts the payload, cutting the payload ends SURVEY. Read from any thread.
 */
final class ModeControl {

    private final Telescope telescope;
    private final Downlink downlink;
    private volatile Mode mode = Mode.STANDBY;
    private volatile boolean payloadOn;

    ModeControl(Telescope telescope, Downlink downlink) {
        this.telescope = telescope;
        this.downlink = downlink;
    }

    Mode mode() {
        return mode;
    }

    boolean payloadOn() {
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
        downlink.event(ob, Events.INFO, Events.MODE_CHANGED, "MODE " + old + " -> " + m);
    }

    void setPayloadPower(boolean on, double ob) {
        if (on == payloadOn) {
            return;
        }
        payloadOn = on;
        downlink.event(ob, Events.INFO, Events.PAYLOAD_POWER, "PAYLOAD POWER " + (on ? "ON" : "OFF"));
        if (!on && mode == Mode.SURVEY) {
            setMode(Mode.STANDBY, ob);
        }
    }

    /**
     * Routine operations from the start: exactly what PAYLOAD_POWER on then SET_MODE SURVEY do (the same two
     * events, in that order), without a command.
     */
    void startRoutine(double ob) {
        setPayloadPower(true, ob);
        setMode(Mode.SURVEY, ob);
    }

    /** A boot starts in SAFE with the payload off; the BOOT event says so, no MODE event. */
    void resetForBoot() {
        if (mode == Mode.SURVEY) {
            telescope.stop();
        }
        mode = Mode.SAFE;
        payloadOn = false;
    }
}
