package org.najm.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Contact state over time, on an injected clock: a station is in contact with a spacecraft while its
 * frames keep arriving, and commands go to the station that heard the spacecraft last.
 */
class ContactTrackerTest {

    static final long TIMEOUT_MILLIS = 3000;
    static final int SVALBARD = 0;
    static final int DUBAI = 1;

    final AtomicLong nanos = new AtomicLong(42_000_000_000L); // System.nanoTime has an arbitrary origin
    final ContactTracker contacts = new ContactTracker(TIMEOUT_MILLIS, nanos::get);

    @Test
    void inContactFromTheFirstFrameUntilTheTimeoutHasPassedWithoutOne() {
        assertEquals(OptionalInt.empty(), contacts.stationInContact(TmFrames.NAJM_1));
        contacts.heard(TmFrames.NAJM_1, DUBAI);
        assertEquals(OptionalInt.of(DUBAI), contacts.stationInContact(TmFrames.NAJM_1));
        advanceMillis(TIMEOUT_MILLIS);
        assertEquals(OptionalInt.of(DUBAI), contacts.stationInContact(TmFrames.NAJM_1), "still, at the timeout");
        nanos.incrementAndGet();
        assertEquals(OptionalInt.empty(), contacts.stationInContact(TmFrames.NAJM_1), "lost just after it");
        contacts.heard(TmFrames.NAJM_1, DUBAI);
        assertEquals(OptionalInt.of(DUBAI), contacts.stationInContact(TmFrames.NAJM_1), "regained");
    }

    @Test
    void framesEverySecondKeepTheContact() {
        for (int s = 0; s < 600; s++) {
            contacts.heard(TmFrames.NAJM_1, DUBAI);
            advanceMillis(1000);
            assertEquals(OptionalInt.of(DUBAI), contacts.stationInContact(TmFrames.NAJM_1), "second " + s);
        }
    }

    @Test
    void overlappingPassesHandOverToTheStationHeardLast() {
        contacts.heard(TmFrames.NAJM_1, SVALBARD);
        advanceMillis(100);
        contacts.heard(TmFrames.NAJM_1, DUBAI);
        assertEquals(OptionalInt.of(DUBAI), contacts.stationInContact(TmFrames.NAJM_1));
        advanceMillis(100);
        contacts.heard(TmFrames.NAJM_1, SVALBARD);
        assertEquals(OptionalInt.of(SVALBARD), contacts.stationInContact(TmFrames.NAJM_1));
        // SVALBARD loses the spacecraft (LOS) while DUBAI keeps hearing it
        for (int i = 0; i < 4; i++) {
            advanceMillis(1000);
            contacts.heard(TmFrames.NAJM_1, DUBAI);
        }
        assertEquals(OptionalInt.of(DUBAI), contacts.stationInContact(TmFrames.NAJM_1));
        advanceMillis(TIMEOUT_MILLIS + 1);
        assertEquals(OptionalInt.empty(), contacts.stationInContact(TmFrames.NAJM_1));
    }

    @Test
    void eachSpacecraftHasItsOwnContact() {
        contacts.heard(TmFrames.NAJM_1, SVALBARD);
        advanceMillis(2000);
        contacts.heard(TmFrames.NAJM_2, SVALBARD); // the antenna switched to NAJM-2
        advanceMillis(1500);
        assertEquals(OptionalInt.empty(), contacts.stationInContact(TmFrames.NAJM_1));
        assertEquals(OptionalInt.of(SVALBARD), contacts.stationInContact(TmFrames.NAJM_2));
    }

    @Test
    void onlyGoodFramesOfAKnownSpacecraftMakeAContact() {
        StationStats stats = new StationStats("DUBAI");
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameDecoder(DUBAI, stats, () -> 0L),
                new FrameCheckHandler(TmFrames.LENGTH, stats),
                new ScidRouter(stats, Map.of(TmFrames.NAJM_1, new CollectingSink()), Set.of(TmFrames.NAJM_1),
                        contacts));
        byte[] corrupted = TmFrames.frame(TmFrames.NAJM_1, 0, 1, 1);
        corrupted[100] ^= 0x10;
        channel.writeInbound(DatagramFrameDecoderTest.datagram(corrupted));
        assertEquals(OptionalInt.empty(), contacts.stationInContact(TmFrames.NAJM_1));
        channel.writeInbound(DatagramFrameDecoderTest.datagram(TmFrames.frame(TmFrames.NAJM_1, 0, 2, 2)));
        assertEquals(OptionalInt.of(DUBAI), contacts.stationInContact(TmFrames.NAJM_1));
        assertEquals(1, stats.routed());
    }

    private void advanceMillis(long millis) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
