package org.najm.simulator.spacecraft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.BusHk;
import org.najm.simulator.packet.Cuc;
import org.najm.simulator.packet.TcAck;
import org.najm.simulator.testutil.Ground;

class CommandTest {

    private final Harness h = new Harness();

    private void assertStages(int seq, int... stageResultPairs) {
        List<int[]> acks = h.acks(seq);
        assertEquals(stageResultPairs.length / 2, acks.size(), "acks of seq " + seq);
        for (int i = 0; i < acks.size(); i++) {
            assertArrayEquals(new int[] { stageResultPairs[2 * i], stageResultPairs[2 * i + 1] }, acks.get(i));
        }
    }

    @Test
    void noopAndPingGetThreeStages() {
        h.run(2);
        int noop = h.send(Opcodes.NOOP);
        int ping = h.send(Opcodes.PING, (byte) 0, (byte) 0, (byte) 0x04, (byte) 0xD2);
        h.run(1);
        assertStages(noop, 1, 0, 2, 0, 3, 0);
        assertStages(ping, 1, 0, 2, 0, 3, 0);
        assertTrue(h.events().contains("0x0100 PING 1234"), h.events().toString());
        assertEquals(2, h.sc.tcAccepted());
        assertEquals(2, h.sc.farmVr());
        BusHk hk = h.sc.lastBusHk();
        assertEquals(2, hk.tcAccepted());
        assertEquals(Opcodes.PING, hk.lastTcOpcode());
        assertEquals(Opcodes.PING, h.sc.executedCommands().get(1).opcode());
        ByteBuffer last = ByteBuffer.wrap(h.tm.apid(Apid.BUS_HK).get(h.tm.apid(Apid.BUS_HK).size() - 1));
        assertEquals(hk.time(), Cuc.get(last.array(), 6));
        assertEquals(hk.batteryVoltageMv(), last.getShort(13) & 0xFFFF);
        assertEquals(2, last.getShort(100));
    }

    @Test
    void everyFailureResult() {
        h.run(1);
        int badOpcode = h.send(0x0777);
        int badArg = h.send(Opcodes.SET_MODE, (byte) 3);
        int badLen = h.send(Opcodes.PING, (byte) 1);
        int badHeater = h.send(Opcodes.SET_HEATER, (byte) 0x0F, (byte) 0xA1); // 4001
        int badDump = h.send(Opcodes.DUMP_STORE, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 9, (byte) 0,
                (byte) 0, (byte) 0, (byte) 1);
        byte[] corrupt = Ground.tcPacket(Apid.TC, 99, Opcodes.NOOP);
        corrupt[corrupt.length - 1] ^= 1;
        int badCrc = h.sendPacket(corrupt);
        int survey = h.send(Opcodes.SET_MODE, (byte) 2);
        h.run(1);
        assertStages(badOpcode, 1, TcAck.BAD_OPCODE);
        assertStages(badArg, 1, TcAck.BAD_ARGUMENT);
        assertStages(badLen, 1, TcAck.BAD_ARGUMENT);
        assertStages(badHeater, 1, TcAck.BAD_ARGUMENT);
        assertStages(badDump, 1, TcAck.BAD_ARGUMENT);
        assertEquals(1, h.acks(99).size()); // the corrupt packet's header still names seq 99
        assertEquals(TcAck.BAD_CRC, h.acks(99).get(0)[1]);
        assertStages(survey, 1, TcAck.NOT_ALLOWED_IN_MODE);
        assertEquals(7, h.sc.tcRejected());
        assertEquals(0, h.sc.tcAccepted());
        assertEquals(7, h.sc.lastBusHk().tcRejected());
        // a second dump of the same store while one plays back fails at execution
        h.sc.injectTracklet(4).join();
        byte[] all = { 1, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF };
        int d1 = h.send(Opcodes.DUMP_STORE, all);
        int d2 = h.send(Opcodes.DUMP_STORE, all);
        assertStages(d2, 1, 0, 2, 0, 3, TcAck.FAILED);
        h.run(3);
        assertStages(d1, 1, 0, 2, 0, 3, 0);
        assertEquals(badCrc, 5);
    }

    @Test
    void modesPayloadAndHeater() {
        h.run(1);
        assertEquals(Mode.STANDBY, h.sc.mode());
        h.send(Opcodes.PAYLOAD_POWER, (byte) 1);
        h.send(Opcodes.SET_MODE, (byte) 2);
        h.run(1);
        assertEquals(Mode.SURVEY, h.sc.mode());
        assertEquals(2, h.sc.lastBusHk().mode());
        h.send(Opcodes.PAYLOAD_POWER, (byte) 0);
        assertEquals(Mode.STANDBY, h.sc.mode(), "payload off drops SURVEY");
        h.send(Opcodes.SET_HEATER, (byte) 0x0F, (byte) 0xA0); // 40.00 C
        h.run(600);
        assertTrue(h.sc.lastBusHk().heaterOn());
        assertTrue(h.events().stream().anyMatch(e -> e.startsWith("0x0101 MODE STANDBY -> SURVEY")),
                h.events().toString());
    }

    @Test
    void timeSyncSetsOnboardClock() {
        h.run(1);
        byte[] cuc = ByteBuffer.allocate(6).putInt(2_000_000_000).putShort((short) 0x8000).array();
        h.send(Opcodes.TIME_SYNC, cuc);
        h.run(1);
        assertEquals(2_000_000_000.5, h.sc.lastBusHk().time(), 0.01, "the sync applies at the next tick's time");
        h.run(1);
        assertEquals(2_000_000_001.5, h.sc.lastBusHk().time(), 0.01);
    }

    @Test
    void rebootKeepsFarmAndCompletesAfterBoot() {
        h.run(1);
        h.send(Opcodes.PAYLOAD_POWER, (byte) 1);
        int reboot = h.send(Opcodes.REBOOT_OBC);
        assertStages(reboot, 1, 0, 2, 0);
        int framesBefore = h.tm.frames;
        h.run(1);
        assertTrue(h.sc.rebooting());
        assertEquals(framesBefore + 1, h.tm.frames, "one idle frame while the OBC is down");
        h.run(SpacecraftSim.REBOOT_SECONDS + 1);
        assertStages(reboot, 1, 0, 2, 0, 3, 0);
        assertEquals(1, h.sc.bootCount());
        assertEquals(Mode.SAFE, h.sc.mode());
        assertEquals(2, h.sc.farmVr(), "FARM state survives the reboot");
        assertEquals(1, h.sc.lastBusHk().bootCount());
        assertTrue(h.sc.lastBusHk().obcUptime() <= 2);
        assertTrue(h.events().stream().anyMatch(e -> e.startsWith("0x0104")));
    }
}
