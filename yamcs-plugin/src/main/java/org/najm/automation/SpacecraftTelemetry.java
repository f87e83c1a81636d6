package org.najm.automation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.najm.automation.ContactReport.PacketCount;
import org.najm.automation.DumpEvidence.Packet;
import org.najm.automation.DumpEvidence.PacketKey;
import org.najm.time.SimClocks;
import org.yamcs.InitException;
import org.yamcs.logging.Log;
import org.yamcs.tctm.CcsdsPacket;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.StreamSubscriber;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;
import org.yamcs.yarch.protobuf.Db.Event;

/**
 * What the automation hears of one spacecraft, from its instance's streams: the latest BUS_HK (mode, store
 * fills, onboard time) on tm_realtime, the played-back packets on tm_dump for the dump being watched, the
 * dumps' announcements among the instance's events (EventPacketDecoder), and packets per APID.
 *
 * <p>Called on the instance's TM link and event threads: it only records, the contact's thread decides.
 */
final class SpacecraftTelemetry implements StreamSubscriber {

    /** The latest BUS_HK: mode, fills in octets, its onboard GPS second, when it arrived (mission time). */
    record Housekeeping(String mode, long scienceFill, long hkFill, long onboardSecond, Instant received) {
        long fill(Store s) {
            return s == Store.SCIENCE ? scienceFill : hkFill;
        }
    }

    private static final Log log = new Log(SpacecraftTelemetry.class);
    private static final Pattern STARTED = Pattern.compile("(HK|SCIENCE) DUMP (\\d+)\\.\\.(\\d+): (\\d+) PACKETS");
    private static final Pattern DONE = Pattern.compile("(HK|SCIENCE) DUMP DONE: (\\d+) PACKETS");

    private final String spacecraft;
    private final String instance;
    private final PacketFields fields;
    private final List<Stream> streams = new ArrayList<>();
    private Stream realtime;
    private Stream dump;
    private volatile Housekeeping latest;
    private volatile DumpEvidence watched;
    private volatile Map<Integer, Tally> counts = new ConcurrentHashMap<>();

    private record Tally(String name, AtomicLong count) {
    }

    SpacecraftTelemetry(String spacecraft, String instance, PacketFields fields) {
        this.spacecraft = spacecraft;
        this.instance = instance;
        this.fields = fields;
    }

    void start() throws InitException {
        var ydb = YarchDatabase.getInstance(instance);
        realtime = stream(ydb.getStream("tm_realtime"), "tm_realtime");
        dump = stream(ydb.getStream("tm_dump"), "tm_dump");
        stream(ydb.getStream("events_realtime"), "events_realtime");
    }

    private Stream stream(Stream s, String name) throws InitException {
        if (s == null) {
            throw new InitException("No stream " + name + " in instance " + instance);
        }
        s.addSubscriber(this);
        streams.add(s);
        return s;
    }

    void stop() {
        streams.forEach(s -> s.removeSubscriber(this));
        streams.clear();
    }

    Housekeeping latest() {
        return latest;
    }

    /** From now on the dumped packets and announcements also go to {@code e}; null stops it. */
    void watch(DumpEvidence e) {
        watched = e;
    }

    /** Starts counting packets per APID afresh (at AOS). */
    void resetCounts() {
        counts = new ConcurrentHashMap<>();
    }

    List<PacketCount> counts() {
        return counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new PacketCount(e.getKey(), e.getValue().name(), e.getValue().count().get())).toList();
    }

    @Override
    public void onTuple(Stream s, Tuple t) {
        try {
            if (s == realtime || s == dump) {
                packet(s == dump, t);
            } else if (t.getColumn("body") instanceof Event ev && spacecraft.equals(ev.getSource())) {
                event(ev.getMessage());
            }
        } catch (RuntimeException e) {
            log.warn("{}: tuple of {} not understood: {}", spacecraft, s.getName(), e.toString());
        }
    }

    private void packet(boolean dumped, Tuple t) {
        byte[] packet = (byte[]) t.getColumn("packet");
        long gentime = (Long) t.getColumn("gentime");
        PacketFields.Fields f = fields.extract(packet);
        int apid = CcsdsPacket.getAPID(packet);
        counts.computeIfAbsent(apid, k -> new Tally(f.container(), new AtomicLong())).count().incrementAndGet();
        long second = Math.floorDiv(TimeEncoding.toGpsTimeMillisec(gentime), 1000);
        if (!dumped) {
            if ("BUS_HK".equals(f.container())) {
                latest = new Housekeeping(f.mode(), f.scienceFill(), f.hkFill(), second, SimClocks.shared().now());
            }
            return;
        }
        DumpEvidence e = watched;
        Store store = Store.ofContainer(f.container());
        if (e != null && store != null) {
            e.packet(store, new Packet(second, new PacketKey(gentime, (Integer) t.getColumn("seqNum")),
                    CcsdsPacket.getSequenceCount(packet), f.trackletId(), f.detIndex(), f.detCount()));
        }
    }

    private void event(String message) {
        DumpEvidence e = watched;
        if (e == null || message == null) {
            return;
        }
        Matcher m = STARTED.matcher(message);
        if (m.matches()) {
            e.started(Store.valueOf(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Integer.parseInt(m.group(4)));
            return;
        }
        m = DONE.matcher(message);
        if (m.matches()) {
            e.done(Store.valueOf(m.group(1)), Integer.parseInt(m.group(2)));
        }
    }

    @Override
    public void streamClosed(Stream s) {
        streams.remove(s);
    }
}
