package org.najm.simulator.spacecraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.GpsTime;
import org.najm.simulator.packet.TmPacket;

class StoreAndDumpTest {

    @Test
    void fifoBoundAndOverflowEpisode() {
        PacketStore s = new PacketStore("T", 100);
        assertEquals(PacketStore.AddResult.STORED, s.add(1, new byte[40]));
        assertEquals(PacketStore.AddResult.STORED, s.add(2, new byte[40]));
        assertEquals(PacketStore.AddResult.OVERFLOW_STARTED, s.add(3, new byte[40]));
        assertEquals(PacketStore.AddResult.STORED_OLDEST_DROPPED, s.add(4, new byte[40]));
        assertEquals(80, s.fill());
        assertEquals(2, s.count());
        assertEquals(2, s.dropped());
        assertEquals(1, s.select(4, 10).size());
        assertEquals(1, s.deleteUpTo(3));
        assertEquals(40, s.fill());
        assertEquals(PacketStore.AddResult.STORED, s.add(5, new byte[40]));
        assertEquals(PacketStore.AddResult.OVERFLOW_STARTED, s.add(6, new byte[40]), "a new episode after a delete");
    }

    @Test
    void hkStoreOverflowRaisesOneEvent() {
        Harness h = new Harness(1 << 20, 2000);
        h.run(400);
        long overflows = h.events().stream().filter(e -> e.startsWith("0x0200")).count();
        assertEquals(1, overflows, h.events().toString());
        assertTrue(h.sc.lastBusHk().hkStoreFill() <= 2000);
    }

    @Test
    void dumpPlaysBackRangeOnVc2AndDeleteFrees() {
        Harness h = new Harness();
        h.run(60);
        long from = (long) GpsTime.seconds(Harness.START.plusSeconds(20));
        long to = (long) GpsTime.seconds(Harness.START.plusSeconds(40));
        ByteBuffer args = ByteBuffer.allocate(9).put((byte) 0).putInt((int) from).putInt((int) to);
        int seq = h.send(Opcodes.DUMP_STORE, args.array());
        h.run(3);
        assertEquals(3, h.acks(seq).size());
        int onVc2 = 0;
        for (int i = 0; i < h.tm.packets.size(); i++) {
            if (h.tm.packetVcs.get(i) == 2) {
                byte[] p = h.tm.packets.get(i);
                assertEquals(Apid.BUS_HK, TmPacket.apid(p));
                assertTrue(TmPacket.time(p) >= from && TmPacket.time(p) < to + 1);
                onVc2++;
            }
        }
        assertEquals(3, onVc2, "BUS_HK recorded every 10 s at 20, 30, 40");
        long fill = h.sc.hkStore().fill();
        ByteBuffer del = ByteBuffer.allocate(5).put((byte) 0).putInt((int) to);
        h.send(Opcodes.DELETE_STORE, del.array());
        assertTrue(h.sc.hkStore().fill() < fill);
        assertTrue(h.events().stream().anyMatch(e -> e.startsWith("0x0202")));
    }

    @Test
    void scienceNeverRealtimeAndDumpedOnVc1() {
        Harness h = new Harness();
        h.run(1);
        long id = h.sc.injectTracklet(5).join();
        assertEquals(1, id);
        assertEquals(5 * 91, h.sc.scienceStore().fill());
        h.run(1);
        assertEquals(0, h.tm.apid(Apid.SCI_DETECTION).size());
        assertEquals(5 * 91, h.sc.lastBusHk().scienceStoreFill());
        h.send(Opcodes.DUMP_STORE, ByteBuffer.allocate(9).put((byte) 1).putInt(0).putInt(-1).array());
        h.run(2);
        assertEquals(5, h.tm.apid(Apid.SCI_DETECTION).size());
        for (int i = 0; i < h.tm.packets.size(); i++) {
            if (TmPacket.apid(h.tm.packets.get(i)) == Apid.SCI_DETECTION) {
                assertEquals(1, h.tm.packetVcs.get(i));
            }
        }
    }
}
