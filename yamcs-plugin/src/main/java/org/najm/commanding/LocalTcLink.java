package org.najm.commanding;

import org.yamcs.cmdhistory.CommandHistoryPublisher;
import org.yamcs.tctm.AbstractLink;
import org.yamcs.tctm.TcDataLink;

/**
 * A link on a TC stream with no connection of its own: it decides on commands inside the MOC
 * (refuses, holds, fails them) and writes its decisions to command history.
 */
public abstract class LocalTcLink extends AbstractLink implements TcDataLink {

    protected CommandHistoryPublisher commandHistory;

    @Override
    public void setCommandHistoryPublisher(CommandHistoryPublisher commandHistoryPublisher) {
        this.commandHistory = commandHistoryPublisher;
    }

    @Override
    protected void doStart() {
        notifyStarted();
    }

    @Override
    protected void doStop() {
        notifyStopped();
    }

    @Override
    protected Status connectionStatus() {
        return Status.OK;
    }
}
