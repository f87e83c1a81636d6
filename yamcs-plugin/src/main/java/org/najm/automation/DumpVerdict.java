package org.najm.automation;

import java.util.ArrayList;
import java.util.List;

/**
 * What the downlink shows of one dump.
 *
 * @param confirmedUpTo the last onboard second of the gap-free prefix ({@code from - 1}: nothing)
 * @param announced     the packet count the dump announced (DUMP_STARTED, else DUMP_DONE), or null
 * @param received      distinct packets of the range received
 * @param nextSeq       the science store's sequence count expected after the prefix (-1: unknown)
 * @param note          what else the operator should know, or ""
 */
record DumpVerdict(long confirmedUpTo, Integer announced, int received, int nextSeq, List<Gap> gaps, String note) {

    DumpVerdict {
        gaps = List.copyOf(gaps);
        note = note == null ? "" : note;
    }

    /** The same with one more gap (e.g. what the archive lacks). */
    DumpVerdict with(Gap gap) {
        List<Gap> more = new ArrayList<>(gaps);
        more.add(gap);
        return new DumpVerdict(confirmedUpTo, announced, received, nextSeq, more, note);
    }
}
