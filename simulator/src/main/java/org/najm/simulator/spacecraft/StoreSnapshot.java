package org.najm.simulator.spacecraft;

/**
 * What one onboard store holds at one moment, and what happened to it since boot of the simulator (the counters
 * survive OBC reboots, as the stores do).
 *
 * @param store           HK or SCIENCE
 * @param packets         packets held now
 * @param fillOctets      octets held now (BUS_HK reports the same value)
 * @param oldestTime      smallest creation time held (onboard GPS seconds, as the packet's secondary header
 *                        says), or null when empty
 * @param newestTime      largest creation time held, or null when empty
 * @param droppedOverflow packets dropped because the store was full, so far
 * @param deleted         packets removed by DELETE_STORE, so far
 * @param playedBack      packets framed by DUMP_STORE playbacks, so far (a packet dumped twice counts twice)
 * @param playingBack     a DUMP_STORE of this store is in progress
 */
public record StoreSnapshot(String store, int packets, long fillOctets, long capacityOctets, Double oldestTime,
        Double newestTime, long droppedOverflow, long deleted, long playedBack, boolean playingBack) {
}
