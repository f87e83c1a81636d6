package org.najm.simulator.spacecraft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.PayloadHk;
import org.najm.simulator.packet.TmPacket;

/** A spacecraft that starts in routine operations (payload on, SURVEY) instead of cold. */
class RoutineOpsTest {

    /** BUS_HK offsets of what only commands change: tc_accepted, tc_rejected, last_tc_opcode; and the CRC. */
    private static final int[] BUS_HK_COMMAND_FIELDS = { 100, 101, 102, 103, 104, 105, 112, 113 };

    private static Harness routine() {
        Harness h = new Harness();
        h.sc.startInRoutineOps();
        return h;
    }

    private static int telescopeState(byte[] payloadHk) {
        return payloadHk[12];
    }

    @Test
    void coldByDefault() {
        Harness h = new Harness();
        h.run(1);
        assertEquals(Mode.STANDBY, h.sc.mode());
        assertFalse(h.sc.payloadOn());
        assertEquals(Mode.STANDBY.code(), h.sc.lastBusHk().mode());
        assertEquals(PayloadHk.OFF, telescopeState(h.tm.apid(Apid.PAYLOAD_HK).get(0)));
        assertTrue(h.events().isEmpty(), h.events().toString());
    }

    @Test
    void firstBusHkSaysSurveyAndTheEventsAreThoseOfTheCommands() {
        Harness h = routine();
        h.run(1);
        assertEquals(Mode.SURVEY, h.sc.mode());
        assertTrue(h.sc.payloadOn());
        List<byte[]> busHk = h.tm.apid(Apid.BUS_HK);
        assertEquals(1, busHk.size());
        assertEquals(Mode.SURVEY.code(), busHk.get(0)[12], "the very first BUS_HK");
        assertEquals(List.of("0x0106 PAYLOAD POWER ON", "0x0101 MODE STANDBY -> SURVEY"), h.events(),
                "no BOOT event, as in a cold start");
        assertEquals(0, h.tm.apid(Apid.TC_ACK).size());
        assertEquals(0, h.sc.lastBusHk().tcAccepted());
        assertEquals(0, h.sc.lastBusHk().lastTcOpcode());
        // the start is a whole minute: the telescope exposes from the first second
        assertEquals(PayloadHk.EXPOSING, telescopeState(h.tm.apid(Apid.PAYLOAD_HK).get(0)));
    }

    @Test
    void telescopeExposesFromTheFirstWholeMinute() {
        Harness h = routine();
        h.t = Harness.START.plusSeconds(20);
        h.run(100); // seconds 20..119 of the hour; PAYLOAD_HK every 5 s
        List<byte[]> payload = h.tm.apid(Apid.PAYLOAD_HK);
        assertEquals(20, payload.size());
        for (int i = 0; i < payload.size(); i++) {
            int second = 20 + 5 * i;
            int phase = second % 60;
            int expected = second >= 60 && phase < Telescope.EXPOSURE_S ? PayloadHk.EXPOSING : PayloadHk.IDLE;
            assertEquals(expected, telescopeState(payload.get(i)), "PAYLOAD_HK at second " + second);
        }
        assertEquals(1, h.sc.telescope().exposures(), "one exposure, 60..90 s");
    }

    @Test
    void routineStartIsIndistinguishableFromCommandedExceptCommandTraces() {
        Harness routine = routine();
        Harness commanded = new Harness();
        commanded.send(Opcodes.PAYLOAD_POWER, (byte) 1);
        commanded.send(Opcodes.SET_MODE, (byte) Mode.SURVEY.code());
        routine.run(7 * 60);
        commanded.run(7 * 60);

        List<byte[]> a = withoutAcks(routine.tm.packets);
        List<byte[]> b = withoutAcks(commanded.tm.packets);
        assertEquals(b.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(masked(b.get(i)), masked(a.get(i)), "packet " + i + " APID " + TmPacket.apid(a.get(i)));
        }
        assertEquals(2, commanded.sc.lastBusHk().tcAccepted());
        assertEquals(0, routine.sc.lastBusHk().tcAccepted());
        assertTrue(routine.sc.trackletsRecorded() > 0, "a field visited: tracklets recorded");
        assertEquals(commanded.sc.trackletsRecorded(), routine.sc.trackletsRecorded());
        assertEquals(commanded.sc.scienceStore().fill(), routine.sc.scienceStore().fill());
        assertEquals(commanded.sc.hkStore().fill(), routine.sc.hkStore().fill());
        assertEquals(commanded.sc.telescope().detections(), routine.sc.telescope().detections());
    }

    @Test
    void routineIsAskedBeforeTheFirstTick() {
        Harness h = new Harness();
        h.run(1);
        assertThrows(IllegalStateException.class, h.sc::startInRoutineOps);
    }

    private static List<byte[]> withoutAcks(List<byte[]> packets) {
        List<byte[]> out = new ArrayList<>();
        for (byte[] p : packets) {
            if (TmPacket.apid(p) != Apid.TC_ACK) {
                out.add(p);
            }
        }
        return out;
    }

    private static byte[] masked(byte[] p) {
        byte[] m = p.clone();
        if (TmPacket.apid(p) == Apid.BUS_HK) {
            for (int off : BUS_HK_COMMAND_FIELDS) {
                m[off] = 0;
            }
        }
        return m;
    }

    @Test
    void endingTheSurveyWithoutACommandStopsTheDetections() throws Exception {
        Harness h = routine();
        h.run(3600);
        long made = h.sc.telescope().detectionsTotal();
        assertTrue(made > 0, "an hour of survey detects something");
        assertEquals(Mode.STANDBY, h.sc.endSurvey().get());
        h.run(3600);
        assertEquals(made, h.sc.telescope().detectionsTotal(), "nothing after the end of the survey");
        assertTrue(h.events().contains("0x0101 MODE SURVEY -> STANDBY"), h.events().toString());
        assertEquals(0, h.tm.apid(Apid.TC_ACK).size(), "no command");
    }
}
