package org.najm.gateway;

/** Why a station's frame did not reach its spacecraft's instance. Every drop is counted by one. */
public enum FrameDropReason {
    /** Not the ICD frame length. */
    BAD_LENGTH,
    /** Frame error control field (CRC-16) mismatch. */
    BAD_FECF,
    /** No spacecraft of the constellation has this SCID. */
    UNKNOWN_SCID,
    /** The same frame already arrived through another station (overlapping passes). */
    DUPLICATE,
    /** The spacecraft's instance could not keep up and its hand-off queue was full. */
    QUEUE_FULL,
    /** The instance exists but its TM link is not running or is disabled. */
    LINK_DOWN
}
