package org.najm.science.neo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.orekit.OrekitData;
import org.najm.science.Detection;
import org.najm.science.Tracklet;
import org.najm.science.TrackletKey;
import org.najm.simulator.spacecraft.SkySample;
import org.najm.simulator.spacecraft.Telescope;
import org.orekit.time.AbsoluteDate;

/**
 * Tracklets of the simulator's synthetic sky ({@link SkySample}: the same telescope, orbits and truth as
 * onboard) as the MOC decodes them, each with its true orbit class: the sample the NEO score is validated on.
 */
public final class SkyTracklets {

    /** One tracklet and the class of the object behind it. */
    public record Labelled(Tracklet tracklet, OrbitClass truth) {
    }

    private SkyTracklets() {
    }

    /**
     * @param fields fields surveyed per spacecraft (about 2 tracklets each)
     * @param seed   the sky's seed
     * @param start  survey start, UTC
     */
    public static List<Labelled> sample(int fields, long seed, Instant start) {
        Constellation c;
        try {
            c = Constellation.load(Constellation.DEFAULT_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var ts = OrekitData.context().getTimeScales();
        AbsoluteDate gpsEpoch = ts.getGpsEpoch();
        List<Labelled> out = new ArrayList<>();
        for (Spacecraft sc : c.spacecraft()) {
            for (SkySample.Sampled s : SkySample.generate(sc, new AbsoluteDate(start, ts.getUTC()), fields, seed)) {
                List<Detection> ds = new ArrayList<>();
                for (Telescope.Detection d : s.detections()) {
                    Instant t = gpsEpoch.shiftedBy(d.obsTime()).toInstant(ts);
                    ds.add(new Detection(sc.name(), s.trackletId(), d.detIndex(), d.detCount(), t, d.ra(), d.dec(),
                            d.rmsRa(), d.rmsDec(), d.mag(), d.rmsMag(), Detection.BANDS.get(d.band()), d.snr(), 30,
                            d.observerKm()[0], d.observerKm()[1], d.observerKm()[2], t));
                }
                out.add(new Labelled(new Tracklet(new TrackletKey(sc.name(), s.trackletId()), ds),
                        OrbitClass.valueOf(s.truth().orbitClass().name())));
            }
        }
        return out;
    }
}
