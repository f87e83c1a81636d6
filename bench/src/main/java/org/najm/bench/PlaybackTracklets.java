package org.najm.bench;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.najm.science.Detection;
import org.najm.science.DetectionPackets;
import org.najm.science.TrackletKey;

/**
 * Whole tracklets of SCI_DETECTION packets (built by the tests' {@link DetectionPackets}) as four spacecraft play
 * them back at once, for the science benchmark: the detections of four tracklets (one per spacecraft) interleaved
 * index by index. det_count 3..6, RA 1..359 deg and Dec -60..60 deg moving slowly across the tracklet, rms
 * 0.1..0.5 arcsec, mag 17..22, all four bands, 30 s exposures, a LEO observer ~6900 km from the geocentre.
 * Deterministic: {@code java.util.Random} seed 20261120.
 */
final class PlaybackTracklets {

    static final String[] SPACECRAFT = {"NAJM-1", "NAJM-2", "NAJM-3", "NAJM-4"};

    /** One packet: its spacecraft, its tracklet's key, its index in the tracklet, the bytes. */
    record Packet(String spacecraft, String key, int index, int detCount, long gpsCreation, byte[] bytes) {
    }

    private final Random random = new Random(20261120);
    private long nextTrackletId = 1;
    private long obsSeconds = DetectionPackets.gpsSeconds(LocalDateTime.parse("2026-11-20T01:00:00"));

    /** Whole tracklets, at least {@code detections} detections in all. */
    List<Packet> generate(int detections) {
        List<Packet> out = new ArrayList<>(detections + 24);
        while (out.size() < detections) {
            List<List<Packet>> group = new ArrayList<>();
            for (String sc : SPACECRAFT) {
                group.add(tracklet(sc));
            }
            for (int i = 0; i < Detection.MAX_DET_COUNT; i++) {
                for (List<Packet> t : group) {
                    if (i < t.size()) {
                        out.add(t.get(i));
                    }
                }
            }
        }
        return out;
    }

    private List<Packet> tracklet(String sc) {
        long id = nextTrackletId++;
        int n = Detection.MIN_DET_COUNT + random.nextInt(Detection.MAX_DET_COUNT - Detection.MIN_DET_COUNT + 1);
        double ra = 1 + random.nextDouble() * 358; // stays inside 0..360 as it moves
        double dec = -60 + random.nextDouble() * 120;
        double dra = (random.nextDouble() - 0.5) * 0.01; // deg per detection: a main-belt-ish motion
        double ddec = (random.nextDouble() - 0.5) * 0.005;
        float mag = 17f + random.nextFloat() * 5f;
        int band = random.nextInt(4);
        // LEO observer, ~6900 km from the geocentre, moving ~7.5 km/s
        double lon = random.nextDouble() * 2 * Math.PI;
        double lat = (random.nextDouble() - 0.5) * Math.PI * 0.9;
        obsSeconds += 7;
        String key = new TrackletKey(sc, id).toString();
        List<Packet> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double l = lon + i * 45 * 7.5 / 6900;
            DetectionPackets p = new DetectionPackets();
            p.trackletId = id;
            p.detIndex = i;
            p.detCount = n;
            p.obsCoarse = obsSeconds + 45L * i;
            p.obsFine = random.nextInt(65536);
            p.createdCoarse = p.obsCoarse + 600; // created after the tracklet was complete onboard
            p.createdFine = random.nextInt(65536);
            p.ra = ra + i * dra;
            p.dec = dec + i * ddec;
            p.rmsRa = 0.1f + random.nextFloat() * 0.4f;
            p.rmsDec = 0.1f + random.nextFloat() * 0.4f;
            p.mag = mag + (random.nextFloat() - 0.5f) * 0.2f;
            p.rmsMag = 0.05f + random.nextFloat() * 0.15f;
            p.band = band;
            p.snr = 5f + random.nextFloat() * 95f;
            p.x = 6900 * Math.cos(lat) * Math.cos(l);
            p.y = 6900 * Math.cos(lat) * Math.sin(l);
            p.z = 6900 * Math.sin(lat);
            out.add(new Packet(sc, key, i, n, p.createdCoarse, p.build()));
        }
        return out;
    }
}
