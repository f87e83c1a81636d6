package org.najm.simulator.archive;

import java.util.List;

/**
 * What the stand-in learns from a source document: schema errors (empty when valid), and for a valid
 * document the number of optical observations and the trkSub values (distinct, in document order).
 */
record AdesCheck(List<String> errors, int observations, List<String> trkSubs) {

    boolean valid() {
        return errors.isEmpty();
    }
}
