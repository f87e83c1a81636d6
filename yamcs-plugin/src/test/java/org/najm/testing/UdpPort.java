package org.najm.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A station's UDP port on loopback as a test or benchmark sends to it: java.net and not connected, because a
 * DatagramChannel's write() and a connected DatagramSocket send nothing for an empty datagram (the fuzzing sends
 * some); and what the kernel dropped on the receiving socket.
 */
public record UdpPort(DatagramSocket socket, InetSocketAddress to) implements AutoCloseable {

    /** A sender to 127.0.0.1:{@code port} with a 1 MiB send buffer. */
    public static UdpPort to(int port) throws IOException {
        DatagramSocket s = new DatagramSocket();
        s.setSendBufferSize(1 << 20);
        return new UdpPort(s, new InetSocketAddress("127.0.0.1", port));
    }

    public void send(byte[] data) throws IOException {
        socket.send(new DatagramPacket(data, data.length, to));
    }

    @Override
    public void close() {
        socket.close();
    }

    /**
     * Datagrams the kernel dropped on the UDP sockets bound to {@code port} (the "drops" column of /proc/net/udp
     * and udp6): receive-buffer overflow; -1 when not known (not Linux, or no such socket).
     */
    public static long kernelDrops(int port) {
        long total = -1;
        String hexPort = String.format(":%04X", port);
        for (String file : new String[] { "/proc/net/udp", "/proc/net/udp6" }) {
            try {
                for (String line : Files.readAllLines(Path.of(file), StandardCharsets.US_ASCII)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 13 && f[1].endsWith(hexPort)) {
                        total = Math.max(total, 0) + Long.parseLong(f[f.length - 1]);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux or not readable
            }
        }
        return total;
    }
}
