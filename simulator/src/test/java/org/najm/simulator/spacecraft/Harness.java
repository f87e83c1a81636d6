package org.najm.simulator.spacecraft;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.testutil.Ground;

/** One spacecraft driven synchronously, its TM decoded back into packets. */
final class Harness {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    final Ground.Depacketizer tm = new Ground.Depacketizer();
    final SpacecraftSim sc;
    Instant t = START;
    int ns;
    int seq;

    Harness() {
        this(SpacecraftSim.SCIENCE_STORE_OCTETS, SpacecraftSim.HK_STORE_OCTETS);
    }

    Harness(long sciOctets, long hkOctets) {
        this(najm1(), sciOctets, hkOctets);
    }

    Harness(Spacecraft s, long sciOctets, long hkOctets) {
        sc = new SpacecraftSim(s, tm::frame, 1000, 7, sciOctets, hkOctets);
    }

    /** NAJM-1 and -2 fly near the terminator (no eclipse in November); NAJM-3 and -4 are eclipsed. */
    static Spacecraft najm3() {
        return constellation().spacecraftByScid(0x1A3).orElseThrow();
    }

    static Constellation constellation() {
        try {
            return Constellation.load(Path.of("..", "etc", "constellation.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Spacecraft najm1() {
        return constellation().spacecraftByScid(0x1A1).orElseThrow();
    }

    void run(int seconds) {
        for (int i = 0; i < seconds; i++) {
            sc.tick(t);
            t = t.plusSeconds(1);
        }
    }

    /** Sends a TC packet in the next AD frame; returns its sequence count. */
    int send(int opcode, byte... args) {
        return sendPacket(Ground.tcPacket(Apid.TC, seq, opcode, args));
    }

    int sendPacket(byte[] packet) {
        int s = seq++;
        sc.receiveCltu(Ground.cltuAd(sc.scid(), ns++, packet), t);
        return s;
    }

    /** TC_ACKs of one TC sequence count as {stage, result} pairs. */
    List<int[]> acks(int tcSeq) {
        return tm.apid(Apid.TC_ACK).stream().map(ByteBuffer::wrap).filter(b -> b.getShort(14) == tcSeq)
                .map(b -> new int[] { b.get(18), b.get(19) }).toList();
    }

    List<String> events() {
        return tm.apid(Apid.EVENT).stream().map(p -> String.format("0x%04X %s", ByteBuffer.wrap(p).getShort(13),
                new String(p, 16, p[15]))).toList();
    }
}
