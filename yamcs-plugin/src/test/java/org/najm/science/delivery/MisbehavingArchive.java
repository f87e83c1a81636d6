package org.najm.science.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An archive that misbehaves on a real TCP socket, one way at a time ({@link #behave}), or, once it
 * has recovered, relays every connection byte for byte to a real archive behind it.
 */
final class MisbehavingArchive implements AutoCloseable {

    enum Mode {
        /** Random bytes that are not HTTP, then the connection closes. */
        NOT_HTTP,
        /** A status line that is not one. */
        BAD_STATUS_LINE,
        /** A 200 announcing 1000 bytes of body, 10 sent, then the connection closes. */
        TRUNCATED,
        /** A status ({@link #status}) with a text body. */
        STATUS,
        /** Reads the request and never answers; keeps the connection open. */
        SILENT,
        /** Answers the status line's first byte, then one more byte a second, forever. */
        TRICKLE_HEADERS,
        /** Answers 200 with a Content-Length of a GB, then one body byte a second, forever. */
        TRICKLE_BODY,
        /** Recovered: relays to the real archive. */
        RELAY
    }

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    /** Relayed connections end when the behaviour changes: a kept-alive one would outlive it. */
    private final Set<Socket> relayed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Mode mode = Mode.SILENT;
    private volatile int status;
    private volatile String statusText;

    MisbehavingArchive(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "misbehaving-archive");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    void behave(Mode m) {
        mode = m;
        endRelays();
    }

    void answer(int code, String text) {
        status = code;
        statusText = text;
        mode = Mode.STATUS;
        endRelays();
    }

    private void endRelays() {
        for (Socket s : relayed) {
            try {
                s.close();
            } catch (IOException e) {
                // closed already
            }
        }
        relayed.clear();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Connections the client has not closed yet (the server closes none of SILENT and TRICKLE_*). */
    int open() {
        open.removeIf(Socket::isClosed);
        return open.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                Mode m = mode;
                Thread t = new Thread(() -> serve(s, m), "misbehaving-archive-" + m);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket s, Mode m) {
        try (s) {
            if (m == Mode.RELAY) {
                relayed.add(s);
                relay(s);
                return;
            }
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readRequest(in);
            switch (m) {
            case NOT_HTTP -> {
                byte[] junk = new byte[4096];
                new Random(connections.get()).nextBytes(junk);
                out.write(junk);
            }
            case BAD_STATUS_LINE -> out.write("HTTP/1.1 OK-ish\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            case TRUNCATED -> out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nNJMA-00001"
                    .getBytes(StandardCharsets.US_ASCII));
            case STATUS -> {
                byte[] body = statusText.getBytes(StandardCharsets.UTF_8);
                out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
            }
            case SILENT -> {
                while (in.read() >= 0) {
                    // until the client gives up and closes
                }
            }
            case TRICKLE_HEADERS -> trickle(out, "HTTP/1.1 200 OK\r\nX-Slow: ", 'a');
            case TRICKLE_BODY -> trickle(out, "HTTP/1.1 200 OK\r\nContent-Length: 1000000000\r\n\r\n", 'b');
            default -> throw new IllegalStateException(m.toString());
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the client closed: what a bounded client does
        } finally {
            open.remove(s);
        }
    }

    /** One byte a second until the client closes the connection (then write fails). */
    private static void trickle(OutputStream out, String start, char filler) throws IOException, InterruptedException {
        byte[] head = start.getBytes(StandardCharsets.US_ASCII);
        out.write(head, 0, 1);
        out.flush();
        int i = 1;
        while (true) {
            Thread.sleep(1000);
            out.write(i < head.length ? head[i++] : filler);
            out.flush();
        }
    }

    /** The request line, headers and Content-Length bytes of body. */
    private static void readRequest(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            headers.append((char) c);
            if (headers.length() >= 4 && headers.substring(headers.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        long length = 0;
        for (String line : headers.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).strip());
            }
        }
        in.readNBytes((int) length);
    }

    private void relay(Socket client) throws IOException {
        try (Socket archive = new Socket(upstream.getAddress(), upstream.getPort())) {
            Thread up = new Thread(() -> {
                try {
                    client.getInputStream().transferTo(archive.getOutputStream());
                    archive.shutdownOutput();
                } catch (IOException e) {
                    // either side closed
                }
            }, "misbehaving-archive-relay");
            up.setDaemon(true);
            up.start();
            archive.getInputStream().transferTo(client.getOutputStream());
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
