package org.najm.simulator.spacecraft;

import java.util.logging.Logger;

import org.najm.simulator.link.TmFramer;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.EventPacket;
import org.najm.simulator.packet.SequenceCounters;
import org.najm.simulator.packet.TcAck;
import org.najm.simulator.packet.TmPacket;

/**
 * Where onboard packets go: VC0 in real time, the onboard stores, or both for EVENTs. It numbers them too (one
 * sequence counter per APID), so a packet's count is the order in which it was made.
 */
final class Downlink {

    private static final Logger LOG = Logger.getLogger(Downlink.class.getName());

    private final String name;
    private final TmFramer framer;
    private final PacketStore hkStore;
    private final SequenceCounters sequences = new SequenceCounters();

    Downlink(String name, TmFramer framer, PacketStore hkStore) {
        this.name = name;
        this.framer = framer;
        this.hkStore = hkStore;
    }

    int nextSequenceCount(int apid) {
        return sequences.next(apid);
    }

    void realtime(byte[] packet) {
        framer.vc(SpacecraftSim.VC_REALTIME).addPacket(packet);
    }

    /** Sends the partial VC0 frame now rather than with the next packets. */
    void flushRealtime() {
        framer.vc(SpacecraftSim.VC_REALTIME).flush();
    }

    /** Records {@code packet} with its creation time, the time its secondary header carries. */
    void store(PacketStore store, double ob, byte[] packet) {
        if (store.add(TmPacket.time(packet), packet) == PacketStore.AddResult.OVERFLOW_STARTED) {
            event(ob, Events.WARNING, Events.STORE_OVERFLOW,
                    store.name() + " STORE OVERFLOW: OLDEST DATA OVERWRITTEN");
        }
    }

    /** An EVENT packet, in real time and in the HK store (the ground may be out of contact). */
    void event(double ob, int severity, int id, String text) {
        byte[] p = new EventPacket(ob, severity, id, text).encode(sequences.next(Apid.EVENT));
        LOG.info(() -> String.format("%s: EVENT 0x%04X %s", name, id, text));
        realtime(p);
        store(hkStore, ob, p);
    }

    void ack(TcAck ack) {
        realtime(ack.encode(sequences.next(Apid.TC_ACK)));
    }
}
