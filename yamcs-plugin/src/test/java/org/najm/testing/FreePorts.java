package org.najm.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Free local ports, so tests and benchmarks never collide with a running NAJM system or each other. */
public final class FreePorts {

    private FreePorts() {
    }

    public static int tcp() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A base port such that {@code count} consecutive UDP ports from it are free now. */
    public static int udpBlock(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20000, 40000);
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    held.add(new DatagramSocket(base + i));
                }
                return base;
            } catch (IOException e) {
                // taken: try another block
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IllegalStateException("no free block of " + count + " UDP ports");
    }
}
