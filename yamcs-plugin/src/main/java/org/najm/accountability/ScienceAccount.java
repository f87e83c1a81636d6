package org.najm.accountability;

import java.time.Duration;

import org.najm.science.pipeline.TrackletIndex;

/**
 * One spacecraft's science, step by step from the telescope to the asteroid archive, in
 * detections. Each step's count includes the next: made >= received >= inAdes >= acknowledged.
 *
 * @param madeOnboard          detected onboard (PAYLOAD_HK's count, summed over boots)
 * @param receivedOnGround     SCI_DETECTION packets in the MOC's tm archive (each once)
 * @param inAdes               in ADES submissions written to the outbox (complete tracklets)
 * @param acknowledged         in submissions the archive acknowledged
 * @param freedOnboard         science packets the spacecraft freed at the ground's request
 * @param onboardEstimate      still in the science store: its fill (BUS_HK) over the packet size
 * @param overflowEpisodes     STORE_OVERFLOW events of the science store: the oldest data was lost
 * @param awaitingDownlink     made, not yet on ground; the oldest has waited {@code oldestAwaitingDownlink}
 * @param awaitingTracklet     on ground, not yet in ADES (tracklet incomplete, or being batched)
 * @param awaitingArchive      in ADES, not yet acknowledged by the archive
 * @param notAccounted         made, neither acknowledged nor awaiting a step nor onboard: lost to an
 *                             overflow when {@code overflowEpisodes} > 0, else unexplained
 * @param fastLane             the tracklets that left by the fast lane (counted in tracklets, not detections),
 *                             or null if the science service cannot say
 */
public record ScienceAccount(String spacecraft, long madeOnboard, long receivedOnGround, long inAdes,
        long acknowledged, long freedOnboard, long onboardEstimate, long overflowEpisodes, long scienceStoreFill,
        long hkStoreFill, long awaitingDownlink, Duration oldestAwaitingDownlink, long awaitingTracklet,
        Duration oldestAwaitingTracklet, long awaitingArchive, Duration oldestAwaitingArchive, long notAccounted,
        TrackletIndex.LaneFigures fastLane) {

    /** Explained losses: the store overflowed; anything else not accounted for is unexplained. */
    public boolean explained() {
        return notAccounted <= 0 || overflowEpisodes > 0;
    }

    /** The longest wait of any step. */
    public Duration oldestOutstanding() {
        Duration d = oldestAwaitingDownlink;
        if (oldestAwaitingTracklet.compareTo(d) > 0) {
            d = oldestAwaitingTracklet;
        }
        return oldestAwaitingArchive.compareTo(d) > 0 ? oldestAwaitingArchive : d;
    }
}
