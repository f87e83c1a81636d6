package org.najm.simulator.spacecraft;

import java.util.List;
import java.util.logging.Logger;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.simulator.packet.Apid;
import org.najm.simulator.packet.SciDetection;
import org.najm.simulator.sky.TruthFile;
import org.najm.simulator.spacecraft.OrbitModel.OrbitState;

/**
 * Science data: the survey's tracklets, each with the next tracklet id, go into the science store as
 * SCI_DETECTION packets (never in real time: the ground gets them by DUMP_STORE); the truth of each one goes to
 * the {@link TruthFile} when there is one, as it is stored.
 */
final class ScienceRecorder {

    private static final Logger LOG = Logger.getLogger(ScienceRecorder.class.getName());

    private final String name;
    private final Telescope telescope;
    private final PacketStore store;
    private final Downlink downlink;
    private long nextTrackletId = 1;
    private volatile TruthFile truth;

    ScienceRecorder(String name, Telescope telescope, PacketStore store, Downlink downlink) {
        this.name = name;
        this.telescope = telescope;
        this.store = store;
        this.downlink = downlink;
    }

    /** One second of SURVEY: the telescope observes around opposition and its finished tracklets are stored. */
    void surveySecond(long second, double ob, OrbitState state) {
        Vector3D antiSun = state.sunDirection().negate();
        for (Telescope.Tracklet tracklet : telescope.surveySecond(state.date(), second, ob, state.positionKm(),
                antiSun)) {
            record(tracklet, ob);
        }
    }

    void truthFile(TruthFile file) {
        this.truth = file;
    }

    /** Stores one tracklet (and its truth line); returns its id. */
    long record(Telescope.Tracklet tracklet, double ob) {
        long id = nextTrackletId++;
        store(id, tracklet.detections(), ob);
        truth(id, tracklet);
        return id;
    }

    /**
     * Stores the first {@code now} detections of a tracklet (and its truth line); the rest go with {@link #store}
     * later.
     */
    long recordPart(Telescope.Tracklet tracklet, int now, double ob) {
        long id = nextTrackletId++;
        store(id, tracklet.detections().subList(0, now), ob);
        truth(id, tracklet);
        return id;
    }

    private void truth(long id, Telescope.Tracklet tracklet) {
        TruthFile file = truth;
        if (file != null) {
            file.append(name, id, tracklet.truth());
        }
    }

    /** Stores detections of tracklet {@code id}. */
    void store(long id, List<Telescope.Detection> detections, double ob) {
        for (Telescope.Detection d : detections) {
            SciDetection p = new SciDetection(ob, id, d.detIndex(), d.detCount(), d.obsTime(), d.ra(), d.dec(),
                    d.rmsRa(), d.rmsDec(), d.mag(), d.rmsMag(), d.band(), d.snr(), Telescope.EXPOSURE_S,
                    d.observerKm());
            downlink.store(store, ob, p.encode(downlink.nextSequenceCount(Apid.SCI_DETECTION)));
        }
        LOG.fine(() -> name + ": tracklet " + id + ", " + detections.size() + " detections stored");
    }

    long trackletsRecorded() {
        return nextTrackletId - 1;
    }
}
