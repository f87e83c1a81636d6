package org.najm.simulator.spacecraft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.TmPacket;

/** The truth onboard (snapshots, store contents) against what the ground receives. */
class StoreTruthTest {

    private static ByteBuffer dumpArgs(int store, long from, long to) {
        return ByteBuffer.allocate(9).put((byte) store).putInt((int) from).putInt((int) to);
    }

    /** What arrived on a playback VC, identified as the ground would. */
    private static List<StoredPacket> received(Harness h, int vc) {
        List<StoredPacket> out = new ArrayList<>();
        for (int i = 0; i < h.tm.packets.size(); i++) {
            if (h.tm.packetVcs.get(i) == vc) {
                byte[] p = h.tm.packets.get(i);
                out.add(new StoredPacket(TmPacket.time(p), TmPacket.apid(p), TmPacket.seqCount(p)));
            }
        }
        return out;
    }

    @Test
    void emptyBeforeTheFirstTick() {
        Harness h = new Harness();
        SpacecraftSnapshot s = h.sc.snapshot().join();
        assertNull(s.time());
        assertNull(s.onboardTime());
        assertEquals(Mode.STANDBY, s.mode());
        assertEquals(0, s.hk().packets());
        assertNull(s.hk().oldestTime());
        assertNull(s.science().newestTime());
        assertEquals("SCIENCE", s.science().store());
        assertThrows(IllegalArgumentException.class, () -> h.sc.storeSnapshot(2));
    }

    @Test
    void dumpedPacketsAreExactlyTheStoredOnesAndDeleteRemovesThem() {
        Harness h = new Harness();
        h.sc.startInRoutineOps();
        h.run(7 * 60);
        SpacecraftSnapshot s = h.sc.snapshot().join();
        assertEquals(Mode.SURVEY, s.mode());
        assertEquals(h.t.minusSeconds(1), s.time());
        assertTrue(s.detectionsTotal() > 0 && s.trackletsRecorded() > 0, s.toString());
        assertEquals(s.detectionsSinceBoot(), s.detectionsTotal());
        assertEquals(7, s.exposuresSinceBoot());
        // nothing dumped or dropped yet: the science store holds every detection
        assertEquals(s.detectionsTotal(), s.science().packets());
        assertEquals(91L * s.science().packets(), s.science().fillOctets());
        assertEquals(h.sc.lastBusHk().scienceStoreFill(), s.science().fillOctets());
        // BUS_HK every 10 s (42) and the two events of the routine start
        assertEquals(42 + 2, s.hk().packets());
        assertEquals(h.sc.hkStore().fill(), s.hk().fillOctets());
        assertEquals(0, s.hk().droppedOverflow() + s.hk().deleted() + s.hk().playedBack());

        List<StoredPacket> hk = h.sc.storedPackets(SpacecraftSim.STORE_HK).join();
        List<StoredPacket> science = h.sc.storedPackets(SpacecraftSim.STORE_SCIENCE).join();
        assertEquals(s.hk().packets(), hk.size());
        assertEquals(s.hk().oldestTime(), hk.get(0).creationTime());
        assertEquals(s.hk().newestTime(), hk.get(hk.size() - 1).creationTime());
        assertTrue(science.stream().allMatch(p -> p.apid() == Apid.SCI_DETECTION));

        h.send(Opcodes.DUMP_STORE, dumpArgs(SpacecraftSim.STORE_SCIENCE, 0, 0xFFFFFFFFL).array());
        // the science dump's DUMP_STARTED event went into the HK store: the HK dump plays it back too
        hk = h.sc.storedPackets(SpacecraftSim.STORE_HK).join();
        assertEquals(Apid.EVENT, hk.get(hk.size() - 1).apid());
        h.send(Opcodes.DUMP_STORE, dumpArgs(SpacecraftSim.STORE_HK, 0, 0xFFFFFFFFL).array());
        assertTrue(h.sc.storeSnapshot(SpacecraftSim.STORE_HK).join().playingBack());
        h.run(2);
        assertEquals(science, received(h, SpacecraftSim.VC_SCIENCE), "the science dump is the store, in order");
        assertEquals(hk, received(h, SpacecraftSim.VC_HK), "the HK dump is the store, in order");
        StoreSnapshot afterDump = h.sc.storeSnapshot(SpacecraftSim.STORE_SCIENCE).join();
        assertEquals(science.size(), afterDump.playedBack());
        assertFalse(afterDump.playingBack());
        assertEquals(hk.size(), h.sc.storeSnapshot(SpacecraftSim.STORE_HK).join().playedBack());

        // delete what the ground confirmed: up to the integer second of the third HK packet
        long upTo = (long) Math.floor(hk.get(2).creationTime());
        long expected = hk.stream().filter(p -> Math.floor(p.creationTime()) <= upTo).count();
        h.send(Opcodes.DELETE_STORE, ByteBuffer.allocate(5).put((byte) 0).putInt((int) upTo).array());
        StoreSnapshot afterDelete = h.sc.storeSnapshot(SpacecraftSim.STORE_HK).join();
        assertEquals(expected, afterDelete.deleted());
        List<StoredPacket> left = h.sc.storedPackets(SpacecraftSim.STORE_HK).join();
        assertTrue(left.stream().allMatch(p -> Math.floor(p.creationTime()) > upTo));
        assertEquals(left.size(), afterDelete.packets());
    }

    @Test
    void overflowDropsAreCounted() {
        Harness h = new Harness(1 << 20, 2000);
        h.run(400);
        StoreSnapshot hk = h.sc.storeSnapshot(SpacecraftSim.STORE_HK).join();
        assertTrue(hk.droppedOverflow() > 0);
        assertEquals(h.sc.hkStore().dropped(), hk.droppedOverflow());
        assertTrue(hk.fillOctets() <= 2000 && hk.capacityOctets() == 2000);
        // every BUS_HK recorded (40) and the overflow event are either held or dropped
        assertEquals(41, hk.packets() + hk.droppedOverflow());
    }

    @Test
    void detectionsSinceBootRestartAndTheTotalDoesNot() {
        Harness h = new Harness();
        h.run(1);
        h.sc.injectTracklet(4).join();
        h.send(Opcodes.REBOOT_OBC);
        h.run(SpacecraftSim.REBOOT_SECONDS + 1);
        h.sc.injectTracklet(3).join();
        SpacecraftSnapshot s = h.sc.snapshot().join();
        assertEquals(1, s.bootCount());
        assertEquals(Mode.SAFE, s.mode());
        assertEquals(3, s.detectionsSinceBoot());
        assertEquals(7, s.detectionsTotal());
        assertEquals(2, s.trackletsRecorded());
        assertEquals(7, s.science().packets(), "the store survives the reboot");
    }
}
