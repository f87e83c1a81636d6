package org.najm.simulator.spacecraft;

import java.util.List;

import org.najm.simulator.link.TmFramer;
import org.najm.simulator.packet.TcAck;

/**
 * The HK and science stores and their playback (DUMP_STORE): each store plays back on its own VC, both within
 * one budget of frames per simulated second, and a DUMP_STORE completes when its last packet is framed.
 */
final class Stores {

    private final PacketStore hk;
    private final PacketStore science;
    private final TmFramer framer;
    private final Downlink downlink;
    private final CommandLedger ledger;
    private final double framesPerTick;
    private final Playback[] playbacks = new Playback[2];
    private double budget;

    /** A playback in progress. */
    private static final class Playback {
        final List<byte[]> packets;
        final TcAck ack;
        int next;

        Playback(List<byte[]> packets, TcAck ack) {
            this.packets = packets;
            this.ack = ack;
        }

        boolean framedAll() {
            return next >= packets.size();
        }
    }

    Stores(PacketStore hk, PacketStore science, TmFramer framer, Downlink downlink, CommandLedger ledger,
            double framesPerTick) {
        this.hk = hk;
        this.science = science;
        this.framer = framer;
        this.downlink = downlink;
        this.ledger = ledger;
        this.framesPerTick = framesPerTick;
    }

    PacketStore hk() {
        return hk;
    }

    PacketStore science() {
        return science;
    }

    /** The store of a DUMP_STORE or DELETE_STORE argument. */
    PacketStore byId(int id) {
        return id == SpacecraftSim.STORE_HK ? hk : science;
    }

    /** Starts a playback; false when that store is already playing back. */
    boolean startDump(int storeId, long from, long to, TcAck ack, double ob) {
        if (playbacks[storeId] != null) {
            return false;
        }
        PacketStore s = byId(storeId);
        List<byte[]> packets = s.select(from, to);
        playbacks[storeId] = new Playback(packets, ack);
        downlink.event(ob, Events.INFO, Events.DUMP_STARTED,
                s.name() + " DUMP " + from + ".." + to + ": " + packets.size() + " PACKETS");
        return true;
    }

    void delete(int storeId, long upTo, double ob) {
        PacketStore s = byId(storeId);
        int n = s.deleteUpTo(upTo);
        downlink.event(ob, Events.INFO, Events.STORE_DELETED, s.name() + " DELETED " + n + " PACKETS UP TO " + upTo);
    }

    /** One simulated second of playback; the budget saved up is capped at two seconds' worth. */
    void play(double ob) {
        budget = Math.min(budget + framesPerTick, Math.max(1, framesPerTick) * 2);
        for (int storeId : new int[] { SpacecraftSim.STORE_HK, SpacecraftSim.STORE_SCIENCE }) {
            Playback p = playbacks[storeId];
            if (p == null) {
                continue;
            }
            TmFramer.VirtualChannel vc = framer.vc(storeId == SpacecraftSim.STORE_HK
                    ? SpacecraftSim.VC_HK : SpacecraftSim.VC_SCIENCE);
            while (budget >= 1 && !p.framedAll()) {
                long before = framer.framesEmitted();
                vc.addPacket(p.packets.get(p.next++));
                byId(storeId).countPlayedBack();
                budget -= framer.framesEmitted() - before;
            }
            if (p.framedAll() && budget >= 1) {
                long before = framer.framesEmitted();
                vc.flush();
                budget -= framer.framesEmitted() - before;
                playbacks[storeId] = null;
                downlink.event(ob, Events.INFO, Events.DUMP_DONE,
                        byId(storeId).name() + " DUMP DONE: " + p.packets.size() + " PACKETS");
                ledger.completed(p.ack, TcAck.OK, ob);
            }
        }
    }

    /** The store's contents and counters now. */
    StoreSnapshot snapshot(int storeId) {
        return byId(storeId).snapshot(playbacks[storeId] != null);
    }

    /** A reboot loses the playbacks in progress (their DUMP_STOREs never complete). */
    void cancelDumps() {
        playbacks[SpacecraftSim.STORE_HK] = null;
        playbacks[SpacecraftSim.STORE_SCIENCE] = null;
    }
}
