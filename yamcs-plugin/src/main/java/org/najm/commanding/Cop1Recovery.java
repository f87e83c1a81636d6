package org.najm.commanding;

import java.util.function.BooleanSupplier;

import org.yamcs.events.EventProducer;
import org.yamcs.tctm.ccsds.Cop1Monitor;
import org.yamcs.tctm.ccsds.Cop1UplinkPacketHandler;

/**
 * Brings FOP-1 back to Active after an alert, without an operator: contacts are short and a
 * pass should not be lost to a COP-1 alert raised at the previous LOS (frames sent just before
 * LOS are never acknowledged, so T1 expires). The frames outstanding at the alert have already
 * failed with the alert's reason, which the command history shows.
 *
 * <p>An operator's Terminate AD is respected. A lockout needs an Unlock BC frame, which is only
 * sent while a station hears the spacecraft; otherwise AD is initialised with a CLCW check and
 * the next CLCW (at the next AOS) decides.
 */
final class Cop1Recovery implements Cop1Monitor {

    private final Cop1UplinkPacketHandler fop;
    private final BooleanSupplier inContact;
    private final long clcwWaitMillis;
    private final EventProducer events;

    Cop1Recovery(Cop1UplinkPacketHandler fop, BooleanSupplier inContact, long clcwWaitMillis, EventProducer events) {
        this.fop = fop;
        this.inContact = inContact;
        this.clcwWaitMillis = clcwWaitMillis;
        this.events = events;
    }

    @Override
    public void alert(AlertType alert) {
        if (alert == AlertType.TERM) {
            return;
        }
        if (alert == AlertType.LOCKOUT && inContact.getAsBoolean()) {
            events.sendWarning("COP1_RECOVERY", "COP-1 alert (" + alert + "): initiating AD with Unlock");
            fop.initiateADWithUnlock();
        } else {
            events.sendWarning("COP1_RECOVERY", "COP-1 alert (" + alert + "): initiating AD with CLCW check");
            fop.initiateAD(true, clcwWaitMillis);
        }
    }

    @Override
    public void suspended(int suspendState) {
    }

    @Override
    public void stateChanged(int oldState, int newState) {
    }

    @Override
    public void disabled() {
    }
}
