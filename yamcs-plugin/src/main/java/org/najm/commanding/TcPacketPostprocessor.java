package org.najm.commanding;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalInt;

import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.yamcs.ConfigurationException;
import org.yamcs.YConfiguration;
import org.yamcs.cmdhistory.CommandHistoryPublisher;
import org.yamcs.cmdhistory.CommandHistoryPublisher.AckStatus;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.tctm.CcsdsSeqCountFiller;
import org.yamcs.tctm.CommandPostprocessor;
import org.yamcs.tctm.Link;
import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;
import org.yamcs.utils.TimeEncoding;

/**
 * Finishes an ICD TC packet (§5) after Yamcs encoded it from the MDB: packet length, the
 * per-APID sequence count (which the TC_ACK verifiers match on) and the trailing CRC-16.
 *
 * <p>It is also the last point where a command can still be refused cleanly: a command for a
 * spacecraft that no station hears fails here, with that reason in the command history,
 * instead of being framed and lost. And it encodes nothing that the partner command authority
 * did not release: should its link ever be missing from the TC stream, or misplaced, commanding
 * fails closed.
 */
public class TcPacketPostprocessor implements CommandPostprocessor {

    private final CcsdsSeqCountFiller seqFiller = new CcsdsSeqCountFiller();
    private final CrcCciitCalculator crc = new CrcCciitCalculator();
    private CommandHistoryPublisher commandHistory;
    private Spacecraft spacecraft;
    /** The VC link this postprocessor serves; its parent, the TC frame link, knows the uplink. */
    private Link vcLink;

    @Override
    public void init(String yamcsInstance, YConfiguration config, Link link) {
        vcLink = link;
        spacecraft = NajmContext.constellation().spacecraftByInstance(yamcsInstance)
                .orElseThrow(() -> new ConfigurationException(
                        "Instance " + yamcsInstance + " is not a spacecraft of the constellation"));
    }

    @Override
    public void setCommandHistoryPublisher(CommandHistoryPublisher commandHistory) {
        this.commandHistory = commandHistory;
    }

    @Override
    public byte[] process(PreparedCommand pc) {
        if (!ReleaseMark.isReleased(pc)) {
            return fail(pc, "Command not sent to " + spacecraft.name() + ": the command authority did not release it"
                    + " (is the AUTHORITY link first on the TC stream?)");
        }
        if (!(vcLink.getParent() instanceof GatewayTcFrameLink tc) || tc.uplink() == null) {
            return fail(pc, "Command not sent to " + spacecraft.name() + ": its TC link is not a started "
                    + GatewayTcFrameLink.class.getSimpleName());
        }
        Uplink uplink = tc.uplink();
        OptionalInt station = uplink.station();
        if (station.isEmpty()) {
            return fail(pc, "Command not sent to " + spacecraft.name() + ": " + Uplink.NO_CONTACT);
        }
        byte[] binary = Arrays.copyOf(pc.getBinary(), getBinaryLength(pc));
        ByteBuffer bb = ByteBuffer.wrap(binary);
        bb.putShort(4, (short) (binary.length - 7));
        int seqCount = seqFiller.fill(binary);
        int crcPos = binary.length - 2;
        bb.putShort(crcPos, (short) crc.compute(binary, 0, crcPos));

        commandHistory.publish(pc.getCommandId(), CommandHistoryPublisher.CcsdsSeq_KEY, seqCount);
        commandHistory.publish(pc.getCommandId(), "station", uplink.stationName(station.getAsInt()));
        commandHistory.publish(pc.getCommandId(), PreparedCommand.CNAME_BINARY, binary);
        return binary;
    }

    private byte[] fail(PreparedCommand pc, String reason) {
        long now = TimeEncoding.getWallclockTime();
        commandHistory.publishAck(pc.getCommandId(), CommandHistoryPublisher.AcknowledgeSent_KEY, now,
                AckStatus.NOK, reason);
        commandHistory.commandFailed(pc.getCommandId(), now, reason);
        return null;
    }

    @Override
    public int getBinaryLength(PreparedCommand pc) {
        return pc.getBinary().length + 2;
    }
}
