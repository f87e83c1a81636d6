package org.najm.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.najm.science.Detection;
import org.najm.science.DetectionPackets;
import org.najm.science.TrackletKey;
import org.najm.science.neo.SkyTracklets;

/**
 * Whole tracklets of SCI_DETECTION packets as the four spacecraft play them back at once, for the science
 * benchmark: the tracklets of the simulator's synthetic sky ({@link SkyTracklets}: its orbits, seen from each
 * spacecraft, so the MOC's NEO scores and its fast lane see what they would in operations), the detections of
 * four tracklets (one per spacecraft) interleaved index by index, packets built by the tests'
 * {@link DetectionPackets}. Each call surveys the next fields (a day later), and the tracklet ids keep counting, so
 * no tracklet is sent twice. Deterministic: sky seed 20261120.
 */
final class PlaybackTracklets {

    private static final long SEED = 20261120;
    /** Fields per spacecraft per call for a given number of detections: ~2 tracklets of ~4.5 detections a field. */
    private static final double DETECTIONS_PER_FIELD = 4 * 2 * 4.5;

    /** One packet: its spacecraft, its tracklet's key, its index in the tracklet, the bytes. */
    record Packet(String spacecraft, String key, int index, int detCount, long gpsCreation, byte[] bytes) {
    }

    private Instant survey = Instant.parse("2026-12-16T00:00:00Z");
    private long nextTrackletId = 1;

    /** Whole tracklets, at least {@code detections} detections in all. */
    List<Packet> generate(int detections) {
        List<Packet> out = new ArrayList<>(detections + 24);
        while (out.size() < detections) {
            int fields = (int) Math.ceil((detections - out.size()) / DETECTIONS_PER_FIELD) + 1;
            List<List<Packet>> bySpacecraft = new ArrayList<>();
            String current = null;
            for (SkyTracklets.Labelled l : SkyTracklets.sample(fields, SEED, survey)) {
                String sc = l.tracklet().spacecraft();
                if (!sc.equals(current)) {
                    bySpacecraft.add(new ArrayList<>());
                    current = sc;
                }
                bySpacecraft.get(bySpacecraft.size() - 1).addAll(packets(sc, l.tracklet().detections()));
            }
            survey = survey.plus(Duration.ofDays(1));
            interleave(bySpacecraft, out);
        }
        return out;
    }

    private List<Packet> packets(String sc, List<Detection> detections) {
        long id = nextTrackletId++;
        String key = new TrackletKey(sc, id).toString();
        List<Packet> out = new ArrayList<>();
        for (Detection d : detections) {
            // created after the tracklet was complete onboard, as played back
            DetectionPackets p = DetectionPackets.of(d, id, 600);
            out.add(new Packet(sc, key, d.detIndex(), d.detCount(), p.createdCoarse, p.build()));
        }
        return out;
    }

    /** Tracklet by tracklet from each spacecraft in turn, the detections of each round interleaved by index. */
    private static void interleave(List<List<Packet>> bySpacecraft, List<Packet> out) {
        List<Integer> at = new ArrayList<>();
        bySpacecraft.forEach(l -> at.add(0));
        boolean more = true;
        while (more) {
            more = false;
            List<List<Packet>> round = new ArrayList<>();
            for (int s = 0; s < bySpacecraft.size(); s++) {
                List<Packet> all = bySpacecraft.get(s);
                int i = at.get(s);
                if (i < all.size()) {
                    int n = all.get(i).detCount();
                    round.add(all.subList(i, i + n));
                    at.set(s, i + n);
                    more = true;
                }
            }
            for (int k = 0; k < Detection.MAX_DET_COUNT; k++) {
                for (List<Packet> t : round) {
                    if (k < t.size()) {
                        out.add(t.get(k));
                    }
                }
            }
        }
    }
}
