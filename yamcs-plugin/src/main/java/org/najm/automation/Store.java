package org.najm.automation;

import java.util.List;

/**
 * The two onboard stores (ICD §5, DUMP_STORE / DELETE_STORE argument {@code store}), with what range
 * sizing and the archive check need to know of them.
 */
enum Store {
    /** BUS_HK sampled every 10 s and every EVENT; played back on VC2. */
    HK(0, 114, 9, List.of("/NAJM/BUS_HK", "/NAJM/EVENT")),
    /** SCI_DETECTION only; played back on VC1. */
    SCIENCE(1, 91, 12, List.of("/NAJM/SCI_DETECTION"));

    /** The command argument (enumeration value); its label is the constant's name. */
    final int id;
    /** Octets per packet, to turn a store fill into packets: BUS_HK is 114, SCI_DETECTION 91. */
    final int packetOctets;
    /** Whole packets per 1115-octet frame (1103 octets of data field): 9 BUS_HK, 12 SCI_DETECTION. */
    final int packetsPerFrame;
    /** The archive partitions (tm table pname) its packets are recorded under. */
    final List<String> partitions;

    Store(int id, int packetOctets, int packetsPerFrame, List<String> partitions) {
        this.id = id;
        this.packetOctets = packetOctets;
        this.packetsPerFrame = packetsPerFrame;
        this.partitions = partitions;
    }

    /** The store a packet of this container goes to, or null (realtime-only packets). */
    static Store ofContainer(String name) {
        return switch (name) {
        case "SCI_DETECTION" -> SCIENCE;
        case "BUS_HK", "EVENT" -> HK;
        default -> null;
        };
    }
}
