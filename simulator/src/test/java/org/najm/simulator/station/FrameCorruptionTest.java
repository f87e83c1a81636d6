package org.najm.simulator.station;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.najm.simulator.link.TmFramer;
import org.najm.simulator.packet.Crc16;

class FrameCorruptionTest {

    private static final int FRAMES = 10_000;

    /** A frame with random contents and a valid FECF. */
    private static byte[] frame(Random rnd) {
        byte[] f = new byte[TmFramer.FRAME_LENGTH];
        rnd.nextBytes(f);
        Crc16.appendAt(f, TmFramer.FECF_OFFSET);
        return f;
    }

    /** The bit flipped in each frame, in order; -1 for a frame passed unchanged. */
    private static List<Integer> flips(FrameCorruption c, int frames) {
        Random rnd = new Random(99);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < frames; i++) {
            byte[] f = frame(rnd);
            byte[] original = f.clone();
            byte[] sent = c.apply(f);
            assertArrayEquals(original, f, "the frame given is never changed");
            if (sent == f) {
                out.add(-1);
                continue;
            }
            int bit = -1;
            int differing = 0;
            for (int b = 0; b < f.length * 8; b++) {
                if (((f[b >>> 3] ^ sent[b >>> 3]) & (0x80 >>> (b & 7))) != 0) {
                    bit = b;
                    differing++;
                }
            }
            assertEquals(1, differing, "exactly one bit flipped");
            assertFalse(Crc16.check(sent, 0, sent.length), "the FECF catches every single-bit error");
            out.add(bit);
        }
        return out;
    }

    /**
     * The number of frames corrupted is binomial(n, rate): it must lie within 4.5 standard deviations of n * rate
     * (for 10,000 frames at 0.01: 100 +- 45). The PRNG is seeded, so each case is deterministic.
     */
    @Test
    void rateIsHonouredWithinFourAndAHalfSigma() {
        for (double rate : new double[] { 0.001, 0.01, 0.1, 0.5 }) {
            for (long seed = 1; seed <= 5; seed++) {
                FrameCorruption c = new FrameCorruption(0);
                c.set(rate, seed);
                long corrupted = flips(c, FRAMES).stream().filter(b -> b >= 0).count();
                double mean = FRAMES * rate;
                double tolerance = 4.5 * Math.sqrt(FRAMES * rate * (1 - rate));
                assertTrue(Math.abs(corrupted - mean) <= tolerance,
                        "rate " + rate + " seed " + seed + ": " + corrupted + " frames corrupted, expected "
                                + mean + " +- " + tolerance);
                assertEquals(corrupted, c.corrupted());
            }
        }
    }

    @Test
    void sameSeedSameFramesSameBits() {
        FrameCorruption a = new FrameCorruption(0);
        FrameCorruption b = new FrameCorruption(0);
        a.set(0.05, 42);
        b.set(0.05, 42);
        List<Integer> first = flips(a, 2000);
        assertEquals(first, flips(b, 2000));
        a.set(0.05, 42);
        assertEquals(first, flips(a, 2000), "a new setting restarts the PRNG from its seed");
        b.set(0.05, 43);
        assertNotEquals(first, flips(b, 2000));
    }

    @Test
    void zeroNoneOneAllAndAnyBitOfTheFrame() {
        FrameCorruption c = new FrameCorruption(7);
        assertEquals(0, c.rate());
        byte[] f = frame(new Random(1));
        assertSame(f, c.apply(f), "off by default");
        c.set(1, 7);
        List<Integer> bits = flips(c, FRAMES);
        assertTrue(bits.stream().allMatch(b -> b >= 0));
        assertTrue(bits.stream().anyMatch(b -> b < TmFramer.HEADER_LENGTH * 8), "header bits too");
        assertTrue(bits.stream().anyMatch(b -> b >= TmFramer.FECF_OFFSET * 8), "FECF bits too");
        c.set(0, 7);
        assertTrue(flips(c, 100).stream().allMatch(b -> b < 0));
        assertEquals(FRAMES, c.corrupted(), "counted over every setting");
    }

    @Test
    void rateOutsideZeroOneIsRefused() {
        FrameCorruption c = new FrameCorruption(0);
        for (double bad : new double[] { -0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY }) {
            assertThrows(IllegalArgumentException.class, () -> c.set(bad, 1), "rate " + bad);
        }
        assertEquals(0, c.rate());
    }
}
