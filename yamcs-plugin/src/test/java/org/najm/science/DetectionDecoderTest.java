package org.najm.science;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.najm.telemetry.TestMdb;

class DetectionDecoderTest {

    private static final DetectionDecoder DECODER = new DetectionDecoder(TestMdb.get());

    @Test
    void decodesEveryFieldAtItsOffset() {
        DetectionPackets p = new DetectionPackets();
        p.trackletId = 0xFFFF_FFFEL; // u32 above Integer.MAX_VALUE
        p.detIndex = 2;
        p.detCount = 5;
        p.band = 3;
        Detection d = DECODER.decode("NAJM-2", p.build());
        assertEquals("NAJM-2", d.spacecraft());
        assertEquals(0xFFFF_FFFEL, d.trackletId());
        assertEquals(2, d.detIndex());
        assertEquals(5, d.detCount());
        assertEquals(123.456789, d.ra());
        assertEquals(-12.345678, d.dec());
        assertEquals(0.25f, (float) d.rmsRa());
        assertEquals(0.3f, (float) d.rmsDec());
        assertEquals(19.5f, (float) d.mag());
        assertEquals(0.12f, (float) d.rmsMag());
        assertEquals("w", d.band());
        assertEquals(25f, (float) d.snr());
        assertEquals(30f, (float) d.exposure());
        assertEquals(-3512.123456, d.x());
        assertEquals(5412.654321, d.y());
        assertEquals(2300.000001, d.z());
        assertEquals(Instant.parse("2026-11-20T01:00:00Z"), d.obsTime());
        assertEquals(Instant.parse("2026-11-20T01:00:12Z"), d.creationTime());
    }

    @Test
    void gpsTimeBecomesUtcWith18LeapSecondsIn2026() {
        DetectionPackets p = new DetectionPackets();
        p.obsCoarse = DetectionPackets.gpsSeconds(LocalDateTime.parse("2026-11-20T00:00:18"));
        assertEquals(1_479_168_018L, p.obsCoarse); // 17,120 days after 1980-01-06, plus 18 s
        Detection d = DECODER.decode("NAJM-1", p.build());
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), d.obsTime());
    }

    @Test
    void leapSecondsComeFromTheTableNotAConstant() {
        // before the 2016-12-31 leap second, UTC = GPS - 17 s
        DetectionPackets p = new DetectionPackets();
        p.obsCoarse = DetectionPackets.gpsSeconds(LocalDateTime.parse("2016-06-01T12:00:17"));
        assertEquals(Instant.parse("2016-06-01T12:00:00Z"), DECODER.decode("NAJM-1", p.build()).obsTime());
    }

    @Test
    void fineTimeKeepsSubMillisecondPrecision() {
        DetectionPackets p = new DetectionPackets();
        p.obsCoarse = DetectionPackets.gpsSeconds(LocalDateTime.parse("2026-11-20T00:00:18"));
        p.obsFine = 0x8000 + 0x0042; // 0.5 s + 66/65536 s = 0.501007080078125 s
        Detection d = DECODER.decode("NAJM-1", p.build());
        assertEquals(Instant.parse("2026-11-20T00:00:00.501007080Z"), d.obsTime());
    }

    @Test
    void refusesWrongLengthApidAndCrc() {
        refused(p -> p.length = 90, "91 octets");
        refused(p -> p.apid = 100, "APID 100");
        refused(p -> p.badCrc = true, "CRC");
    }

    @Test
    void takesTheLayoutFromTheMdb() {
        assertEquals(200, DECODER.apid());
        assertEquals(91, DECODER.length());
        assertEquals("/NAJM/SCI_DETECTION", DECODER.archivePartition());
        DetectionPackets p = new DetectionPackets();
        assertTrue(DECODER.isDetection(p.build()));
        p.apid = 100;
        assertFalse(DECODER.isDetection(p.build()));
    }

    @Test
    void refusesAPrimaryHeaderOtherThanTheMdbs() {
        byte[] tc = new DetectionPackets().build();
        tc[0] |= 0x10; // packet type TC
        refused(tc, "primary header version 0, type 1, secondary header flag 1");
        byte[] version1 = new DetectionPackets().build();
        version1[0] |= 0x20;
        refused(version1, "version 1");
        byte[] noSecondaryHeader = new DetectionPackets().build();
        noSecondaryHeader[0] &= ~0x08;
        refused(noSecondaryHeader, "secondary header flag 0");
        byte[] dataLength = new DetectionPackets().build();
        dataLength[5]--;
        refused(dataLength, "packet data length field 83, expected 84");
    }

    @Test
    void refusesFieldsOutOfRange() {
        refused(p -> { p.detIndex = 3; p.detCount = 3; }, "det_index 3");
        refused(p -> p.detCount = 2, "det_count 2");
        refused(p -> { p.detCount = 7; }, "det_count 7");
        refused(p -> p.band = 4, "band 4");
        refused(p -> p.ra = 360.5, "ra 360.5");
        refused(p -> p.ra = -0.1, "ra -0.1");
        refused(p -> p.ra = Double.NaN, "ra NaN");
        refused(p -> p.dec = 90.01, "dec 90.01");
        refused(p -> p.dec = -91, "dec -91");
        refused(p -> p.rmsRa = -1f, "rms_ra");
        refused(p -> p.snr = Float.NaN, "snr");
    }

    private static void refused(Consumer<DetectionPackets> change, String expected) {
        DetectionPackets p = new DetectionPackets();
        change.accept(p);
        refused(p.build(), expected);
    }

    private static void refused(byte[] packet, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DECODER.decode("NAJM-1", packet));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should say '" + expected + "'");
    }
}
