package org.najm.security;

import java.util.ArrayList;
import java.util.List;

import org.yamcs.StandardTupleDefinitions;
import org.yamcs.cmdhistory.protobuf.Cmdhistory.Assignment;
import org.yamcs.cmdhistory.protobuf.Cmdhistory.AssignmentInfo;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.protobuf.Commanding.CommandHistoryAttribute;
import org.yamcs.utils.ValueUtility;
import org.yamcs.yarch.DataType;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.TupleDefinition;

/**
 * Turns a command that came off a TC stream back into a stream tuple. Yamcs'
 * {@link PreparedCommand#toTuple()} expects a command built by Yamcs' commanding, not one read
 * from a tuple: the latter carries its id columns as attributes and no record of which
 * arguments the user gave.
 */
final class CommandTuples {

    private CommandTuples() {
    }

    static Tuple toTuple(PreparedCommand pc) {
        TupleDefinition td = StandardTupleDefinitions.TC.copy();
        List<Object> values = new ArrayList<>(List.of(pc.getGenerationTime(), pc.getOrigin(),
                pc.getSequenceNumber(), pc.getCommandName()));
        for (CommandHistoryAttribute a : pc.getAttributes()) {
            if (!td.hasColumn(a.getName()) && !a.getName().equals(PreparedCommand.CNAME_ASSIGNMENTS)) {
                td.addColumn(a.getName(), ValueUtility.getYarchType(a.getValue().getType()));
                values.add(ValueUtility.getYarchValue(a.getValue()));
            }
        }
        AssignmentInfo.Builder assignments = AssignmentInfo.newBuilder();
        if (pc.getArgAssignment() != null) {
            pc.getArgAssignment().forEach((arg, value) -> assignments.addAssignment(Assignment.newBuilder()
                    .setName(arg.getName()).setValue(ValueUtility.toGbp(value.getEngValue())).setUserInput(false)));
        }
        td.addColumn(PreparedCommand.CNAME_ASSIGNMENTS, DataType.protobuf(AssignmentInfo.class.getName()));
        values.add(assignments.build());
        return new Tuple(td, values.toArray());
    }
}
