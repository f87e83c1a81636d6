package org.najm.simulator.spacecraft;

/**
 * A TC packet's final outcome onboard.
 *
 * @param result the TC_ACK result of its last stage (0 OK, 1..5 failures as in the ICD)
 * @param time   onboard GPS seconds at which the outcome was known
 */
public record ExecutedCommand(int opcode, int seqCount, int result, double time) {
}
