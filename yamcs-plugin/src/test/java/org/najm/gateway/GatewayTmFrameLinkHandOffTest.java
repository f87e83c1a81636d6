package org.najm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;

/**
 * The drop reasons counted at a spacecraft's TM link: QUEUE_FULL and LINK_DOWN when the gateway hands
 * a frame over (counted by the router, per station), DUPLICATE when the link's thread takes it.
 */
class GatewayTmFrameLinkHandOffTest {

    static final int SVALBARD = 0;
    static final int ANKARA = 2;

    final StationStats svalbard = new StationStats("SVALBARD");
    final StationStats ankara = new StationStats("ANKARA");

    @Test
    void aFullHandOffQueueDropsTheFrameAsQueueFull() {
        GatewayTmFrameLink link = new GatewayTmFrameLink(2, 1024);
        EmbeddedChannel channel = routerTo(link, ankara);
        for (int n = 0; n < 5; n++) {
            channel.writeInbound(TmFrames.received(ANKARA, TmFrames.frame(TmFrames.NAJM_1, 0, n, n)));
        }
        assertEquals(2, ankara.routed());
        assertEquals(3, ankara.dropped(FrameDropReason.QUEUE_FULL));
        assertEquals(2, link.backlog());
    }

    @Test
    void aDisabledLinkTakesNothingAndItsFramesAreLinkDown() {
        GatewayTmFrameLink link = new GatewayTmFrameLink(100, 1024);
        EmbeddedChannel channel = routerTo(link, ankara);
        link.disable();
        channel.writeInbound(TmFrames.received(ANKARA, TmFrames.frame(TmFrames.NAJM_1, 0, 1, 1)));
        assertEquals(1, ankara.dropped(FrameDropReason.LINK_DOWN));
        assertEquals(0, link.backlog());
        link.enable();
        channel.writeInbound(TmFrames.received(ANKARA, TmFrames.frame(TmFrames.NAJM_1, 0, 2, 2)));
        assertEquals(1, ankara.routed());
        assertEquals(1, link.backlog());
        assertEquals(0, ankara.dropped(FrameDropReason.QUEUE_FULL));
    }

    @Test
    void theSecondCopyOfAFrameIsADuplicateOfTheStationThatDeliveredIt() {
        GatewayTmFrameLink link = new GatewayTmFrameLink(100, 1024);
        byte[] frame = TmFrames.frame(TmFrames.NAJM_1, 0, 9, 9);
        // overlapping passes: both stations forward the same frame; both are handed over
        assertNull(link.offer(TmFrames.received(SVALBARD, frame)));
        assertNull(link.offer(TmFrames.received(ANKARA, frame.clone())));
        assertTrue(link.firstTime(TmFrames.received(SVALBARD, frame), svalbard));
        assertFalse(link.firstTime(TmFrames.received(ANKARA, frame.clone()), ankara));
        assertEquals(1, ankara.dropped(FrameDropReason.DUPLICATE));
        assertEquals(0, svalbard.dropped(FrameDropReason.DUPLICATE));
        assertEquals(1L, link.getExtraInfo().get("Duplicate frames"));
        assertTrue(link.firstTime(TmFrames.received(ANKARA, TmFrames.frame(TmFrames.NAJM_1, 0, 10, 10)), ankara));
    }

    /** The router of {@code station}'s pipeline, with {@code link} registered for NAJM-1. */
    private static EmbeddedChannel routerTo(GatewayTmFrameLink link, StationStats station) {
        FrameSink sink = link::offer;
        return new EmbeddedChannel(new ScidRouter(station, Map.of(TmFrames.NAJM_1, sink), Set.of(TmFrames.NAJM_1),
                new ContactTracker(3000, System::nanoTime)));
    }
}
