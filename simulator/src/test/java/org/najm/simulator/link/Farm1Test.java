package org.najm.simulator.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.najm.simulator.link.Farm1.Outcome;

class Farm1Test {

    private final Farm1 farm = new Farm1(0, 10);

    private static TcFrame ad(int ns) {
        return new TcFrame(false, false, 1, 0, ns, new byte[] { 1 });
    }

    private static TcFrame bd() {
        return new TcFrame(true, false, 1, 0, 0, new byte[] { 1 });
    }

    private static TcFrame unlock() {
        return new TcFrame(false, true, 1, 0, 0, new byte[] { 0 });
    }

    private static TcFrame setVr(int n) {
        return new TcFrame(false, true, 1, 0, 0, new byte[] { (byte) 0x82, 0, (byte) n });
    }

    @Test
    void inSequenceAccepted() {
        assertEquals(Outcome.ACCEPTED, farm.process(ad(0)));
        assertEquals(Outcome.ACCEPTED, farm.process(ad(1)));
        assertEquals(2, farm.vR());
        assertEquals(2, farm.clcw() & 0xFF);
        assertEquals(0x01, farm.clcw() >>> 24);
    }

    @Test
    void gapSetsRetransmitAndDuplicateIsSilent() {
        farm.process(ad(0));
        assertEquals(Outcome.DISCARDED_RETRANSMIT, farm.process(ad(2)));
        assertTrue(farm.retransmit());
        assertEquals(0x08, (farm.clcw() >> 8) & 0x08);
        assertEquals(Outcome.DISCARDED_DUPLICATE, farm.process(ad(0)));
        assertEquals(Outcome.ACCEPTED, farm.process(ad(1)));
        assertFalse(farm.retransmit());
    }

    @Test
    void outsideWindowLocksOutUntilUnlock() {
        assertEquals(Outcome.LOCKOUT_ENTERED, farm.process(ad(5))); // PW = 5: 1..4 ahead only
        assertTrue(farm.lockout());
        assertEquals(0x20, (farm.clcw() >> 8) & 0x20);
        assertEquals(Outcome.DISCARDED_LOCKED_OUT, farm.process(ad(0)));
        assertEquals(Outcome.ACCEPTED, farm.process(bd()), "BD frames pass in lockout");
        assertEquals(Outcome.CONTROL_IGNORED, farm.process(setVr(9)));
        assertEquals(0, farm.vR());
        assertEquals(Outcome.CONTROL_EXECUTED, farm.process(unlock()));
        assertFalse(farm.lockout());
        assertEquals(3, farm.farmBCounter(), "BD + Set V(R) + Unlock");
        assertEquals(3 << 1, (farm.clcw() >> 8) & 0x06);
        assertEquals(Outcome.ACCEPTED, farm.process(ad(0)));
    }

    @Test
    void setVrAndWrapAround() {
        assertEquals(Outcome.CONTROL_EXECUTED, farm.process(setVr(254)));
        assertEquals(254, farm.vR());
        farm.process(ad(254));
        assertEquals(Outcome.ACCEPTED, farm.process(ad(255)));
        assertEquals(0, farm.vR());
        assertEquals(Outcome.DISCARDED_DUPLICATE, farm.process(ad(251)));
        assertEquals(Outcome.DISCARDED_RETRANSMIT, farm.process(ad(3)));
        assertEquals(Outcome.ACCEPTED, farm.process(ad(0)));
        assertEquals(Outcome.LOCKOUT_ENTERED, farm.process(ad(249)), "6 behind: outside the negative window");
    }
}
