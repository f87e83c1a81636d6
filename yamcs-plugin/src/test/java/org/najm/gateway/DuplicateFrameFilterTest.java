package org.najm.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The same frame through a second station is a duplicate; a new frame with reused counters is not. */
class DuplicateFrameFilterTest {

    final DuplicateFrameFilter filter = new DuplicateFrameFilter(1024);

    @Test
    void theSameFrameASecondTimeIsADuplicate() {
        byte[] f = TmFrames.frame(TmFrames.NAJM_1, 0, 10, 10);
        assertTrue(filter.firstTime(f));
        assertFalse(filter.firstTime(f.clone()), "the same octets, received by another station");
        assertFalse(filter.firstTime(f));
    }

    @Test
    void framesThatDifferInCountersOrContentAreNew() {
        assertTrue(filter.firstTime(TmFrames.frame(TmFrames.NAJM_1, 0, 10, 10)));
        assertTrue(filter.firstTime(TmFrames.frame(TmFrames.NAJM_1, 0, 11, 11)));
        assertTrue(filter.firstTime(TmFrames.frame(TmFrames.NAJM_1, 2, 12, 11)), "another VC, same VC count");
        // 256 frames later the 8-bit counters repeat, with other content
        assertTrue(filter.firstTime(TmFrames.frame(TmFrames.NAJM_1, 0, 10, 10, (byte) 0x33)));
    }

    @Test
    void theCountersWrapWithoutFalseDuplicates() {
        for (int n = 0; n < 4 * 256; n++) {
            byte fill = (byte) (n / 256); // the content changes from one wrap to the next
            assertTrue(filter.firstTime(TmFrames.frame(TmFrames.NAJM_1, 0, n & 0xFF, n & 0xFF, fill)), "frame " + n);
        }
    }

    @Test
    void aFrameIsRememberedForTheLastWindowFramesOnly() {
        DuplicateFrameFilter small = new DuplicateFrameFilter(4);
        byte[] first = TmFrames.frame(TmFrames.NAJM_1, 0, 0, 0);
        assertTrue(small.firstTime(first));
        for (int n = 1; n <= 3; n++) {
            assertTrue(small.firstTime(TmFrames.frame(TmFrames.NAJM_1, 0, n, n)));
        }
        assertFalse(small.firstTime(first), "within the window");
        assertTrue(small.firstTime(TmFrames.frame(TmFrames.NAJM_1, 0, 4, 4)));
        assertTrue(small.firstTime(first), "forgotten once four newer frames came");
    }
}
