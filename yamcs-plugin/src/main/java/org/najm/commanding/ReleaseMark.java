package org.najm.commanding;

import org.yamcs.cmdhistory.CommandHistoryPublisher;
import org.yamcs.commanding.PreparedCommand;

/**
 * The partner command authority's mark on a command it released, also shown in command history.
 * The TC packet postprocessor encodes nothing without it, so commanding fails closed should the
 * AUTHORITY link ever be missing from the TC stream, or misplaced.
 */
final class ReleaseMark {

    static final String ATTRIBUTE = "najm-authority";

    private ReleaseMark() {
    }

    static void mark(PreparedCommand pc, String by, CommandHistoryPublisher commandHistory) {
        pc.addStringAttribute(ATTRIBUTE, by);
        commandHistory.publish(pc.getCommandId(), ATTRIBUTE, by);
    }

    static boolean isReleased(PreparedCommand pc) {
        return pc.getAttribute(ATTRIBUTE) != null;
    }
}
