package org.najm.simulator.station;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.spacecraft.Opcodes;
import org.najm.simulator.spacecraft.SpacecraftSim;
import org.najm.simulator.testutil.Ground;

/** Station outages and frame corruption, on a station tracking NAJM-1 through a Svalbard pass. */
class StationFaultsTest {

    private static final Instant T0 = Instant.parse("2026-11-20T12:00:00Z");

    private final Spacecraft najm1 = VisibilityTest.C.spacecraftByScid(0x1A1).orElseThrow();
    private final Station svalbard = VisibilityTest.C.stationByName("SVALBARD").orElseThrow();
    private final SpacecraftSim sc = new SpacecraftSim(najm1, f -> { }, 1, 1);
    private final StationSim st = new StationSim(svalbard, new FirstRisenPolicy(), 120);
    private final List<byte[]> forwarded = new ArrayList<>();
    private final Instant inPass = Visibility.nextPass(najm1, svalbard, VisibilityTest.START, Duration.ofDays(1))
            .orElseThrow().aos().plusSeconds(30);
    private int ns;

    StationFaultsTest() {
        st.setOutput(forwarded::add);
    }

    /** One second of the pass: the station looks, then NAJM-1 sends one frame and the MOC one CLTU. */
    private void second(Instant t, byte[] frame) {
        sc.propagate(t);
        st.update(t, List.of(sc));
        assertTrue(st.trackedScid().isPresent(), "tracking NAJM-1 at " + t);
        st.downlink(sc.scid(), frame);
        long radiated = st.cltusRadiated();
        st.uplink(Ground.cltuAd(sc.scid(), ns, Ground.tcPacket(Apid.TC, ns, Opcodes.NOOP)), t, Map.of(sc.scid(), sc));
        if (st.cltusRadiated() > radiated) {
            ns++; // a lost frame is sent again with the same N(S), as COP-1 would
        }
    }

    private static byte[] numbered(int i) {
        byte[] f = new byte[1115];
        f[100] = (byte) i;
        return f;
    }

    @Test
    void windowIncludesItsStartAndExcludesItsStop() {
        Outage o = new Outage(T0, T0.plusSeconds(10));
        assertTrue(o.contains(T0));
        assertTrue(o.contains(T0.plusMillis(9999)));
        assertFalse(o.contains(T0.plusSeconds(10)));
        assertFalse(o.contains(T0.minusMillis(1)));
        assertThrows(IllegalArgumentException.class, () -> new Outage(T0, T0));
        assertThrows(IllegalArgumentException.class, () -> st.addOutage(T0.plusSeconds(1), T0));
        assertTrue(st.outages().isEmpty(), "a refused window is not kept");
    }

    @Test
    void overlappingWindowsAddUpAndClearEndsThemAll() {
        Outage late = st.addOutage(T0.plusSeconds(50), T0.plusSeconds(60));
        Outage early = st.addOutage(T0, T0.plusSeconds(20));
        st.addOutage(T0.plusSeconds(10), T0.plusSeconds(30));
        assertEquals(early, st.outages().get(0), "listed by start");
        assertEquals(late, st.outages().get(2));
        assertTrue(st.inOutage(T0.plusSeconds(25)));
        assertFalse(st.inOutage(T0.plusSeconds(30)));
        assertTrue(st.inOutage(T0.plusSeconds(55)));
        assertFalse(st.inOutage(), "no tick yet");
        st.clearOutages();
        assertTrue(st.outages().isEmpty());
        assertFalse(st.inOutage(T0.plusSeconds(55)));
    }

    @Test
    void duringAnOutageNoTmIsForwardedAndNoCltuRadiated() {
        Outage o = st.addOutage(inPass.plusSeconds(10), inPass.plusSeconds(20));
        for (int i = 0; i < 30; i++) {
            second(inPass.plusSeconds(i), numbered(i));
            assertEquals(o.contains(inPass.plusSeconds(i)), st.inOutage(), "second " + i);
        }
        assertEquals(20, forwarded.size());
        assertEquals(20, st.framesForwarded());
        assertEquals(10, st.framesDroppedOutage());
        assertEquals(20, st.cltusRadiated());
        assertEquals(10, st.cltusDroppedOutage());
        assertEquals(0, st.cltusDroppedNoContact());
        for (int i = 0; i < 20; i++) {
            assertEquals(i < 10 ? i : i + 10, forwarded.get(i)[100], "frames 0..9 and 20..29 forwarded");
        }
        assertEquals(20, sc.tcAccepted(), "the spacecraft got only the CLTUs radiated");
        assertEquals(List.of(o), st.outages(), "past windows stay listed");
    }

    @Test
    void corruptionFlipsABitInCopiesOfTheForwardedFrames() {
        st.setCorruption(1, 5);
        st.addOutage(inPass.plusSeconds(5), inPass.plusSeconds(10));
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            byte[] f = numbered(i);
            sent.add(f);
            second(inPass.plusSeconds(i), f);
            assertArrayEquals(numbered(i), f, "the spacecraft's frame itself is never changed");
        }
        assertEquals(15, forwarded.size());
        assertEquals(15, st.corruptedFrames(), "frames dropped by the outage are not counted as corrupted");
        for (int j = 0; j < forwarded.size(); j++) {
            int i = j < 5 ? j : j + 5; // seconds 5..9 were out
            byte[] f = forwarded.get(j);
            assertFalse(sent.stream().anyMatch(s -> s == f), "a copy is forwarded");
            assertEquals(1, diffBits(f, numbered(i)), "one bit flipped in the frame of second " + i);
        }
        assertEquals(1.0, st.corruptionRate());
        assertEquals(5, st.corruptionSeed());
        st.setCorruption(0);
        assertEquals(svalbard.id(), st.corruptionSeed(), "the default seed is the station's id");
        forwarded.clear();
        second(inPass.plusSeconds(20), numbered(20));
        assertArrayEquals(numbered(20), forwarded.get(0), "rate 0: frames forwarded as they are");
        assertThrows(IllegalArgumentException.class, () -> st.setCorruption(2));
    }

    private static int diffBits(byte[] a, byte[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += Integer.bitCount((a[i] ^ b[i]) & 0xFF);
        }
        return n;
    }
}
