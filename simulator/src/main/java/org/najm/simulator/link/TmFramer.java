package org.najm.simulator.link;

import java.util.Arrays;
import java.util.function.IntSupplier;

import org.najm.simulator.packet.Crc16;
import org.najm.simulator.packet.TmPacket;

/**
 * Packs one spacecraft's packets into 1115-octet TM transfer frames (CCSDS 132.0-B-3, ICD section 3):
 * one master channel frame counter, one {@link VirtualChannel} per VC, the CLCW in the OCF of every frame.
 */
public final class TmFramer {

    public static final int FRAME_LENGTH = 1115;
    public static final int HEADER_LENGTH = 6;
    public static final int DATA_LENGTH = 1103;
    public static final int OCF_OFFSET = HEADER_LENGTH + DATA_LENGTH;
    public static final int FECF_OFFSET = OCF_OFFSET + 4;
    public static final int FHP_NO_PACKET_START = 0x7FF;
    public static final int FHP_IDLE = 0x7FE;
    public static final int IDLE_VC = 7;

    /** Where finished frames go. */
    @FunctionalInterface
    public interface FrameSink {
        void frame(byte[] frame);
    }

    private final int scid;
    private final IntSupplier clcw;
    private final FrameSink sink;
    private final VirtualChannel[] vcs = new VirtualChannel[8];
    private int mcFrameCount;
    private long framesEmitted;

    public TmFramer(int scid, IntSupplier clcw, FrameSink sink) {
        this.scid = scid;
        this.clcw = clcw;
        this.sink = sink;
        for (int i = 0; i < vcs.length; i++) {
            vcs[i] = new VirtualChannel(i);
        }
    }

    public VirtualChannel vc(int vcid) {
        return vcs[vcid];
    }

    /** Frames emitted so far on all VCs. */
    public long framesEmitted() {
        return framesEmitted;
    }

    /** An idle frame on VC7: keeps the CLCW flowing when there is nothing to say. */
    public void emitIdleFrame() {
        byte[] data = new byte[DATA_LENGTH];
        Arrays.fill(data, (byte) 0x55);
        emit(vcs[IDLE_VC], data, FHP_IDLE);
    }

    private void emit(VirtualChannel vc, byte[] data, int fhp) {
        byte[] f = new byte[FRAME_LENGTH];
        int h = (scid & 0x3FF) << 4 | (vc.vcid & 7) << 1 | 1; // version 00, OCF flag 1
        f[0] = (byte) (h >>> 8);
        f[1] = (byte) h;
        f[2] = (byte) mcFrameCount;
        f[3] = (byte) vc.frameCount;
        int status = 0x1800 | (fhp & 0x7FF); // no sec. header, sync 0, order 0, segment length id 11
        f[4] = (byte) (status >>> 8);
        f[5] = (byte) status;
        System.arraycopy(data, 0, f, HEADER_LENGTH, DATA_LENGTH);
        int w = clcw.getAsInt();
        f[OCF_OFFSET] = (byte) (w >>> 24);
        f[OCF_OFFSET + 1] = (byte) (w >>> 16);
        f[OCF_OFFSET + 2] = (byte) (w >>> 8);
        f[OCF_OFFSET + 3] = (byte) w;
        Crc16.appendAt(f, FECF_OFFSET);
        mcFrameCount = (mcFrameCount + 1) & 0xFF;
        vc.frameCount = (vc.frameCount + 1) & 0xFF;
        framesEmitted++;
        sink.frame(f);
    }

    /** One virtual channel's packet stream: packets span frames, the first header pointer marks packet starts. */
    public final class VirtualChannel {
        private final int vcid;
        private final byte[] data = new byte[DATA_LENGTH];
        private int fill;
        private int fhp = -1;
        private int frameCount;

        private VirtualChannel(int vcid) {
            this.vcid = vcid;
        }

        public int vcid() {
            return vcid;
        }

        /** Appends a whole packet, emitting every frame it fills. */
        public void addPacket(byte[] packet) {
            int offset = 0;
            while (offset < packet.length) {
                if (offset == 0 && fhp < 0) {
                    fhp = fill;
                }
                int n = Math.min(DATA_LENGTH - fill, packet.length - offset);
                System.arraycopy(packet, offset, data, fill, n);
                fill += n;
                offset += n;
                if (fill == DATA_LENGTH) {
                    emit(this, data, fhp < 0 ? FHP_NO_PACKET_START : fhp);
                    fill = 0;
                    fhp = -1;
                }
            }
        }

        /** True when a frame has been started but not sent. */
        public boolean hasPartialFrame() {
            return fill > 0;
        }

        /**
         * Completes a partial frame with an idle packet and sends it, so data is not held back. When fewer
         * than 7 octets are free (the smallest idle packet), the idle packet's tail starts the next frame.
         */
        public void flush() {
            if (fill > 0) {
                addPacket(TmPacket.idle(Math.max(7, DATA_LENGTH - fill)));
            }
        }
    }
}
