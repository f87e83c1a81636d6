package org.najm.planning;

import java.util.Comparator;

import org.najm.passes.Pass;

/** A total order on passes, so that the plan never depends on the order the passes came in. */
final class PassOrder {

    static final Comparator<Pass> CANONICAL = Comparator.comparing(Pass::aos).thenComparing(Pass::spacecraft)
            .thenComparing(Pass::station).thenComparing(Pass::los).thenComparing(Pass::tca)
            .thenComparingDouble(Pass::maxElevationDeg).thenComparingDouble(Pass::aosAzimuthDeg)
            .thenComparingDouble(Pass::losAzimuthDeg);

    private PassOrder() {
    }
}
