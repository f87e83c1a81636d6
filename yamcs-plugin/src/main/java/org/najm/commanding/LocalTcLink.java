package org.najm.commanding;

import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.yamcs.ConfigurationException;
import org.yamcs.YConfiguration;
import org.yamcs.cmdhistory.CommandHistoryPublisher;
import org.yamcs.tctm.AbstractLink;
import org.yamcs.tctm.TcDataLink;

/**
 * A link on a spacecraft's TC stream with no connection of its own: it decides on commands inside
 * the MOC (refuses, fails them) and writes its decisions to command history.
 */
public abstract class LocalTcLink extends AbstractLink implements TcDataLink {

    protected CommandHistoryPublisher commandHistory;
    /** The spacecraft of this link's instance. */
    protected Spacecraft spacecraft;

    @Override
    public void init(String instance, String name, YConfiguration config) throws ConfigurationException {
        super.init(instance, name, config);
        spacecraft = NajmContext.constellation().spacecraftByInstance(instance)
                .orElseThrow(() -> new ConfigurationException(instance + " is not a spacecraft of the constellation"));
    }

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
