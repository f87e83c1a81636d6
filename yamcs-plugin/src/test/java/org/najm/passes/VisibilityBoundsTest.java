package org.najm.passes;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.constellation.Station;
import org.najm.orekit.OrekitData;
import org.najm.testing.SyntheticNetwork;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;

/**
 * The skip the bounds allow, against Orekit's full chain ({@link ExactElevation}, none of the search's code) every
 * 10 s: wherever the bounds say the next epochs are out of sight, the spacecraft is lower than mask - margin over
 * all of them; and the skips do skip most of the epochs.
 */
class VisibilityBoundsTest {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    static final double STEP_S = PassPredictor.DEFAULT_STEP_S;

    @Test
    void nothingSkippedComesWithinTheMarginOfTheMask() throws IOException {
        DataContext ctx = OrekitData.context();
        Frame teme = ctx.getFrames().getTEME();
        Frame itrf = ctx.getFrames().getITRF(IERSConventions.IERS_2010, true);
        OneAxisEllipsoid earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
                Constants.WGS84_EARTH_FLATTENING, itrf);
        Constellation synth = SyntheticNetwork.of(6, 30, Constellation.load(Constellation.DEFAULT_PATH));
        List<SpacecraftTle> sats = TleSet.launch(synth, TleParser.of(synth, ctx.getTimeScales().getUTC())).all();
        AbsoluteDate start = new AbsoluteDate(START, ctx.getTimeScales().getUTC());
        int epochs = (int) (86_400 / STEP_S);
        long tested = 0;
        long skipped = 0;
        double closestDeg = Double.NEGATIVE_INFINITY;
        for (SpacecraftTle sat : sats) {
            TLEPropagator prop = TLEPropagator.selectExtrapolator(sat.tle(), teme);
            for (Station st : synth.stations()) {
                StationGeometry geo = new StationGeometry(st, earth);
                VisibilityBounds bounds = VisibilityBounds.of(sat.tle(), geo, STEP_S);
                ExactElevation exact = new ExactElevation(sat, st, ctx);
                double floorDeg = st.mask() - Math.toDegrees(bounds.nearMissMarginRad());
                for (int k = 0; k <= epochs; k++) {
                    AbsoluteDate t = start.shiftedBy(k * STEP_S);
                    var p = prop.getPVCoordinates(t, itrf).getPosition().normalize();
                    int out = bounds.epochsOutOfSight(p.getX() * geo.ux + p.getY() * geo.uy + p.getZ() * geo.uz);
                    tested++;
                    if (out == 0) {
                        continue;
                    }
                    skipped += out;
                    for (double s = 0; s <= out * STEP_S; s += 10) {
                        double el = exact.elevationDeg(t.shiftedBy(s).toInstant(ctx.getTimeScales()));
                        closestDeg = Math.max(closestDeg, el - floorDeg);
                        assertTrue(el < floorDeg, sat.spacecraft() + "/" + st.name() + " at " + t + " + " + s
                                + " s: " + el + " deg, skipped (" + out + " epochs) though not below " + floorDeg);
                    }
                    k += out - 1;
                }
            }
        }
        System.out.printf("visibility bounds, 6 x 30 x 1 day: %d decisions, %d epochs skipped (%.0f%% of the"
                + " epochs); the skipped came within %.2f deg of mask - margin%n", tested, skipped,
                100.0 * skipped / (sats.size() * 30.0 * (epochs + 1)), -closestDeg);
        assertTrue(skipped > 0.5 * sats.size() * 30.0 * (epochs + 1), "the bounds skip too little: " + skipped);
    }
}
