package org.najm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.constellation.Station;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.spacecraft.Opcodes;
import org.najm.simulator.station.Visibility;
import org.najm.simulator.testutil.Ground;
import org.najm.simulator.testutil.FirstPass;
import org.najm.simulator.testutil.UdpPorts;
import org.najm.time.SimClock;

class SimulatorSocketTest {

    private static final int NAJM1 = 0x1A1;

    @Test
    void framesFlowAndNoopIsAcknowledged() throws Exception {
        Constellation c = Constellation.load(Path.of("..", "etc", "constellation.yaml"));
        Station sv = c.stationById(0).orElseThrow();
        Visibility.Pass pass = FirstPass.of(c, NAJM1, sv);
        try (DatagramSocket moc = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            moc.setSoTimeout(200);
            int tcBase = UdpPorts.freeBase(c.stations().size());
            Constellation local = c.withTransport(c.transport().withPortBases(moc.getLocalPort(), tcBase));
            try (Simulator sim = Simulator.start(local, SimClock.startingNow(pass.aos().plusSeconds(60), 1))) {
                Ground.Depacketizer tm = new Ground.Depacketizer();
                long deadline = System.currentTimeMillis() + 10_000;
                boolean sent = false;
                byte[] buf = new byte[2048];
                while (System.currentTimeMillis() < deadline) {
                    DatagramPacket dp = new DatagramPacket(buf, buf.length);
                    try {
                        moc.receive(dp);
                    } catch (SocketTimeoutException e) {
                        continue;
                    }
                    assertEquals(1115, dp.getLength());
                    byte[] frame = Arrays.copyOf(dp.getData(), dp.getLength());
                    int scid = (ByteBuffer.wrap(frame).getShort(0) >> 4) & 0x3FF;
                    if (scid != NAJM1) {
                        continue;
                    }
                    tm.frame(frame);
                    if (!sent) {
                        byte[] cltu = Ground.cltuAd(NAJM1, 0, Ground.tcPacket(Apid.TC, 42, Opcodes.NOOP));
                        moc.send(new DatagramPacket(cltu, cltu.length, InetAddress.getLoopbackAddress(),
                                local.transport().tcPort(0)));
                        sent = true;
                    }
                    boolean completed = tm.apid(Apid.TC_ACK).stream().map(ByteBuffer::wrap)
                            .anyMatch(b -> b.getShort(14) == 42 && b.get(18) == 3 && b.get(19) == 0);
                    if (completed) {
                        break;
                    }
                }
                assertTrue(sent, "no TM frame of NAJM-1 arrived");
                assertTrue(tm.apid(Apid.TC_ACK).size() >= 3, "no TC_ACK stage 3 before the deadline");
                assertEquals(1, sim.spacecraft(NAJM1).farmVr());
                assertEquals(1, tm.lastClcw & 0xFF, "CLCW reports V(R)");
                assertEquals(1, sim.station(0).cltusRadiated());
                assertTrue(sim.station(0).framesForwarded() > 0);
                assertEquals(NAJM1, sim.station(0).trackedScid().getAsInt());
                assertTrue(tm.apid(Apid.BUS_HK).size() >= 1);
            }
            // ports released: they can be bound again
            new DatagramSocket(new InetSocketAddress("127.0.0.1", tcBase)).close();
        }
    }
}
