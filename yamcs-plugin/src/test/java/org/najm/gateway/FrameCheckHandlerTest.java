package org.najm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;

/** Only frames of the ICD length with a good FECF go on; every other one is counted by its reason. */
class FrameCheckHandlerTest {

    final StationStats stats = new StationStats("SVALBARD");
    final EmbeddedChannel channel = new EmbeddedChannel(new FrameCheckHandler(TmFrames.LENGTH, stats));

    @Test
    void aGoodFramePassesUntouched() {
        ReceivedFrame frame = TmFrames.received(0, TmFrames.frame(TmFrames.NAJM_1, 0, 1, 1));
        channel.writeInbound(frame);
        assertSame(frame, channel.readInbound());
        assertEquals(0, totalDropped());
    }

    @Test
    void aFrameOfTheWrongLengthIsDroppedAsBadLength() {
        byte[] good = TmFrames.frame(TmFrames.NAJM_1, 0, 1, 1);
        channel.writeInbound(TmFrames.received(0, TmFrames.withFecf(Arrays.copyOf(good, TmFrames.LENGTH - 1))));
        channel.writeInbound(TmFrames.received(0, TmFrames.withFecf(Arrays.copyOf(good, TmFrames.LENGTH + 1))));
        channel.writeInbound(TmFrames.received(0, new byte[0]));
        assertNull(channel.readInbound());
        assertEquals(3, stats.dropped(FrameDropReason.BAD_LENGTH));
        assertEquals(3, totalDropped());
    }

    @Test
    void aCorruptedFrameIsDroppedAsBadFecf() {
        byte[] bad = TmFrames.frame(TmFrames.NAJM_1, 0, 1, 1);
        bad[500] ^= 0x01;
        channel.writeInbound(TmFrames.received(0, bad));
        byte[] badFecf = TmFrames.frame(TmFrames.NAJM_1, 0, 2, 2);
        badFecf[TmFrames.LENGTH - 1] ^= 0x01;
        channel.writeInbound(TmFrames.received(0, badFecf));
        assertNull(channel.readInbound());
        assertEquals(2, stats.dropped(FrameDropReason.BAD_FECF));
        assertEquals(2, totalDropped());
    }

    @Test
    void aCorruptedSpacecraftIdIsABadFecfNotAnUnknownSpacecraft() {
        var sink = new CollectingSink();
        channel.pipeline().addLast(new ScidRouter(stats, Map.of(TmFrames.NAJM_1, sink), Set.of(TmFrames.NAJM_1),
                new ContactTracker(3000, () -> 0L)));
        byte[] f = TmFrames.frame(TmFrames.NAJM_1, 0, 1, 1);
        f[0] ^= 0x02; // SCID 0x1A1 -> 0x181: no spacecraft of the constellation
        channel.writeInbound(TmFrames.received(0, f));
        assertEquals(1, stats.dropped(FrameDropReason.BAD_FECF));
        assertEquals(0, stats.dropped(FrameDropReason.UNKNOWN_SCID));
        // the same header with a good FECF: a frame that really comes from an unknown spacecraft
        channel.writeInbound(TmFrames.received(0, TmFrames.withFecf(f)));
        assertEquals(1, stats.dropped(FrameDropReason.UNKNOWN_SCID));
        assertEquals(0, sink.frames.size());
    }

    private long totalDropped() {
        return Arrays.stream(FrameDropReason.values()).mapToLong(stats::dropped).sum();
    }
}
