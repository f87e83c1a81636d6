package org.najm.simulator.testutil;

import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Free loopback UDP ports for simulators started by tests. */
public final class UdpPorts {

    private UdpPorts() {
    }

    /** A base port with {@code n} consecutive free UDP ports. */
    public static int freeBase(int n) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 60000);
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    held.add(new DatagramSocket(new InetSocketAddress("127.0.0.1", base + i)));
                }
                return base;
            } catch (Exception e) {
                // try another
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IllegalStateException("no free ports");
    }
}
