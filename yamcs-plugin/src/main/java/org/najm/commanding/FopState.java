package org.najm.commanding;

import org.yamcs.tctm.ccsds.Cop1Monitor;

/**
 * Follows FOP-1's state so commanding can be offered only when COP-1 can take a command.
 *
 * <p>Yamcs' FOP-1 keeps a command that arrives while AD is initialising (states 4, 5) or in the
 * Initial state (6) in its wait queue, and does not look at that queue again when it becomes
 * Active: the command would wait until the next one arrives. CCSDS 232.1-B-2 rejects such
 * requests; so does NAJM, with the reason.
 */
final class FopState implements Cop1Monitor {

    private static final String[] NAMES = { "", "Active", "Retransmit without wait", "Retransmit with wait",
            "Initialising without BC frame", "Initialising with BC frame", "Initial" };

    private volatile int state = 6;
    private volatile boolean cop1Disabled;

    /** Whether a command offered now would be framed at once. */
    boolean acceptsCommands() {
        return cop1Disabled || state <= 3;
    }

    String describe() {
        return cop1Disabled ? "COP-1 disabled (bypass)" : "COP-1 state " + NAMES[state];
    }

    @Override
    public void stateChanged(int oldState, int newState) {
        state = newState;
        cop1Disabled = false;
    }

    @Override
    public void disabled() {
        cop1Disabled = true;
    }

    @Override
    public void suspended(int suspendState) {
    }
}
