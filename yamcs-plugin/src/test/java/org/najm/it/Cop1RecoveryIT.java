package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yamcs.tctm.ccsds.error.BchCltuGenerator;
import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;

import com.google.gson.JsonElement;

/**
 * A spacecraft whose FARM-1 locks out (here: a stray AD frame far outside its window) is brought
 * back by the MOC without an operator, and the next command goes through.
 */
class Cop1RecoveryIT extends InContactTest {

    @Test
    void lockoutIsClearedAutomaticallyAndCommandingResumes() throws Exception {
        String first = Commands.issueOk(sys, sys.instance(), "NOOP", "{}");
        assertEquals("OK", Commands.awaitCompletion(sys, sys.instance(), first, Duration.ofSeconds(60))
                .get("CommandComplete_Status"));

        var farm = sys.simulator.spacecraft(sys.subject.scid()).receiver().farm();
        sendStrayFrame((farm.vR() + 100) & 0xFF);

        Poll.until(Duration.ofSeconds(60), "the COP1_RECOVERY event for the lockout", () -> {
            var r = sys.rest.get("/archive/" + sys.instance() + "/events?limit=100");
            if (r.status() == 200 && r.json().has("events")) {
                for (JsonElement e : r.json().getAsJsonArray("events")) {
                    var ev = e.getAsJsonObject();
                    if (ev.get("type").getAsString().equals("COP1_RECOVERY")
                            && ev.get("message").getAsString().contains("Lockout")) {
                        return Optional.of(true);
                    }
                }
            }
            return Optional.empty();
        });

        Poll.until(Duration.ofSeconds(60), "COP-1 active again", () -> sys.rest
                .get("/cop1/" + sys.instance() + "/TC.vc0/status").body().contains("\"ACTIVE\"")
                        ? Optional.of(true) : Optional.empty());
        String next = Commands.issueOk(sys, sys.instance(), "NOOP", "{}");
        var h = Commands.awaitCompletion(sys, sys.instance(), next, Duration.ofSeconds(60));
        assertEquals("OK", h.get("CommandComplete_Status"), h.toString());
        assertTrue(!farm.lockout(), "the FARM is no longer locked out");
    }

    /** One type-AD TC frame (ICD §5) with sequence number {@code ns}, as a CLTU, straight to the station. */
    private static void sendStrayFrame(int ns) throws Exception {
        byte[] packet = { 0x1B, (byte) 0xE8, (byte) 0xC0, 0x00, 0x00, 0x03, 0x00, 0x01, 0x00, 0x00 };
        CrcCciitCalculator crc = new CrcCciitCalculator();
        ByteBuffer p = ByteBuffer.wrap(packet);
        p.putShort(8, (short) crc.compute(packet, 0, 8));
        int length = 5 + packet.length + 2;
        ByteBuffer f = ByteBuffer.allocate(length);
        f.putShort((short) (sys.subject.scid() & 0x3FF)); // version 00, AD (bypass 0, control 0)
        f.putShort((short) (length - 1)); // VC 0, frame length - 1
        f.put((byte) ns).put(packet);
        f.putShort((short) crc.compute(f.array(), 0, length - 2));
        byte[] cltu = new BchCltuGenerator().makeCltu(f.array(), false);
        try (DatagramSocket s = new DatagramSocket()) {
            s.send(new DatagramPacket(cltu, cltu.length, InetAddress.getByName("127.0.0.1"),
                    sys.constellation.transport().tcPort(sys.station.id())));
        }
    }
}
