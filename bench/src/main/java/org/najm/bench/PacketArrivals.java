package org.najm.bench;

import java.util.ArrayList;
import java.util.List;

import org.yamcs.client.ClientException;
import org.yamcs.client.PacketSubscription;
import org.yamcs.client.YamcsClient;
import org.yamcs.protobuf.SubscribePacketsRequest;
import org.yamcs.protobuf.TmPacketData;

/**
 * Packets as a Yamcs server makes them available to a client: one yamcs-client WebSocket subscription per
 * instance and stream, each packet handed over with the {@link System#nanoTime()} of its arrival. The same for the
 * MOC and a site, so that the two are measured alike.
 */
final class PacketArrivals implements AutoCloseable {

    /** One packet arrival. */
    interface Listener {
        void arrived(String instance, String stream, TmPacketData packet, long nanos);
    }

    private final YamcsClient client;
    private final List<PacketSubscription> subscriptions = new ArrayList<>();

    private PacketArrivals(YamcsClient client) {
        this.client = client;
    }

    /** Logs in to the server on {@code port} as {@code user} and subscribes to every stream of every instance. */
    static PacketArrivals subscribe(int port, String user, List<String> instances, List<String> streams,
            Listener listener) throws ClientException {
        YamcsClient client = YamcsClient.newBuilder("127.0.0.1", port).build();
        client.login(user, BenchSupport.DEMO_PASSWORD.toCharArray());
        client.connectWebSocket();
        PacketArrivals arrivals = new PacketArrivals(client);
        for (String instance : instances) {
            for (String stream : streams) {
                PacketSubscription s = client.createPacketSubscription();
                s.addMessageListener(p -> listener.arrived(instance, stream, p, System.nanoTime()));
                s.sendMessage(SubscribePacketsRequest.newBuilder().setInstance(instance).setStream(stream).build());
                arrivals.subscriptions.add(s);
            }
        }
        return arrivals;
    }

    /** CCSDS APID of a packet's primary header. */
    static int apid(byte[] packet) {
        return ((packet[0] & 0x07) << 8) | (packet[1] & 0xFF);
    }

    /** CCSDS sequence count of a packet's primary header. */
    static int sequenceCount(byte[] packet) {
        return ((packet[2] & 0x3F) << 8) | (packet[3] & 0xFF);
    }

    @Override
    public void close() {
        for (PacketSubscription s : subscriptions) {
            s.cancel(true);
        }
        client.close();
    }
}
