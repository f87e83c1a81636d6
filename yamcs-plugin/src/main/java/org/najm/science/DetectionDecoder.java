package org.najm.science;

import java.nio.ByteBuffer;
import java.time.Instant;

import org.najm.orekit.OrekitData;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeOffset;
import org.orekit.time.TimeScales;

/**
 * Decodes APID 200 SCI_DETECTION packets (ICD section 4), 91 octets, big-endian.
 *
 * <p>Times are CCSDS CUC 4+2 counted from the GPS epoch without leap seconds, i.e. GPS time;
 * they become UTC through Orekit's GPS and UTC scales so that the leap-second table shipped
 * with the repository (not a hard-coded 18 s) decides the offset.
 *
 * <p>Stateless and thread-safe.
 */
public final class DetectionDecoder {

    public static final int APID = 200;
    public static final int LENGTH = 91;

    /** 1/65536 s in attoseconds: the CUC fine field converts exactly. */
    private static final long ATTOSECONDS_PER_FINE = 1_000_000_000_000_000_000L / 65_536;

    private final TimeScales timeScales;
    private final AbsoluteDate gpsEpoch;

    /** With the repository's Orekit data (shipped leap seconds). */
    public DetectionDecoder() {
        this(OrekitData.context().getTimeScales());
    }

    public DetectionDecoder(TimeScales timeScales) {
        this.timeScales = timeScales;
        this.gpsEpoch = timeScales.getGpsEpoch();
    }

    /**
     * @param spacecraft the spacecraft that sent it (the packet does not say; the frame's SCID does)
     * @param packet     the whole space packet, primary header to CRC
     * @throws IllegalArgumentException saying what is wrong with the packet
     */
    public Detection decode(String spacecraft, byte[] packet) {
        if (packet.length != LENGTH) {
            throw new IllegalArgumentException("SCI_DETECTION packet must be " + LENGTH + " octets, got " + packet.length);
        }
        ByteBuffer b = ByteBuffer.wrap(packet); // big-endian by default, like the ICD
        int word0 = b.getShort(0) & 0xFFFF;
        int apid = word0 & 0x7FF;
        if (apid != APID) {
            throw new IllegalArgumentException("APID " + apid + " is not SCI_DETECTION (" + APID + ")");
        }
        if ((word0 >>> 13) != 0 || (word0 & 0x1000) != 0 || (word0 & 0x0800) == 0) {
            throw new IllegalArgumentException(String.format(
                    "primary header 0x%04X: expected version 0, type TM and secondary header flag 1", word0));
        }
        int dataLength = b.getShort(4) & 0xFFFF;
        if (dataLength != LENGTH - 7) {
            throw new IllegalArgumentException("packet data length field " + dataLength + ", expected " + (LENGTH - 7));
        }
        int crc = b.getShort(89) & 0xFFFF;
        int computed = crc16(packet, 89);
        if (crc != computed) {
            throw new IllegalArgumentException(String.format("CRC 0x%04X, computed 0x%04X", crc, computed));
        }
        int bandCode = b.get(56) & 0xFF;
        if (bandCode >= Detection.BANDS.size()) {
            throw new IllegalArgumentException("band " + bandCode + " outside 0..3");
        }
        return new Detection(spacecraft,
                b.getInt(12) & 0xFFFF_FFFFL,
                b.get(16) & 0xFF,
                b.get(17) & 0xFF,
                cucToUtc(b, 18),
                b.getDouble(24),
                b.getDouble(32),
                b.getFloat(40),
                b.getFloat(44),
                b.getFloat(48),
                b.getFloat(52),
                Detection.BANDS.get(bandCode),
                b.getFloat(57),
                b.getFloat(61),
                b.getDouble(65),
                b.getDouble(73),
                b.getDouble(81),
                cucToUtc(b, 6));
    }

    /** CUC 4+2 (GPS epoch, GPS time) at {@code offset} to a UTC instant (ns resolution). */
    Instant cucToUtc(ByteBuffer b, int offset) {
        long coarse = b.getInt(offset) & 0xFFFF_FFFFL;
        long fine = b.getShort(offset + 4) & 0xFFFF;
        AbsoluteDate date = new AbsoluteDate(gpsEpoch, new TimeOffset(coarse, fine * ATTOSECONDS_PER_FINE));
        return date.toInstant(timeScales);
    }

    /** CRC-16-CCITT (poly 0x1021, init 0xFFFF, no reflection, no final XOR) of data[0..length). */
    static int crc16(byte[] data, int length) {
        int crc = 0xFFFF;
        for (int i = 0; i < length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            crc &= 0xFFFF;
        }
        return crc;
    }
}
