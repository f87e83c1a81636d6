package org.najm.simulator.testutil;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.najm.simulator.link.TcFrame;
import org.najm.simulator.link.TmFramer;
import org.najm.simulator.packet.Crc16;
import org.yamcs.tctm.ccsds.error.BchCltuGenerator;

/** The ground side for tests: TC packets, frames and CLTUs out; TM frames back into packets. */
public final class Ground {

    private static final BchCltuGenerator CLTU = new BchCltuGenerator();

    private Ground() {
    }

    public static byte[] tcPacket(int apid, int seq, int opcode, byte... args) {
        int total = 6 + 2 + args.length + 2;
        ByteBuffer bb = ByteBuffer.allocate(total);
        bb.putShort((short) (0x1800 | apid)); // version 0, type 1 (TC), sec. header flag 1
        bb.putShort((short) (0xC000 | seq));
        bb.putShort((short) (total - 7));
        bb.putShort((short) opcode);
        bb.put(args);
        byte[] p = bb.array();
        Crc16.appendAt(p, total - 2);
        return p;
    }

    public static byte[] adFrame(int scid, int ns, byte[] data) {
        return new TcFrame(false, false, scid, 0, ns, data).encode();
    }

    public static byte[] cltu(byte[] frame) {
        return CLTU.makeCltu(frame, false);
    }

    public static byte[] cltuAd(int scid, int ns, byte[] packet) {
        return cltu(adFrame(scid, ns, packet));
    }

    /** Reassembles packets per VC from a stream of TM frames, using the first header pointer. */
    public static final class Depacketizer {
        private final Map<Integer, ByteBuffer> partial = new HashMap<>();
        private final Map<Integer, Boolean> synced = new HashMap<>();
        public final List<byte[]> packets = new ArrayList<>();
        public final List<Integer> packetVcs = new ArrayList<>();
        public int frames;
        public int lastClcw;

        public void frame(byte[] f) {
            if (f.length != TmFramer.FRAME_LENGTH || !Crc16.check(f, 0, f.length)) {
                throw new AssertionError("bad frame");
            }
            frames++;
            int vc = (f[1] >> 1) & 7;
            int fhp = ((f[4] & 7) << 8) | (f[5] & 0xFF);
            lastClcw = ByteBuffer.wrap(f, TmFramer.OCF_OFFSET, 4).getInt();
            if (fhp == TmFramer.FHP_IDLE) {
                return;
            }
            ByteBuffer buf = partial.computeIfAbsent(vc, k -> ByteBuffer.allocate(1 << 20));
            int start = TmFramer.HEADER_LENGTH;
            if (!synced.getOrDefault(vc, false)) {
                if (fhp == TmFramer.FHP_NO_PACKET_START) {
                    return;
                }
                start += fhp;
                synced.put(vc, true);
            }
            buf.put(f, start, TmFramer.OCF_OFFSET - start);
            buf.flip();
            while (buf.remaining() >= 6) {
                int len = (buf.getShort(buf.position() + 4) & 0xFFFF) + 7;
                if (buf.remaining() < len) {
                    break;
                }
                byte[] p = new byte[len];
                buf.get(p);
                if (((p[0] & 7) << 8 | (p[1] & 0xFF)) != 0x7FF) {
                    packets.add(p);
                    packetVcs.add(vc);
                }
            }
            buf.compact();
        }

        public List<byte[]> apid(int apid) {
            return packets.stream().filter(p -> ((p[0] & 7) << 8 | (p[1] & 0xFF)) == apid).toList();
        }
    }
}
