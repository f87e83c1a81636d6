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
 * <p>A suspension is treated the same way: with Yamcs' default timeout type (1), FOP-1 does not
 * alert when T1 expires with the transmission limit reached, it suspends (state Initial) and waits
 * for an operator's Resume; every later command is refused with "COP-1 state Initial". That is what
 * a station lost in the middle of a contact, with a frame unacknowledged, leads to, and the
 * following contacts would be lost to it. The frames outstanding at the suspension are dropped with
 * the re-initialisation (the spacecraft never acknowledged them: their commands get no
 * acknowledgement and their verifiers time out).
 *
 * <p>An operator's Terminate AD is respected. A lockout needs an Unlock BC frame, which is only
 * sent while a station hears the spacecraft; otherwise AD is initialised with a CLCW check and
 * the next CLCW (at the next AOS) decides.
 */
final class Cop1Recovery implements Cop1Monitor {

    /** The FOP-1 directives it uses (Yamcs' {@link Cop1UplinkPacketHandler}; a fake in unit tests). */
    interface Fop {
        void initiateAdWithClcwCheck(long waitMillis);

        void initiateAdWithUnlock();
    }

    private final Fop fop;
    private final BooleanSupplier inContact;
    private final long clcwWaitMillis;
    private final EventProducer events;

    Cop1Recovery(Cop1UplinkPacketHandler<?> fop, BooleanSupplier inContact, long clcwWaitMillis,
            EventProducer events) {
        this(new Fop() {
            @Override
            public void initiateAdWithClcwCheck(long waitMillis) {
                fop.initiateAD(true, waitMillis);
            }

            @Override
            public void initiateAdWithUnlock() {
                fop.initiateADWithUnlock();
            }
        }, inContact, clcwWaitMillis, events);
    }

    Cop1Recovery(Fop fop, BooleanSupplier inContact, long clcwWaitMillis, EventProducer events) {
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
            fop.initiateAdWithUnlock();
        } else {
            events.sendWarning("COP1_RECOVERY", "COP-1 alert (" + alert + "): initiating AD with CLCW check");
            fop.initiateAdWithClcwCheck(clcwWaitMillis);
        }
    }

    /**
     * FOP-1 suspended itself (T1 expired with the transmission limit reached, or no CLCW during an
     * initialisation); it is in state Initial once this returns, when the directive (queued on FOP-1's
     * executor) runs.
     */
    @Override
    public void suspended(int suspendState) {
        events.sendWarning("COP1_RECOVERY", "COP-1 suspended (in state " + suspendState
                + ", T1 expired at the transmission limit): initiating AD with CLCW check");
        fop.initiateAdWithClcwCheck(clcwWaitMillis);
    }

    @Override
    public void stateChanged(int oldState, int newState) {
    }

    @Override
    public void disabled() {
    }
}
