package org.najm.simulator.link;

import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The spacecraft's TC receiver: CLTU decoding, frame checks (SCID, FECF), FARM-1 on VC0, then hands the
 * data of each accepted AD/BD frame (one TC packet, no segment header) to the onboard software.
 */
public final class TcReceiver {

    private static final Logger LOG = Logger.getLogger(TcReceiver.class.getName());
    public static final int WINDOW_WIDTH = 10;

    private final int scid;
    private final String name;
    private final Farm1 farm = new Farm1(0, WINDOW_WIDTH);
    private final Consumer<byte[]> packetSink;
    private long cltusRejected;
    private long framesDiscarded;
    private long framesAccepted;

    public TcReceiver(int scid, String name, Consumer<byte[]> packetSink) {
        this.scid = scid;
        this.name = name;
        this.packetSink = packetSink;
    }

    public void receiveCltu(byte[] cltu) {
        byte[] octets;
        try {
            octets = CltuDecoder.decode(cltu);
        } catch (CltuDecoder.CltuException e) {
            cltusRejected++;
            LOG.warning(name + ": CLTU rejected: " + e.getMessage());
            return;
        }
        TcFrame frame;
        try {
            frame = TcFrame.parse(octets);
        } catch (TcFrame.FrameException e) {
            framesDiscarded++;
            LOG.warning(name + ": TC frame discarded: " + e.getMessage());
            return;
        }
        if (frame.scid() != scid || frame.vcid() != 0) {
            framesDiscarded++;
            LOG.warning(name + ": TC frame for SCID " + frame.scid() + " VC " + frame.vcid() + " discarded");
            return;
        }
        Farm1.Outcome outcome = farm.process(frame);
        switch (outcome) {
            case ACCEPTED -> {
                framesAccepted++;
                packetSink.accept(frame.data());
            }
            case CONTROL_EXECUTED -> LOG.info(name + ": FARM control command executed, V(R)=" + farm.vR());
            case DISCARDED_DUPLICATE -> LOG.fine(name + ": FARM discarded duplicate N(S)=" + frame.sequence());
            default -> LOG.warning(name + ": FARM " + outcome + " N(S)=" + frame.sequence() + " V(R)=" + farm.vR());
        }
    }

    public Farm1 farm() {
        return farm;
    }

    public long cltusRejected() {
        return cltusRejected;
    }

    public long framesDiscarded() {
        return framesDiscarded;
    }

    public long framesAccepted() {
        return framesAccepted;
    }
}
