package org.najm.site;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.yamcs.StandardTupleDefinitions;
import org.yamcs.cmdhistory.protobuf.Cmdhistory.Assignment;
import org.yamcs.cmdhistory.protobuf.Cmdhistory.AssignmentInfo;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.protobuf.Commanding.CommandAssignment;
import org.yamcs.protobuf.Commanding.CommandHistoryAttribute;
import org.yamcs.protobuf.Commanding.CommandHistoryEntry;
import org.yamcs.protobuf.Event;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.utils.ValueUtility;
import org.yamcs.yarch.DataType;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.TupleDefinition;
import org.yamcs.yarch.protobuf.Db;

/**
 * The MOC's events and command history, as its archive API gives them, turned into the tuples this server's event
 * and command history recorders store: the same keys as at the MOC (generation time, source or origin, sequence
 * number), so a row already here is the same row.
 */
final class HistoryTuples {

    private static final DataType ASSIGNMENTS = DataType.protobuf(AssignmentInfo.class.getName());
    private static final Set<String> KEY_COLUMNS = Set.of(PreparedCommand.CNAME_GENTIME, PreparedCommand.CNAME_ORIGIN,
            PreparedCommand.CNAME_SEQNUM, PreparedCommand.CNAME_CMDNAME, PreparedCommand.CNAME_ASSIGNMENTS);

    private HistoryTuples() {
    }

    /**
     * A row's key in the event and command history tables: generation time (Yamcs time), the event's source or the
     * command's origin, sequence number.
     */
    record RowKey(long gentime, String name, int seqNum) {
        static RowKey of(Event ev) {
            return new RowKey(TimeEncoding.fromProtobufTimestamp(ev.getGenerationTime()), ev.getSource(),
                    ev.getSeqNumber());
        }

        static RowKey of(CommandHistoryEntry e) {
            return new RowKey(TimeEncoding.fromProtobufTimestamp(e.getGenerationTime()), e.getOrigin(),
                    e.getSequenceNumber());
        }
    }

    /** The MOC's event as the row {@code (gentime, source, seqNum, body)} of an event stream ({@code def}). */
    static Tuple event(TupleDefinition def, Event ev) {
        RowKey key = RowKey.of(ev);
        var body = Db.Event.newBuilder().setGenerationTime(key.gentime()).setSource(key.name())
                .setSeqNumber(key.seqNum())
                .setReceptionTime(ev.hasReceptionTime() ? TimeEncoding.fromProtobufTimestamp(ev.getReceptionTime())
                        : key.gentime());
        if (ev.hasCreatedBy()) {
            body.setCreatedBy(ev.getCreatedBy());
        }
        if (ev.hasSeverity()) {
            body.setSeverity(ev.getSeverity());
        }
        if (ev.hasType()) {
            body.setType(ev.getType());
        }
        if (ev.hasMessage()) {
            body.setMessage(ev.getMessage());
        }
        return new Tuple(def, new Object[] { key.gentime(), key.name(), key.seqNum(), body.build() });
    }

    /**
     * The MOC's command with all its history so far, as one row of a command history stream: its key, every
     * attribute (Yamcs' and the verifiers' stages), and its arguments.
     */
    static Tuple command(CommandHistoryEntry e) {
        RowKey key = RowKey.of(e);
        TupleDefinition def = StandardTupleDefinitions.TC.copy();
        List<Object> values = new ArrayList<>(List.of(key.gentime(), key.name(), key.seqNum(), e.getCommandName()));
        for (CommandHistoryAttribute a : e.getAttrList()) {
            if (KEY_COLUMNS.contains(a.getName()) || def.hasColumn(a.getName()) || !a.hasValue()) {
                continue;
            }
            def.addColumn(a.getName(), ValueUtility.getYarchType(a.getValue().getType()));
            values.add(ValueUtility.getYarchValue(a.getValue()));
        }
        var assignments = AssignmentInfo.newBuilder();
        for (CommandAssignment a : e.getAssignmentsList()) {
            assignments.addAssignment(Assignment.newBuilder().setName(a.getName()).setValue(a.getValue())
                    .setUserInput(a.getUserInput()));
        }
        def.addColumn(PreparedCommand.CNAME_ASSIGNMENTS, ASSIGNMENTS);
        values.add(assignments.build());
        return new Tuple(def, values);
    }
}
