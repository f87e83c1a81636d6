package org.najm.simulator.spacecraft;

import java.time.Instant;

/**
 * The truth onboard at one moment, for tests to compare with what the ground received.
 *
 * @param time                simulated time of the spacecraft's last tick or CLTU (null before the first)
 * @param onboardTime         onboard GPS seconds then (null before the first tick)
 * @param exposuresSinceBoot  exposures since the last boot (PAYLOAD_HK reports the same)
 * @param detectionsSinceBoot detections since the last boot (PAYLOAD_HK reports the same)
 * @param detectionsTotal     detections since the simulator started, across reboots
 * @param trackletsRecorded   tracklets recorded into the science store since the simulator started (the last
 *                            tracklet id)
 */
public record SpacecraftSnapshot(String name, int scid, Instant time, Double onboardTime, Mode mode,
        boolean payloadOn, boolean rebooting, int bootCount, StoreSnapshot hk, StoreSnapshot science,
        long exposuresSinceBoot, long detectionsSinceBoot, long detectionsTotal, long trackletsRecorded) {
}
