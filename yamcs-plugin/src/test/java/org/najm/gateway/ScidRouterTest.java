package org.najm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;

/** A good frame goes to the sink of the spacecraft its SCID names, whatever station delivered it. */
class ScidRouterTest {

    static final int NAJM_3 = 0x1A3;
    static final int RABAT = 4;

    final StationStats stats = new StationStats("RABAT");
    final CollectingSink najm1 = new CollectingSink();
    final CollectingSink najm2 = new CollectingSink();
    final Map<Integer, FrameSink> sinks = new HashMap<>(Map.of(TmFrames.NAJM_1, najm1, TmFrames.NAJM_2, najm2));
    final AtomicLong nanos = new AtomicLong();
    final ContactTracker contacts = new ContactTracker(3000, nanos::get);
    final EmbeddedChannel channel = new EmbeddedChannel(
            new ScidRouter(stats, sinks, Set.of(TmFrames.NAJM_1, TmFrames.NAJM_2, NAJM_3), contacts));

    @Test
    void framesGoToTheirSpacecraftsSinkAndAreCountedAsRouted() {
        ReceivedFrame a = frame(TmFrames.NAJM_1, 1);
        ReceivedFrame b = frame(TmFrames.NAJM_2, 1);
        ReceivedFrame c = frame(TmFrames.NAJM_1, 2);
        channel.writeInbound(a, b, c);
        assertEquals(List.of(a, c), najm1.frames);
        assertEquals(List.of(b), najm2.frames);
        assertEquals(3, stats.routed());
        assertNull(channel.readInbound(), "the router is the end of the pipeline");
    }

    @Test
    void anUnknownSpacecraftIsDroppedAndIsNotInContact() {
        channel.writeInbound(frame(0x3FF, 1));
        assertEquals(1, stats.dropped(FrameDropReason.UNKNOWN_SCID));
        assertEquals(0, stats.routed());
        assertTrue(najm1.frames.isEmpty() && najm2.frames.isEmpty());
        assertEquals(OptionalInt.empty(), contacts.stationInContact(0x3FF));
    }

    @Test
    void aSpacecraftWhoseLinkIsNotRegisteredIsLinkDownButInContact() {
        channel.writeInbound(frame(NAJM_3, 1));
        assertEquals(1, stats.dropped(FrameDropReason.LINK_DOWN));
        assertEquals(0, stats.routed());
        // the station does hear it: its commands may still go there
        assertEquals(OptionalInt.of(RABAT), contacts.stationInContact(NAJM_3));
    }

    @Test
    void aStoppedLinkUnregistersItsSinkAndItsFramesAreLinkDown() {
        channel.writeInbound(frame(TmFrames.NAJM_2, 1));
        sinks.remove(TmFrames.NAJM_2); // GatewayTmFrameLink.doStop -> StationGateway.unregister
        channel.writeInbound(frame(TmFrames.NAJM_2, 2));
        assertEquals(1, najm2.frames.size());
        assertEquals(1, stats.routed());
        assertEquals(1, stats.dropped(FrameDropReason.LINK_DOWN));
    }

    @Test
    void aSinkThatRefusesIsCountedUnderItsReason() {
        najm1.refusal = FrameDropReason.QUEUE_FULL;
        channel.writeInbound(frame(TmFrames.NAJM_1, 1), frame(TmFrames.NAJM_1, 2));
        najm1.refusal = FrameDropReason.LINK_DOWN;
        channel.writeInbound(frame(TmFrames.NAJM_1, 3));
        najm1.refusal = null;
        channel.writeInbound(frame(TmFrames.NAJM_1, 4));
        assertEquals(2, stats.dropped(FrameDropReason.QUEUE_FULL));
        assertEquals(1, stats.dropped(FrameDropReason.LINK_DOWN));
        assertEquals(1, stats.routed());
        assertEquals(1, najm1.frames.size());
    }

    @Test
    void theContactIsLearnedFromTheFramesThatArrive() {
        assertEquals(OptionalInt.empty(), contacts.stationInContact(TmFrames.NAJM_1));
        channel.writeInbound(frame(TmFrames.NAJM_1, 1));
        assertEquals(OptionalInt.of(RABAT), contacts.stationInContact(TmFrames.NAJM_1));
        assertEquals(OptionalInt.empty(), contacts.stationInContact(TmFrames.NAJM_2));
    }

    static ReceivedFrame frame(int scid, int count) {
        return TmFrames.received(RABAT, TmFrames.frame(scid, 0, count, count));
    }
}
