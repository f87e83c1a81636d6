package org.najm.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.yamcs.cmdhistory.protobuf.Cmdhistory.AssignmentInfo;
import org.yamcs.protobuf.Commanding.CommandAssignment;
import org.yamcs.protobuf.Commanding.CommandHistoryAttribute;
import org.yamcs.protobuf.Commanding.CommandHistoryEntry;
import org.yamcs.protobuf.Event;
import org.yamcs.protobuf.Event.EventSeverity;
import org.yamcs.protobuf.Yamcs.Value;
import org.yamcs.protobuf.Yamcs.Value.Type;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.yarch.DataType;
import org.yamcs.yarch.TupleDefinition;
import org.yamcs.yarch.protobuf.Db;

import com.google.protobuf.Timestamp;

class HistoryTuplesTest {

    private static final Instant GENERATED = Instant.parse("2026-12-01T12:00:00.250Z");

    static {
        TimeEncoding.setUp();
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    @Test
    void anEventKeepsTheMocsKeyAndWhatItSays() {
        TupleDefinition def = new TupleDefinition();
        def.addColumn("gentime", DataType.TIMESTAMP);
        def.addColumn("source", DataType.ENUM);
        def.addColumn("seqNum", DataType.INT);
        def.addColumn("body", DataType.protobuf(Db.Event.class.getName()));
        Event ev = Event.newBuilder().setGenerationTime(ts(GENERATED)).setReceptionTime(ts(GENERATED.plusSeconds(2)))
                .setSource("automation").setSeqNumber(41).setType("CONTACT_REPORT").setSeverity(EventSeverity.WARNING)
                .setMessage("NAJM-1 through RABAT: PARTIAL").build();

        var t = HistoryTuples.event(def, ev);

        long gentime = TimeEncoding.fromJavaInstant(GENERATED);
        assertEquals((Object) gentime, t.getColumn("gentime"));
        assertEquals("automation", t.getColumn("source"));
        assertEquals((Object) 41, t.getColumn("seqNum"));
        Db.Event body = (Db.Event) t.getColumn("body");
        assertEquals(gentime + 2000, body.getReceptionTime());
        assertEquals("CONTACT_REPORT", body.getType());
        assertEquals(EventSeverity.WARNING, body.getSeverity());
        assertEquals("NAJM-1 through RABAT: PARTIAL", body.getMessage());
        assertEquals(new HistoryTuples.RowKey(gentime, "automation", 41), HistoryTuples.RowKey.of(ev));
    }

    @Test
    void aCommandKeepsItsKeyStagesTypesAndArguments() {
        long completed = TimeEncoding.fromJavaInstant(GENERATED.plusSeconds(3));
        CommandHistoryEntry e = CommandHistoryEntry.newBuilder().setId("x").setOrigin("najm-automation")
                .setSequenceNumber(8).setCommandName("/NAJM/DUMP_STORE").setGenerationTime(ts(GENERATED))
                .addAttr(attr("username", Value.newBuilder().setType(Type.STRING).setStringValue("alpha-automation")))
                .addAttr(attr("Verifier_Complete_Status", Value.newBuilder().setType(Type.STRING).setStringValue("OK")))
                .addAttr(attr("Verifier_Complete_Time", Value.newBuilder().setType(Type.TIMESTAMP)
                        .setTimestampValue(completed)))
                .addAttr(attr("ccsds-seqcount", Value.newBuilder().setType(Type.SINT32).setSint32Value(7)))
                // an attribute named as a key column must not overwrite the key
                .addAttr(attr("origin", Value.newBuilder().setType(Type.STRING).setStringValue("elsewhere")))
                .addAssignments(CommandAssignment.newBuilder().setName("store")
                        .setValue(Value.newBuilder().setType(Type.STRING).setStringValue("HK")).setUserInput(true))
                .build();

        var t = HistoryTuples.command(e);

        assertEquals((Object) TimeEncoding.fromJavaInstant(GENERATED), t.getColumn("gentime"));
        assertEquals("najm-automation", t.getColumn("origin"));
        assertEquals((Object) 8, t.getColumn("seqNum"));
        assertEquals("/NAJM/DUMP_STORE", t.getColumn("cmdName"));
        assertEquals("alpha-automation", t.getColumn("username"));
        assertEquals("OK", t.getColumn("Verifier_Complete_Status"));
        assertEquals(DataType.TIMESTAMP, t.getDefinition().getColumn("Verifier_Complete_Time").getType());
        assertEquals((Object) completed, t.getColumn("Verifier_Complete_Time"));
        assertEquals((Object) 7, t.getColumn("ccsds-seqcount"));
        assertEquals(1L, t.getDefinition().getColumnDefinitions().stream().filter(c -> c.getName().equals("origin"))
                .count());
        AssignmentInfo args = (AssignmentInfo) t.getColumn("assignments");
        assertEquals("store", args.getAssignment(0).getName());
        assertEquals("HK", args.getAssignment(0).getValue().getStringValue());
        assertTrue(args.getAssignment(0).getUserInput());
    }

    private static CommandHistoryAttribute attr(String name, Value.Builder value) {
        return CommandHistoryAttribute.newBuilder().setName(name).setValue(value).build();
    }
}
