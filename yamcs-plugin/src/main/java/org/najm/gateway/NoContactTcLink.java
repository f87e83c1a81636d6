package org.najm.gateway;

import org.najm.constellation.Spacecraft;
import org.yamcs.ConfigurationException;
import org.yamcs.YConfiguration;
import org.yamcs.cmdhistory.CommandHistoryPublisher;
import org.yamcs.cmdhistory.CommandHistoryPublisher.AckStatus;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.tctm.AbstractLink;
import org.yamcs.tctm.TcDataLink;

/**
 * The last link on a spacecraft's TC stream: it takes the commands that no other link could
 * send, because no station hears the spacecraft, and fails them with that reason. Without it
 * they would wait in COP-1's queue, or fail with Yamcs' generic "no link available".
 */
public class NoContactTcLink extends AbstractLink implements TcDataLink {

    private CommandHistoryPublisher commandHistory;
    private String spacecraftName;

    @Override
    public void init(String instance, String name, YConfiguration config) throws ConfigurationException {
        super.init(instance, name, config);
        Spacecraft sc = StationGateway.get().constellation().spacecraftByInstance(instance)
                .orElseThrow(() -> new ConfigurationException(instance + " is not a spacecraft of the constellation"));
        spacecraftName = sc.name();
    }

    @Override
    public boolean sendCommand(PreparedCommand pc) {
        String reason = "No ground station is in contact with " + spacecraftName + ": command not sent";
        long now = timeService.getMissionTime();
        commandHistory.publishAck(pc.getCommandId(), CommandHistoryPublisher.AcknowledgeSent_KEY, now, AckStatus.NOK,
                reason);
        commandHistory.commandFailed(pc.getCommandId(), now, reason);
        dataOut(1, 0);
        return true;
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
