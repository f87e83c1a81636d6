package org.najm.site;

import org.najm.commanding.LocalTcLink;
import org.najm.security.OnBehalfOf;
import org.yamcs.cmdhistory.CommandHistoryPublisher.AckStatus;
import org.yamcs.commanding.PreparedCommand;

/**
 * On a partner site, the first link of a spacecraft's TC stream: it names the person who sent the command in the
 * comment that Yamcs' cascading link ({@code org.yamcs.cascading.YamcsLink}, next on the stream) carries to the
 * MOC, which issues it there as the site's account ({@link OnBehalfOf}). It decides nothing: the MOC's command
 * authority does, for every site alike. A command with no user is failed here rather than sent as the site.
 */
public class SiteIssuerLink extends LocalTcLink {

    static final String ISSUER_ACK = "SiteIssuer";

    @Override
    public boolean isCommandingAvailable() {
        return true;
    }

    @Override
    public boolean sendCommand(PreparedCommand pc) {
        String person = pc.getUsername();
        long now = timeService.getMissionTime();
        if (person == null || person.isBlank() || isDisabled()) {
            String why = isDisabled() ? "commanding from this site is locked: link " + linkName + " is disabled"
                    : "the command names no user, so the MOC could not tell who sent it";
            commandHistory.publishAck(pc.getCommandId(), ISSUER_ACK, now, AckStatus.NOK, why);
            commandHistory.commandFailed(pc.getCommandId(), now, "Not sent: " + why);
            return true;
        }
        dataOut(1, 0);
        pc.setComment(OnBehalfOf.stamp(person, pc.getComment()));
        commandHistory.publishAck(pc.getCommandId(), ISSUER_ACK, now, AckStatus.OK,
                "sent to the MOC on behalf of " + person);
        return false; // on to the cascading link
    }
}
