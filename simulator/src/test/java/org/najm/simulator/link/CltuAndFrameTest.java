package org.najm.simulator.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.najm.simulator.testutil.Ground;

class CltuAndFrameTest {

    @Test
    void decodesYamcsBchCltu() throws Exception {
        byte[] frame = Ground.adFrame(0x1A1, 7, Ground.tcPacket(1000, 3, 1));
        byte[] cltu = Ground.cltu(frame);
        byte[] octets = CltuDecoder.decode(cltu);
        assertEquals(0, octets.length % 7);
        assertArrayEquals(frame, Arrays.copyOf(octets, frame.length));
        assertTrue(octets.length == frame.length || octets[frame.length] == 0x55, "fill octets");
        TcFrame f = TcFrame.parse(octets);
        assertEquals(0x1A1, f.scid());
        assertEquals(7, f.sequence());
        assertEquals(0, f.vcid());
    }

    @Test
    void rejectsBadParityStartAndTail() {
        byte[] cltu = Ground.cltu(Ground.adFrame(0x1A1, 0, Ground.tcPacket(1000, 0, 1)));
        byte[] badParity = cltu.clone();
        badParity[2 + 8 + 7] ^= 0x02;
        assertThrows(CltuDecoder.CltuException.class, () -> CltuDecoder.decode(badParity));
        byte[] badData = cltu.clone();
        badData[3] ^= 0x01;
        assertThrows(CltuDecoder.CltuException.class, () -> CltuDecoder.decode(badData));
        byte[] badStart = cltu.clone();
        badStart[0] = 0x12;
        assertThrows(CltuDecoder.CltuException.class, () -> CltuDecoder.decode(badStart));
        byte[] badTail = cltu.clone();
        badTail[cltu.length - 1] = 0;
        assertThrows(CltuDecoder.CltuException.class, () -> CltuDecoder.decode(badTail));
    }

    @Test
    void frameWithBadFecfIsDiscarded() {
        byte[] frame = Ground.adFrame(0x1A1, 0, Ground.tcPacket(1000, 0, 1));
        frame[6] ^= 1;
        assertThrows(TcFrame.FrameException.class, () -> TcFrame.parse(frame));
    }

    @Test
    void receiverDropsOtherScidAndBadCltu() {
        int[] delivered = new int[1];
        TcReceiver r = new TcReceiver(0x1A1, "T", p -> delivered[0]++);
        r.receiveCltu(Ground.cltuAd(0x1A2, 0, Ground.tcPacket(1000, 0, 1)));
        assertEquals(1, r.framesDiscarded());
        byte[] bad = Ground.cltuAd(0x1A1, 0, Ground.tcPacket(1000, 0, 1));
        bad[5] ^= 4;
        r.receiveCltu(bad);
        assertEquals(1, r.cltusRejected());
        r.receiveCltu(Ground.cltuAd(0x1A1, 0, Ground.tcPacket(1000, 0, 1)));
        assertEquals(1, delivered[0]);
        assertEquals(1, r.farm().vR());
    }
}
