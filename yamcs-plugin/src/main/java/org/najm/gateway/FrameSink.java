package org.najm.gateway;

/** Where the gateway hands a spacecraft's frames: that spacecraft's TM frame link. */
public interface FrameSink {

    /**
     * Takes a frame without blocking the receiving thread.
     *
     * @return the reason it was not taken, or null when it was
     */
    FrameDropReason offer(ReceivedFrame frame);
}
