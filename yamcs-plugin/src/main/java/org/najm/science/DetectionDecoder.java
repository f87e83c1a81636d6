package org.najm.science;

import java.time.Instant;
import java.util.List;

import org.najm.orekit.OrekitData;
import org.najm.telemetry.PacketExtractor;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeOffset;
import org.orekit.time.TimeScales;
import org.yamcs.mdb.Mdb;
import org.yamcs.tctm.CcsdsPacket;
import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;
import org.yamcs.utils.ByteArrayUtils;
import org.yamcs.xtce.AbsoluteTimeParameterType;
import org.yamcs.xtce.EnumeratedParameterType;
import org.yamcs.xtce.ParameterType;
import org.yamcs.xtce.TimeEpoch.CommonEpochs;
import org.yamcs.xtce.ValueEnumeration;

/**
 * Decodes SCI_DETECTION packets (ICD section 4) as the MDB describes them, with Yamcs' XTCE extractor: a change
 * of the ICD is a change of mdb/najm.xml alone. On top of the MDB it checks what XTCE does not: the packet length
 * and data length field, the CRC, the band enumeration, and (through {@link Detection}) the value ranges.
 *
 * <p>Times are CUC counted from the GPS epoch without leap seconds, i.e. GPS time. Their raw ticks become UTC
 * through Orekit's GPS and UTC scales, so that the leap-second table shipped with the repository (not a hard-coded
 * 18 s, nor Yamcs' millisecond timestamps) decides the offset, to the nanosecond.
 *
 * <p>Thread-safe.
 */
public final class DetectionDecoder {

    private static final String CONTAINER = "SCI_DETECTION";
    private static final String OBS_TIME = "obs_time";
    private static final String CREATION_TIME = "packet_time";
    private static final String BAND = "band";
    private static final List<String> FIELDS = List.of("ccsds_version", "ccsds_type", "ccsds_sec_hdr_flag",
            "ccsds_length", CREATION_TIME, "tracklet_id", "det_index", "det_count", OBS_TIME, "ra", "dec", "rms_ra",
            "rms_dec", "mag", "rms_mag", BAND, "snr", "exposure", "observer_x", "observer_y", "observer_z");
    /** The CCSDS data length field counts the octets after the 6-octet primary header, minus one. */
    private static final int DATA_LENGTH_OFFSET = 7;

    private final PacketExtractor packets;
    private final int length;
    private final EnumeratedParameterType bandType;
    private final int obsTicksPerSecond;
    private final int creationTicksPerSecond;
    private final TimeScales timeScales;
    private final AbsoluteDate gpsEpoch;
    private final CrcCciitCalculator crc = new CrcCciitCalculator();

    /** With the repository's Orekit data (shipped leap seconds). */
    public DetectionDecoder(Mdb mdb) {
        this(mdb, OrekitData.context().getTimeScales());
    }

    /** @throws IllegalArgumentException if the MDB does not describe SCI_DETECTION as this decoder reads it */
    public DetectionDecoder(Mdb mdb, TimeScales timeScales) {
        this.packets = new PacketExtractor(mdb, CONTAINER, FIELDS);
        this.length = packets.fixedLength();
        if (length < 0) {
            throw new IllegalArgumentException("The MDB's " + CONTAINER + " has no fixed length");
        }
        if (!(type(BAND) instanceof EnumeratedParameterType enumerated)) {
            throw new IllegalArgumentException("The MDB's " + BAND + " is not an enumeration");
        }
        this.bandType = enumerated;
        this.obsTicksPerSecond = gpsTicksPerSecond(OBS_TIME);
        this.creationTicksPerSecond = gpsTicksPerSecond(CREATION_TIME);
        this.timeScales = timeScales;
        this.gpsEpoch = timeScales.getGpsEpoch();
    }

    public int apid() {
        return packets.apid();
    }

    /** Octets of a SCI_DETECTION packet, CRC included. */
    public int length() {
        return length;
    }

    /** The archive partition of SCI_DETECTION packets ({@code pname} in the tm table). */
    public String archivePartition() {
        return packets.qualifiedName();
    }

    /** Whether a packet is meant as a SCI_DETECTION (its APID): {@link #decode} then decodes it or says why not. */
    public boolean isDetection(byte[] packet) {
        return packets.hasApid(packet);
    }

    /**
     * @param spacecraft the spacecraft that sent it (the packet does not say; the frame's SCID does)
     * @param packet     the whole space packet, primary header to CRC
     * @throws IllegalArgumentException saying what is wrong with the packet
     */
    public Detection decode(String spacecraft, byte[] packet) {
        if (packet.length != length) {
            throw new IllegalArgumentException(
                    CONTAINER + " packet must be " + length + " octets, got " + packet.length);
        }
        if (!packets.hasApid(packet)) {
            throw new IllegalArgumentException("APID " + CcsdsPacket.getAPID(packet) + " is not " + CONTAINER + " ("
                    + packets.apid() + ")");
        }
        PacketExtractor.Extracted f = packets.extract(packet);
        long version = f.integer("ccsds_version");
        if (version != 0 || !f.matched()) {
            throw new IllegalArgumentException(String.format(
                    "primary header version %d, type %d, secondary header flag %d: expected version 0 and %s",
                    version, f.integer("ccsds_type"), f.integer("ccsds_sec_hdr_flag"), packets.criteria()));
        }
        long dataLength = f.integer("ccsds_length");
        if (dataLength != length - DATA_LENGTH_OFFSET) {
            throw new IllegalArgumentException("packet data length field " + dataLength + ", expected "
                    + (length - DATA_LENGTH_OFFSET));
        }
        int crcOffset = length - PacketExtractor.CRC_OCTETS;
        int stored = ByteArrayUtils.decodeUnsignedShort(packet, crcOffset);
        int computed = crc.compute(packet, 0, crcOffset);
        if (stored != computed) {
            throw new IllegalArgumentException(String.format("CRC 0x%04X, computed 0x%04X", stored, computed));
        }
        long bandCode = f.rawInteger(BAND);
        if (bandType.enumValue(bandCode) == null) {
            throw new IllegalArgumentException("band " + bandCode + " outside "
                    + bandType.getValueEnumerationList().stream().map(ValueEnumeration::getValue).toList());
        }
        return new Detection(spacecraft,
                f.integer("tracklet_id"),
                (int) f.integer("det_index"),
                (int) f.integer("det_count"),
                utc(f.rawInteger(OBS_TIME), obsTicksPerSecond),
                f.eng("ra").toDouble(),
                f.eng("dec").toDouble(),
                f.eng("rms_ra").toDouble(),
                f.eng("rms_dec").toDouble(),
                f.eng("mag").toDouble(),
                f.eng("rms_mag").toDouble(),
                f.eng(BAND).getStringValue(),
                f.eng("snr").toDouble(),
                f.eng("exposure").toDouble(),
                f.eng("observer_x").toDouble(),
                f.eng("observer_y").toDouble(),
                f.eng("observer_z").toDouble(),
                utc(f.rawInteger(CREATION_TIME), creationTicksPerSecond));
    }

    /** GPS time in ticks since the GPS epoch to a UTC instant; the division is exact to the attosecond. */
    private Instant utc(long ticks, int ticksPerSecond) {
        TimeOffset sinceEpoch = new TimeOffset(ticks, TimeOffset.SECOND).divide(ticksPerSecond);
        return new AbsoluteDate(gpsEpoch, sinceEpoch).toInstant(timeScales);
    }

    private ParameterType type(String name) {
        return packets.parameter(name).getParameterType();
    }

    /** Ticks per second of a time counted from the GPS epoch, as the MDB scales its raw value (CUC 4+2: 65536). */
    private int gpsTicksPerSecond(String name) {
        if (!(type(name) instanceof AbsoluteTimeParameterType t) || t.getReferenceTime() == null
                || t.getReferenceTime().getEpoch() == null
                || t.getReferenceTime().getEpoch().getCommonEpoch() != CommonEpochs.GPS || t.getOffset() != 0) {
            throw new IllegalArgumentException("The MDB's " + name + " is not a time from the GPS epoch");
        }
        double perSecond = 1 / t.getScale();
        if (perSecond < 1 || perSecond > Integer.MAX_VALUE || perSecond != Math.rint(perSecond)) {
            throw new IllegalArgumentException("The MDB's " + name + " does not count whole ticks per second");
        }
        return (int) perSecond;
    }
}
