package org.najm.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yamcs.YConfiguration;
import org.yamcs.events.MockupEventProducer;
import org.yamcs.protobuf.Event.EventSeverity;
import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;
import org.yamcs.yarch.DataType;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.TupleDefinition;
import org.yamcs.yarch.protobuf.Db.Event;

/** EVENT packets to Yamcs events, through the service's stream subscriber (without a Yamcs instance). */
class EventPacketDecoderTest {

    private static final TupleDefinition TM = new TupleDefinition();
    /** Yamcs times (ms): the packet's onboard time, and its reception live and in a dump an hour later. */
    private static final long GENTIME = 1_700_000_000_000L;
    private static final long LIVE = GENTIME + 800;
    private static final long DUMPED = GENTIME + 3_600_000;

    static {
        TM.addColumn("gentime", DataType.TIMESTAMP);
        TM.addColumn("seqNum", DataType.INT);
        TM.addColumn("rectime", DataType.TIMESTAMP);
        TM.addColumn("packet", DataType.BINARY);
    }

    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    private EventPacketDecoder decoder;

    @BeforeEach
    void init() throws Exception {
        var producer = new MockupEventProducer(events);
        producer.setSource("NAJM-1");
        decoder = new EventPacketDecoder(TestMdb.get(), producer);
        var args = decoder.getSpec().validate(Map.<String, Object>of("source", "NAJM-1",
                "eventNames", Map.of("0x0100", "PING")));
        decoder.init("najm-1", "events", YConfiguration.wrap(args));
    }

    @Test
    void anEventSeenLiveAndAgainInADumpIsOneYamcsEvent() {
        byte[] packet = event(17, 1, 0x0100, "PING 0x01020304");
        decoder.onTuple(null, tuple(GENTIME, LIVE, packet)); // tm_realtime
        decoder.onTuple(null, tuple(GENTIME, DUMPED, packet.clone())); // tm_dump: the HK store played back
        assertEquals(1, events.size(), events::toString);
        Event e = events.remove();
        assertEquals(GENTIME, e.getGenerationTime());
        assertEquals(LIVE, e.getReceptionTime());
        assertEquals(EventSeverity.WARNING, e.getSeverity());
        assertEquals("PING (0x0100)", e.getType());
        assertEquals("PING 0x01020304", e.getMessage());
    }

    @Test
    void eventsAreTheSameOnlyWithTheSameTimeAndSequenceCount() {
        decoder.onTuple(null, tuple(GENTIME, LIVE, event(17, 0, 0x0101, "MODE SURVEY")));
        decoder.onTuple(null, tuple(GENTIME, LIVE, event(18, 0, 0x0101, "MODE SURVEY"))); // next packet, same time
        decoder.onTuple(null, tuple(GENTIME + 1000, LIVE, event(17, 0, 0x0101, "MODE SURVEY"))); // count wrapped
        decoder.onTuple(null, tuple(GENTIME, DUMPED, event(18, 0, 0x0101, "MODE SURVEY"))); // the second, dumped
        assertEquals(3, events.size(), events::toString);
        assertEquals("0x0101", events.peek().getType()); // no name configured: the id alone
    }

    @Test
    void malformedAndOtherPacketsBecomeNoEvent() {
        byte[] badSeverity = event(1, 7, 0x0200, "STORE OVERFLOW");
        byte[] shortText = event(2, 0, 0x0200, "STORE OVERFLOW");
        shortText[15]--; // text length one less than the packet holds
        byte[] longText = event(3, 0, 0x0200, "STORE OVERFLOW");
        longText[15] += 10; // beyond the end of the packet
        byte[] otherApid = event(4, 0, 0x0200, "STORE OVERFLOW");
        otherApid[1] = 100; // BUS_HK's
        for (byte[] p : List.of(badSeverity, shortText, longText, otherApid)) {
            decoder.onTuple(null, tuple(GENTIME, LIVE, p));
        }
        assertTrue(events.isEmpty(), events::toString);
        decoder.onTuple(null, tuple(GENTIME, LIVE, event(5, 3, 0x0300, "BATTERY LOW")));
        assertEquals(EventSeverity.CRITICAL, events.remove().getSeverity());
    }

    /** An EVENT packet laid out as in ICD section 4. */
    static byte[] event(int seq, int severity, int id, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(18 + ascii.length);
        b.putShort((short) (0x0800 | 400)).putShort((short) (0xC000 | seq)).putShort((short) (b.capacity() - 7));
        b.putInt(1_400_000_000).putShort((short) 0);
        b.put((byte) severity).putShort((short) id).put((byte) ascii.length).put(ascii);
        b.putShort((short) new CrcCciitCalculator().compute(b.array(), 0, b.position()));
        return b.array();
    }

    private static Tuple tuple(long gentime, long rectime, byte[] packet) {
        return new Tuple(TM, new ArrayList<>(List.of(gentime, 0, rectime, packet)));
    }
}
