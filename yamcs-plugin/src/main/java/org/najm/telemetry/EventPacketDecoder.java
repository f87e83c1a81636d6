package org.najm.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.events.EventProducer;
import org.yamcs.events.EventProducerFactory;
import org.yamcs.utils.ByteArrayUtils;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.StreamSubscriber;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;
import org.yamcs.yarch.protobuf.Db.Event;
import org.yamcs.protobuf.Event.EventSeverity;

/**
 * Turns the ICD EVENT packets (APID 400), realtime and played back, into Yamcs events with the
 * onboard severity and generation time. XTCE has no notion of events, so this is Java.
 */
public class EventPacketDecoder extends AbstractYamcsService implements StreamSubscriber {

    static final int EVENT_APID = 400;
    private static final int TEXT_OFFSET = 16;
    private static final EventSeverity[] SEVERITIES = { EventSeverity.INFO, EventSeverity.WARNING,
            EventSeverity.ERROR, EventSeverity.CRITICAL };

    private List<String> streamNames;
    private String source;
    private final Map<Integer, String> eventNames = new HashMap<>();
    private final List<Stream> streams = new ArrayList<>();
    private EventProducer eventProducer;
    /** An event recorded onboard is seen live and again when the HK store is played back. */
    private final java.util.Set<Long> recent = java.util.Collections.newSetFromMap(
            new java.util.LinkedHashMap<Long, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                    return size() > 4096;
                }
            });

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
        eventProducer = EventProducerFactory.getEventProducer(yamcsInstance, source, 0);
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
        if (packet.length < TEXT_OFFSET + 2 || (ByteArrayUtils.decodeUnsignedShort(packet, 0) & 0x7FF) != EVENT_APID) {
            return;
        }
        int severity = packet[12] & 0xFF;
        int id = ByteArrayUtils.decodeUnsignedShort(packet, 13);
        int n = packet[15] & 0xFF;
        if (severity >= SEVERITIES.length || TEXT_OFFSET + n + 2 != packet.length) {
            log.warn("Malformed EVENT packet ({} octets, severity {}, text length {}): not turned into an event",
                    packet.length, severity, n);
            return;
        }
        long gentime = (Long) t.getColumn("gentime");
        int seq = ByteArrayUtils.decodeUnsignedShort(packet, 2) & 0x3FFF;
        synchronized (recent) {
            if (!recent.add(gentime * 0x4000 + seq)) {
                return;
            }
        }
        String text = new String(packet, TEXT_OFFSET, n, StandardCharsets.US_ASCII);
        String type = String.format("0x%04X", id);
        String name = eventNames.get(id);
        Event ev = eventProducer.newEvent()
                .setGenerationTime(gentime)
                .setReceptionTime((Long) t.getColumn("rectime"))
                .setSeverity(SEVERITIES[severity])
                .setType(name == null ? type : name + " (" + type + ")")
                .setMessage(text)
                .build();
        eventProducer.sendEvent(ev);
    }

    @Override
    public void streamClosed(Stream stream) {
        streams.remove(stream);
    }
}
