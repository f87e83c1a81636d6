package org.najm.telemetry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.events.EventProducer;
import org.yamcs.events.EventProducerFactory;
import org.yamcs.mdb.Mdb;
import org.yamcs.mdb.MdbFactory;
import org.yamcs.protobuf.Event.EventSeverity;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.StreamSubscriber;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;
import org.yamcs.yarch.protobuf.Db.Event;

/**
 * Turns the ICD EVENT packets, realtime and played back, into Yamcs events with the onboard severity and generation
 * time. XTCE has no notion of events, so this is Java; the packet itself is decoded as the MDB describes it.
 */
public class EventPacketDecoder extends AbstractYamcsService implements StreamSubscriber {

    private static final String CONTAINER = "EVENT";
    private static final List<String> FIELDS = List.of("ccsds_seq_count", "severity", "event_id", "event_length",
            "event_text");
    /** Sequence counts are 14 bits: with the generation time they identify an onboard event. */
    private static final long SEQUENCE_COUNTS = 0x4000;

    private List<String> streamNames;
    private String source;
    private final Map<Integer, String> eventNames = new HashMap<>();
    private final List<Stream> streams = new ArrayList<>();
    private Mdb mdb;
    private PacketExtractor packets;
    private EventProducer eventProducer;
    /** An event recorded onboard is seen live and again when the HK store is played back. */
    private final Set<Long> recent = Collections.newSetFromMap(new LinkedHashMap<Long, Boolean>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > 4096;
        }
    });

    public EventPacketDecoder() {
    }

    /** With the MDB and the event producer given, for tests: they have no Yamcs instance. */
    EventPacketDecoder(Mdb mdb, EventProducer eventProducer) {
        this.mdb = mdb;
        this.eventProducer = eventProducer;
    }

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("streams", OptionType.LIST).withElementType(OptionType.STRING)
                .withDefault(List.of("tm_realtime", "tm_dump"));
        spec.addOption("source", OptionType.STRING).withRequired(true)
                .withDescription("Event source, the spacecraft name");
        spec.addOption("eventNames", OptionType.MAP).withSpec(Spec.ANY)
                .withDescription("Onboard event id -> name, for the event type");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        streamNames = config.getList("streams");
        source = config.getString("source");
        if (config.containsKey("eventNames")) {
            config.getMap("eventNames").forEach((k, v) -> eventNames.put(Integer.decode(k.toString()), v.toString()));
        }
        try {
            packets = new PacketExtractor(mdb != null ? mdb : MdbFactory.getInstance(yamcsInstance), CONTAINER, FIELDS);
        } catch (IllegalArgumentException e) {
            throw new InitException("Cannot decode EVENT packets with the MDB: " + e.getMessage(), e);
        }
        if (eventProducer == null) {
            eventProducer = EventProducerFactory.getEventProducer(yamcsInstance, source, 0);
        }
    }

    @Override
    protected void doStart() {
        var ydb = YarchDatabase.getInstance(yamcsInstance);
        for (String name : streamNames) {
            Stream s = ydb.getStream(name);
            if (s == null) {
                notifyFailed(new InitException("No stream " + name));
                return;
            }
            s.addSubscriber(this);
            streams.add(s);
        }
        notifyStarted();
    }

    @Override
    protected void doStop() {
        streams.forEach(s -> s.removeSubscriber(this));
        notifyStopped();
    }

    @Override
    public void onTuple(Stream stream, Tuple t) {
        byte[] packet = (byte[]) t.getColumn("packet");
        if (!packets.hasApid(packet)) {
            return;
        }
        OnboardEvent onboard;
        try {
            onboard = decode(packet);
        } catch (IllegalArgumentException e) {
            log.warn("Malformed EVENT packet ({} octets): {}; not turned into an event", packet.length, e.getMessage());
            return;
        }
        long gentime = (Long) t.getColumn("gentime");
        synchronized (recent) {
            if (!recent.add(gentime * SEQUENCE_COUNTS + onboard.seq())) {
                return;
            }
        }
        String type = String.format("0x%04X", onboard.id());
        String name = eventNames.get(onboard.id());
        Event ev = eventProducer.newEvent()
                .setGenerationTime(gentime)
                .setReceptionTime((Long) t.getColumn("rectime"))
                .setSeverity(onboard.severity())
                .setType(name == null ? type : name + " (" + type + ")")
                .setMessage(onboard.text())
                .build();
        eventProducer.sendEvent(ev);
    }

    @Override
    public void streamClosed(Stream stream) {
        streams.remove(stream);
    }

    /** @throws IllegalArgumentException saying what is wrong with the packet */
    private OnboardEvent decode(byte[] packet) {
        PacketExtractor.Extracted f = packets.extract(packet);
        if (!f.matched()) {
            throw new IllegalArgumentException("the primary header does not match " + packets.criteria());
        }
        int textEnd = f.end("event_text");
        int crcStart = packet.length - PacketExtractor.CRC_OCTETS;
        if (textEnd != crcStart) {
            throw new IllegalArgumentException("the text ends at octet " + textEnd + ", the CRC starts at " + crcStart);
        }
        String severity = f.eng("severity").getStringValue();
        EventSeverity yamcsSeverity;
        try {
            yamcsSeverity = EventSeverity.valueOf(severity);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("severity " + f.rawInteger("severity") + " (" + severity
                    + ") is not a Yamcs event severity");
        }
        return new OnboardEvent((int) f.integer("ccsds_seq_count"), yamcsSeverity, (int) f.integer("event_id"),
                f.eng("event_text").getStringValue());
    }

    private record OnboardEvent(int seq, EventSeverity severity, int id, String text) {
    }
}
