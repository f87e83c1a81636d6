package org.najm.simulator.station;

import java.util.Random;

/**
 * Flips one bit in a fraction {@code rate} of the frames it is given, as a noisy link would; which frames and
 * which bit come from a PRNG with a seed, so the same seed and the same frames give the same result. Every
 * setting restarts the PRNG from its seed. A corrupted frame is a copy: the spacecraft's frame, which other
 * stations may forward too, is never changed. Set from the control API, applied on the simulation thread.
 */
public final class FrameCorruption {

    private double rate;
    private long seed;
    private Random rnd;
    private long corrupted;

    public FrameCorruption(long seed) {
        set(0, seed);
    }

    /**
     * @param rate fraction of frames to corrupt, 0 (none, the default) .. 1 (all)
     * @throws IllegalArgumentException for a rate outside [0, 1]
     */
    public synchronized void set(double rate, long seed) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("corruption rate must be in [0, 1], got " + rate);
        }
        this.rate = rate;
        this.seed = seed;
        this.rnd = new Random(seed);
    }

    /** {@code frame} itself, or a copy with one bit flipped (any bit of the frame, each equally likely). */
    public synchronized byte[] apply(byte[] frame) {
        if (rate == 0 || frame.length == 0 || rnd.nextDouble() >= rate) {
            return frame;
        }
        int bit = rnd.nextInt(frame.length * 8);
        byte[] copy = frame.clone();
        copy[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
        corrupted++;
        return copy;
    }

    public synchronized double rate() {
        return rate;
    }

    public synchronized long seed() {
        return seed;
    }

    /** Frames corrupted so far, over every setting. */
    public synchronized long corrupted() {
        return corrupted;
    }
}
