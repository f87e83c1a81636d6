package org.najm.science;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;

/**
 * Builds SCI_DETECTION packets field by field at the ICD section 4 offsets, for tests.
 * Defaults make a valid packet; the CRC is computed last unless {@link #badCrc} is set.
 */
public final class DetectionPackets {

    public int apid = 200;
    public int length = 91;
    public long trackletId = 1234;
    public int detIndex = 0;
    public int detCount = 3;
    /** GPS seconds since 1980-01-06 and 1/65536 s. */
    public long obsCoarse = gpsSeconds(LocalDateTime.parse("2026-11-20T01:00:18"));
    public int obsFine = 0;
    public long createdCoarse = gpsSeconds(LocalDateTime.parse("2026-11-20T01:00:30"));
    public int createdFine = 0;
    public double ra = 123.456789;
    public double dec = -12.345678;
    public float rmsRa = 0.25f;
    public float rmsDec = 0.3f;
    public float mag = 19.5f;
    public float rmsMag = 0.12f;
    public int band = 1;
    public float snr = 25f;
    public float exposure = 30f;
    public double x = -3512.123456;
    public double y = 5412.654321;
    public double z = 2300.000001;
    public boolean badCrc;

    /**
     * The packet of a decoded detection, created {@code createdAfterSeconds} after its observation (the
     * obsTime is UTC: GPS = UTC + 18 s in 2026).
     */
    public static DetectionPackets of(Detection d, long trackletId, int createdAfterSeconds) {
        var p = new DetectionPackets();
        Instant gps = d.obsTime().plusSeconds(18);
        p.trackletId = trackletId;
        p.detIndex = d.detIndex();
        p.detCount = d.detCount();
        p.obsCoarse = gps.getEpochSecond() - GPS_EPOCH.getEpochSecond();
        p.obsFine = (int) (gps.getNano() / 1e9 * 65536);
        p.createdCoarse = p.obsCoarse + createdAfterSeconds;
        p.ra = d.ra();
        p.dec = d.dec();
        p.rmsRa = (float) d.rmsRa();
        p.rmsDec = (float) d.rmsDec();
        p.mag = (float) d.mag();
        p.rmsMag = (float) d.rmsMag();
        p.band = Detection.BANDS.indexOf(d.band());
        p.snr = (float) d.snr();
        p.exposure = (float) d.exposure();
        p.x = d.x();
        p.y = d.y();
        p.z = d.z();
        return p;
    }

    private static final Instant GPS_EPOCH = Instant.parse("1980-01-06T00:00:00Z");

    /** GPS seconds of a GPS-time calendar date: GPS has no leap seconds, so plain day counting. */
    public static long gpsSeconds(LocalDateTime gpsTime) {
        LocalDateTime epoch = LocalDate.of(1980, 1, 6).atStartOfDay();
        return ChronoUnit.SECONDS.between(epoch, gpsTime);
    }

    public byte[] build() {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.putShort(0, (short) (0x0800 | apid)); // version 0, TM, secondary header flag
        b.putShort(2, (short) 0xC000); // unsegmented, count 0
        b.putShort(4, (short) (length - 7));
        b.putInt(6, (int) createdCoarse);
        b.putShort(10, (short) createdFine);
        if (length >= 91) {
            b.putInt(12, (int) trackletId);
            b.put(16, (byte) detIndex);
            b.put(17, (byte) detCount);
            b.putInt(18, (int) obsCoarse);
            b.putShort(22, (short) obsFine);
            b.putDouble(24, ra);
            b.putDouble(32, dec);
            b.putFloat(40, rmsRa);
            b.putFloat(44, rmsDec);
            b.putFloat(48, mag);
            b.putFloat(52, rmsMag);
            b.put(56, (byte) band);
            b.putFloat(57, snr);
            b.putFloat(61, exposure);
            b.putDouble(65, x);
            b.putDouble(73, y);
            b.putDouble(81, z);
            int crc = new CrcCciitCalculator().compute(b.array(), 0, 89);
            b.putShort(89, (short) (badCrc ? crc ^ 1 : crc));
        }
        return b.array();
    }
}
