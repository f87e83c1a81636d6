package org.najm.simulator.spacecraft;

/**
 * One packet held in an onboard store, as the ground would identify it after a dump.
 *
 * @param creationTime onboard GPS seconds of its secondary header (CUC-exact: equal to what the ground decodes;
 *                     DUMP_STORE and DELETE_STORE compare its integer part)
 * @param apid         its APID
 * @param seqCount     its 14-bit sequence count
 */
public record StoredPacket(double creationTime, int apid, int seqCount) {
}
