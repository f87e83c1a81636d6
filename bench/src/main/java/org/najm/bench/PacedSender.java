package org.najm.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/**
 * Sends pre-generated UDP frames to several ports at one total rate: frames interleaved across the ports, in
 * order within each, sent in bursts that catch up to {@code rate x elapsed} and then a ~1 ms park.
 */
final class PacedSender implements AutoCloseable {

    /** How often the sender samples the receivers' backlog, ns. */
    private static final long BACKLOG_SAMPLE_NS = 50_000_000L;
    private static final long PARK_NS = 1_000_000L;

    /** What was sent: frames, the sending window (nanoTime) and the largest backlog sampled during it. */
    record Sent(int frames, long start, long end, int maxBacklog) {

        double seconds() {
            return (end - start) / 1e9;
        }
    }

    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<byte[]> frames = new ArrayList<>();
    private final List<DatagramChannel> frameChannels = new ArrayList<>();

    /** Connects one channel per port; {@code framesPerPort.get(k)} goes to {@code ports.get(k)}. */
    PacedSender(List<Integer> ports, List<List<byte[]>> framesPerPort) throws IOException {
        for (int port : ports) {
            DatagramChannel ch = DatagramChannel.open();
            ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
            ch.connect(new InetSocketAddress("127.0.0.1", port));
            channels.add(ch);
        }
        int maxLen = framesPerPort.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < maxLen; i++) {
            for (int k = 0; k < framesPerPort.size(); k++) {
                if (i < framesPerPort.get(k).size()) {
                    frames.add(framesPerPort.get(k).get(i));
                    frameChannels.add(channels.get(k));
                }
            }
        }
    }

    /** Sends every frame at {@code rate} frames/s in total, sampling {@code backlog} every 50 ms. */
    Sent send(int rate, IntSupplier backlog) throws IOException {
        int total = frames.size();
        double perNano = rate / 1e9;
        int maxBacklog = 0;
        long start = System.nanoTime();
        long nextSample = start;
        int sent = 0;
        while (sent < total) {
            long now = System.nanoTime();
            long due = Math.min(total, (long) ((now - start) * perNano) + 1);
            while (sent < due) {
                frameChannels.get(sent).write(ByteBuffer.wrap(frames.get(sent)));
                sent++;
            }
            if (now >= nextSample) {
                maxBacklog = Math.max(maxBacklog, backlog.getAsInt());
                nextSample = now + BACKLOG_SAMPLE_NS;
            }
            if (sent < total) {
                LockSupport.parkNanos(PARK_NS);
            }
        }
        return new Sent(total, start, System.nanoTime(), maxBacklog);
    }

    @Override
    public void close() throws IOException {
        for (DatagramChannel ch : channels) {
            ch.close();
        }
        frames.clear();
        frameChannels.clear();
    }
}
