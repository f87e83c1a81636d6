package org.najm.commanding;

import org.yamcs.ConfigurationException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.cmdhistory.CommandHistoryPublisher;
import org.yamcs.cmdhistory.CommandHistoryPublisher.AckStatus;
import org.yamcs.commanding.PreparedCommand;

/**
 * The last link on a spacecraft's TC stream: it takes the commands that the TC link could not
 * send now (no station hears the spacecraft, COP-1 not ready, link disabled) and fails them at
 * once with the reason. Without it they would wait in COP-1's queue, or fail with Yamcs'
 * generic "no link available".
 */
public class TcUnavailableLink extends LocalTcLink {

    private String tcLinkName;

    @Override
    public Spec getSpec() {
        Spec spec = getDefaultSpec();
        spec.addOption("tcLink", OptionType.STRING).withDefault("TC")
                .withDescription("The GatewayTcFrameLink whose commands this link fails");
        return spec;
    }

    @Override
    public void init(String instance, String name, YConfiguration config) throws ConfigurationException {
        super.init(instance, name, config);
        tcLinkName = config.getString("tcLink");
    }

    @Override
    public boolean sendCommand(PreparedCommand pc) {
        String reason = "Command not sent to " + spacecraft.name() + ": " + currentReason();
        long now = timeService.getMissionTime();
        commandHistory.publishAck(pc.getCommandId(), CommandHistoryPublisher.AcknowledgeSent_KEY, now, AckStatus.NOK,
                reason);
        commandHistory.commandFailed(pc.getCommandId(), now, reason);
        dataOut(1, 0);
        return true;
    }

    private String currentReason() {
        var link = YamcsServer.getServer().getInstance(yamcsInstance).getLinkManager().getLink(tcLinkName);
        String reason = link instanceof GatewayTcFrameLink tc ? tc.unavailableReason() : null;
        return reason != null ? reason : "the TC link could not take it";
    }
}
