package org.najm.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class RangeSizerTest {

    private static final double FPS = 100;

    @Test
    void aStoreThatFitsIsPlayedBackWhole() {
        // 1000 detections = 84 frames < 10 s x 100 frames
        assertEquals(OptionalLong.of(2_000), RangeSizer.rangeEnd(Store.SCIENCE, 1_000, 2_000, 1_000, 91_000, 10, FPS));
    }

    @Test
    void aLargeStoreIsCutToWhatTheRemainingContactCanCarry() {
        // 12 000 detections over 1000 s, 12 per second; 5 s x 100 frames x 12 = 6000 packets = 500 s
        OptionalLong end = RangeSizer.rangeEnd(Store.SCIENCE, 1_000, 1_999, 1_000, 12_000L * 91, 5, FPS);
        assertEquals(OptionalLong.of(1_499), end);
    }

    @Test
    void hkPacketsArePackedNinePerFrame() {
        // 9000 BUS_HK over 9000 s; 1 s x 100 frames x 9 = 900 packets = 900 s
        assertEquals(OptionalLong.of(10_899), RangeSizer.rangeEnd(Store.HK, 10_000, 18_999, 10_000, 9_000L * 114, 1,
                FPS));
    }

    @Test
    void theContentIsSpreadOverTheSpanTheStoreHolds() {
        // nothing confirmed yet (from 0): the content is assumed to span [since, target] = [1000, 1999]
        OptionalLong end = RangeSizer.rangeEnd(Store.SCIENCE, 0, 1_999, 1_000, 12_000L * 91, 5, FPS);
        assertEquals(OptionalLong.of(1_499), end, "the range starts at 0 and still ends where 6000 packets do");
    }

    @Test
    void nothingFitsWithoutTime() {
        assertTrue(RangeSizer.rangeEnd(Store.SCIENCE, 1_000, 2_000, 1_000, 91_000, 0, FPS).isEmpty());
        assertTrue(RangeSizer.rangeEnd(Store.SCIENCE, 1_000, 2_000, 1_000, 91_000, -3, FPS).isEmpty());
        assertTrue(RangeSizer.rangeEnd(Store.SCIENCE, 1_000, 2_000, 1_000, 91_000, 0.001, FPS).isEmpty());
    }

    @Test
    void nothingToDoWhenAlreadyConfirmed() {
        assertTrue(RangeSizer.rangeEnd(Store.HK, 2_001, 2_000, 2_001, 1_000, 100, FPS).isEmpty());
    }

    @Test
    void notASingleSecondFits() {
        // 100 000 detections in 2 s, 12 packets fit
        assertTrue(RangeSizer.rangeEnd(Store.SCIENCE, 1_000, 1_001, 1_000, 100_000L * 91, 0.01, FPS).isEmpty());
    }

    @Test
    void anEmptyStoreIsConfirmedInOneGo() {
        assertEquals(OptionalLong.of(5_000), RangeSizer.rangeEnd(Store.HK, 0, 5_000, 4_000, 0, 0.5, FPS));
    }
}
