package org.najm.commanding;

import org.yamcs.YamcsServer;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.tctm.Link;
import org.yamcs.tctm.TcDataLink;

/**
 * The benchmark's baseline for the partner command authority (CommandLatencyBench, never in the product): placed
 * before AUTHORITY on the TC stream and enabled, it marks every command released, with no partner check, no
 * audit and no "Authorized" stage, and hands it straight to the TC link; disabled, it steps aside and the command
 * takes the product's path through AUTHORITY. Switching it between two commands measures both paths on one
 * server, one contact and one login, command by command.
 */
public class BaselineReleaseLink extends LocalTcLink {

    /** The link the product's AUTHORITY hands released commands to (the template's TC link). */
    static final String TC_LINK = "TC";

    @Override
    public boolean isCommandingAvailable() {
        return !isDisabled();
    }

    @Override
    public boolean sendCommand(PreparedCommand pc) {
        Link tc = YamcsServer.getServer().getInstance(yamcsInstance).getLinkManager().getLink(TC_LINK);
        if (!(tc instanceof TcDataLink link)) {
            throw new IllegalStateException(yamcsInstance + " has no TC link " + TC_LINK);
        }
        dataOut(1, 0);
        ReleaseMark.mark(pc, pc.getUsername() + " (benchmark baseline: no authority)", commandHistory);
        if (!link.sendCommand(pc)) {
            // never on to AUTHORITY: the baseline is one path or the other, not both
            commandHistory.commandFailed(pc.getCommandId(), timeService.getMissionTime(),
                    "benchmark baseline: the TC link did not take the command");
        }
        return true;
    }
}
