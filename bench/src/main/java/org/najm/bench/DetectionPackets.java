package org.najm.bench;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.najm.science.Detection;
import org.najm.science.DetectionDecoder;
import org.najm.science.TrackletKey;
import org.najm.telemetry.TestMdb;
import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;

/**
 * Valid SCI_DETECTION packets (APID 200, ICD section 4 offsets) for the science benchmark, whole tracklets of
 * four spacecraft playing back at once: the detections of four tracklets (one per spacecraft) interleaved index
 * by index. det_count 3..6, RA 1..359 deg and Dec -60..60 deg moving slowly across the tracklet, rms
 * 0.1..0.5 arcsec, mag 17..22, all four bands, 30 s exposures, a LEO observer ~6900 km from the geocentre.
 * Deterministic: {@code java.util.Random} seed 20261120.
 */
final class DetectionPackets {

    /** SCI_DETECTION's APID and length, from the MDB (mdb/najm.xml, read from the repository root). */
    private static final DetectionDecoder LAYOUT = new DetectionDecoder(TestMdb.get());

    static final String[] SPACECRAFT = {"NAJM-1", "NAJM-2", "NAJM-3", "NAJM-4"};

    /** One packet: its spacecraft, its tracklet's key, its index in the tracklet, the bytes. */
    record Packet(String spacecraft, String key, int index, int detCount, long gpsCreation, byte[] bytes) {
    }

    private final CrcCciitCalculator crc = new CrcCciitCalculator();
    private final Random random = new Random(20261120);
    private long nextTrackletId = 1;
    private long obsSeconds = gpsSeconds(LocalDateTime.parse("2026-11-20T01:00:00"));

    static long gpsSeconds(LocalDateTime gpsTime) {
        return ChronoUnit.SECONDS.between(LocalDate.of(1980, 1, 6).atStartOfDay(), gpsTime);
    }

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
            long obs = obsSeconds + 45L * i;
            double l = lon + i * 45 * 7.5 / 6900;
            ByteBuffer b = ByteBuffer.allocate(LAYOUT.length());
            b.putShort(0, (short) (0x0800 | LAYOUT.apid()));
            b.putShort(2, (short) (0xC000 | (int) ((id * 6 + i) & 0x3FFF)));
            b.putShort(4, (short) (LAYOUT.length() - 7));
            long created = obs + 600; // created after the tracklet was complete onboard
            b.putInt(6, (int) created);
            b.putShort(10, (short) random.nextInt(65536));
            b.putInt(12, (int) id);
            b.put(16, (byte) i);
            b.put(17, (byte) n);
            b.putInt(18, (int) obs);
            b.putShort(22, (short) random.nextInt(65536));
            b.putDouble(24, ra + i * dra);
            b.putDouble(32, dec + i * ddec);
            b.putFloat(40, 0.1f + random.nextFloat() * 0.4f);
            b.putFloat(44, 0.1f + random.nextFloat() * 0.4f);
            b.putFloat(48, mag + (random.nextFloat() - 0.5f) * 0.2f);
            b.putFloat(52, 0.05f + random.nextFloat() * 0.15f);
            b.put(56, (byte) band);
            b.putFloat(57, 5f + random.nextFloat() * 95f);
            b.putFloat(61, 30f);
            b.putDouble(65, 6900 * Math.cos(lat) * Math.cos(l));
            b.putDouble(73, 6900 * Math.cos(lat) * Math.sin(l));
            b.putDouble(81, 6900 * Math.sin(lat));
            b.putShort(89, (short) crc.compute(b.array(), 0, 89));
            out.add(new Packet(sc, key, i, n, created, b.array()));
        }
        return out;
    }
}
