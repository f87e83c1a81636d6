package org.najm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.constellation.Station;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.Crc16;
import org.najm.simulator.spacecraft.Opcodes;
import org.najm.simulator.station.StationSim;
import org.najm.simulator.station.Visibility;
import org.najm.simulator.testutil.Ground;
import org.najm.simulator.testutil.FirstPass;
import org.najm.simulator.testutil.UdpPorts;
import org.najm.time.SimClock;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The control API over a real socket, against a running simulator whose Svalbard station tracks NAJM-1. */
class ControlServerSocketTest {

    private static final int NAJM1 = 0x1A1;
    private static final long DEADLINE_MS = 15_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private int port;

    private record Answer(int status, JsonObject json) {
    }

    private Answer call(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(null));
        return new Answer(r.statusCode(), JsonParser.parseString(r.body()).getAsJsonObject());
    }

    private JsonObject station(String name) throws IOException, InterruptedException {
        Answer a = call("GET", "/control/stations/" + name, null);
        assertEquals(200, a.status(), a.json().toString());
        return a.json();
    }

    private static long counter(JsonObject station, String name) {
        return station.getAsJsonObject("counters").get(name).getAsLong();
    }

    /** Polls GET /control/stations/{name} until {@code until} holds or the deadline passes. */
    private JsonObject pollStation(String name, Predicate<JsonObject> until, String what) throws Exception {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (true) {
            JsonObject st = station(name);
            if (until.test(st)) {
                return st;
            }
            assertTrue(System.currentTimeMillis() < deadline, what + " before the deadline: " + st);
            Thread.sleep(50);
        }
    }

    /** The next frame the MOC socket receives from {@code stationPort}, or null when none comes in 300 ms. */
    private static byte[] nextFrameFrom(DatagramSocket moc, int stationPort) throws IOException {
        byte[] buf = new byte[2048];
        while (true) {
            DatagramPacket dp = new DatagramPacket(buf, buf.length);
            try {
                moc.receive(dp);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (dp.getPort() == stationPort) {
                return Arrays.copyOf(dp.getData(), dp.getLength());
            }
        }
    }

    /** Receives until a frame from the station satisfies {@code test} (deadline). */
    private static void awaitFrame(DatagramSocket moc, int stationPort, Predicate<byte[]> test, String what)
            throws IOException {
        long deadline = System.currentTimeMillis() + DEADLINE_MS;
        while (System.currentTimeMillis() < deadline) {
            byte[] f = nextFrameFrom(moc, stationPort);
            if (f != null && test.test(f)) {
                return;
            }
        }
        throw new AssertionError(what + ": no such frame before the deadline");
    }

    @Test
    void faultsAndTruthOverHttpAgainstARunningSimulator() throws Exception {
        Constellation c = Constellation.load(Path.of("..", "etc", "constellation.yaml"));
        Station sv = c.stationById(0).orElseThrow();
        Visibility.Pass pass = FirstPass.of(c, NAJM1, sv);
        try (DatagramSocket moc = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            moc.setSoTimeout(300);
            int tcBase = UdpPorts.freeBase(c.stations().size());
            Constellation local = c.withTransport(c.transport().withPortBases(moc.getLocalPort(), tcBase));
            Simulator sim = Simulator.start(local, SimClock.startingNow(pass.aos().plusSeconds(30), 2),
                    new Simulator.Options().routineOps(true).controlPort(0));
            try (sim) {
                port = sim.controlPort().getAsInt();
                StationSim svalbard = sim.station(0);
                awaitFrame(moc, tcBase, f -> true, "TM of NAJM-1 through SVALBARD");

                // the truth onboard
                long deadline = System.currentTimeMillis() + DEADLINE_MS;
                Answer truth;
                do {
                    truth = call("GET", "/control/spacecraft/NAJM-1", null);
                    assertEquals(200, truth.status(), truth.json().toString());
                    assertTrue(System.currentTimeMillis() < deadline, "no BUS_HK stored: " + truth.json());
                } while (truth.json().getAsJsonObject("stores").getAsJsonObject("HK").get("packets").getAsInt() == 0);
                assertEquals("SURVEY", truth.json().get("mode").getAsString());
                assertEquals("NAJM-1", truth.json().get("name").getAsString());

                // an outage: no TM forwarded, no CLTU radiated
                Answer out = call("POST", "/control/stations/SVALBARD/outages", "{\"seconds\": 3600}");
                assertEquals(200, out.status(), out.json().toString());
                assertEquals(1, svalbard.outages().size(), "the Java API sees the window");
                JsonObject during = pollStation("SVALBARD", st -> counter(st, "framesDroppedOutage") > 0,
                        "frames dropped by the outage");
                assertTrue(during.get("inOutage").getAsBoolean());
                assertEquals("NAJM-1", during.get("tracked").getAsString(), "the antenna still tracks");
                long forwarded = counter(during, "framesForwarded");
                while (nextFrameFrom(moc, tcBase) != null) {
                    // drain what was forwarded before the outage
                }
                long dropped = counter(during, "framesDroppedOutage");
                pollStation("SVALBARD", st -> counter(st, "framesDroppedOutage") >= dropped + 3,
                        "more frames dropped");
                assertEquals(null, nextFrameFrom(moc, tcBase), "no frame from SVALBARD during the outage");
                assertEquals(forwarded, svalbard.framesForwarded());

                byte[] cltu = Ground.cltuAd(NAJM1, 0, Ground.tcPacket(Apid.TC, 7, Opcodes.NOOP));
                moc.send(new DatagramPacket(cltu, cltu.length, InetAddress.getLoopbackAddress(), tcBase));
                JsonObject afterCltu = pollStation("SVALBARD", st -> counter(st, "cltusDroppedOutage") == 1,
                        "the CLTU dropped");
                assertEquals(1, counter(afterCltu, "cltusReceived"));
                assertEquals(0, counter(afterCltu, "cltusRadiated"));
                assertEquals(0, sim.spacecraft(NAJM1).tcAccepted());

                // cleared: the contact resumes
                Answer cleared = call("DELETE", "/control/stations/SVALBARD/outages", null);
                assertEquals(0, cleared.json().getAsJsonArray("outages").size());
                awaitFrame(moc, tcBase, f -> true, "TM again after the outage");

                // corruption: every frame forwarded fails its FECF
                Answer corrupt = call("POST", "/control/stations/SVALBARD/corruption", "{\"rate\": 1, \"seed\": 9}");
                assertEquals(200, corrupt.status(), corrupt.json().toString());
                awaitFrame(moc, tcBase, f -> !Crc16.check(f, 0, f.length), "a corrupted frame");
                assertTrue(svalbard.corruptedFrames() > 0);
                assertEquals(0, call("POST", "/control/stations/SVALBARD/corruption", "{\"rate\": 0}").json()
                        .get("rate").getAsDouble());
                awaitFrame(moc, tcBase, f -> Crc16.check(f, 0, f.length), "an intact frame after clearing");

                // refusals over the wire
                Answer unknown = call("POST", "/control/stations/ISTANBUL/outages", "{\"seconds\": 10}");
                assertEquals(404, unknown.status());
                assertEquals(5, unknown.json().getAsJsonArray("stations").size());
                Answer bad = call("POST", "/control/stations/SVALBARD/corruption", "{\"rate\": 2}");
                assertEquals(400, bad.status());
                assertFalse(bad.json().get("error").getAsString().isEmpty());
            }
            // closed with the simulator
            assertThrows(ConnectException.class, () -> call("GET", "/control/stations", null));
        }
    }
}
