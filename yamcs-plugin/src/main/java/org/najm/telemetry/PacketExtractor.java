package org.najm.telemetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.yamcs.mdb.ContainerProcessingResult;
import org.yamcs.mdb.Mdb;
import org.yamcs.mdb.XtceTmExtractor;
import org.yamcs.parameter.ContainerParameterValue;
import org.yamcs.parameter.ParameterValue;
import org.yamcs.parameter.Value;
import org.yamcs.protobuf.Yamcs.Value.Type;
import org.yamcs.tctm.CcsdsPacket;
import org.yamcs.xtce.BaseDataType;
import org.yamcs.xtce.Comparison;
import org.yamcs.xtce.ComparisonList;
import org.yamcs.xtce.MatchCriteria;
import org.yamcs.xtce.OperatorType;
import org.yamcs.xtce.Parameter;
import org.yamcs.xtce.ParameterEntry;
import org.yamcs.xtce.ParameterInstanceRef;
import org.yamcs.xtce.SequenceContainer;
import org.yamcs.xtce.SequenceEntry;
import org.yamcs.xtce.SequenceEntry.ReferenceLocationType;

/**
 * One kind of ICD TM packet as the MDB describes it (a container of mdb/najm.xml), extracted with Yamcs'
 * {@link XtceTmExtractor}, so that its layout lives in the MDB alone.
 *
 * <p>A packet is of this kind when it has the APID the container's restriction criteria require. One of that APID
 * which does not match the container (other header flags, too short) is a bad packet of this kind, for the caller
 * to report, not a packet of another kind.
 *
 * <p>Thread-safe (the extractor synchronises itself): one per service, not one per packet.
 */
public final class PacketExtractor {

    /** The ICD's TM packets end with a CRC-16, which the MDB does not describe. */
    public static final int CRC_OCTETS = 2;

    private static final String SPACE_SYSTEM = "/NAJM/";
    private static final String APID_PARAMETER = "ccsds_apid";

    private final SequenceContainer container;
    private final int apid;
    private final String criteria;
    private final int fixedLength;
    private final Map<String, Parameter> parameters = new HashMap<>();
    private final XtceTmExtractor extractor;

    /**
     * @param containerName  a container of the NAJM space system, e.g. "SCI_DETECTION"
     * @param parameterNames the parameters to extract, of that container or of its base containers
     * @throws IllegalArgumentException if the MDB lacks one of them or ties the container to no single APID
     */
    public PacketExtractor(Mdb mdb, String containerName, List<String> parameterNames) {
        container = mdb.getSequenceContainer(SPACE_SYSTEM + containerName);
        if (container == null) {
            throw new IllegalArgumentException("The MDB has no container " + SPACE_SYSTEM + containerName);
        }
        List<Comparison> restrictions = restrictions(container);
        apid = restrictions.stream()
                .filter(c -> c.getComparisonOperator() == OperatorType.EQUALITY && APID_PARAMETER.equals(name(c)))
                .map(c -> Integer.decode(c.getStringValue())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The MDB restricts " + containerName
                        + " to no single " + APID_PARAMETER));
        criteria = restrictions.stream().map(c -> name(c) + " " + c.getComparisonOperator() + " " + c.getStringValue())
                .collect(Collectors.joining(", "));
        fixedLength = fixedLength(container);
        extractor = new XtceTmExtractor(mdb);
        for (String name : parameterNames) {
            Parameter p = mdb.getParameter(SPACE_SYSTEM + name);
            if (p == null) {
                throw new IllegalArgumentException("The MDB has no parameter " + SPACE_SYSTEM + name);
            }
            extractor.startProviding(p);
            parameters.put(name, p);
        }
    }

    /** The container's qualified name: the archive partition ({@code pname} of the tm table) of its packets. */
    public String qualifiedName() {
        return container.getQualifiedName();
    }

    public int apid() {
        return apid;
    }

    /** The restriction criteria from the root container down, e.g. "ccsds_type == 0, ccsds_apid == 200". */
    public String criteria() {
        return criteria;
    }

    /** The length of every packet of this kind, CRC included, or -1 when it varies. */
    public int fixedLength() {
        return fixedLength;
    }

    /** One of the parameters this extractor was made for. */
    public Parameter parameter(String name) {
        Parameter p = parameters.get(name);
        if (p == null) {
            throw new IllegalStateException(name + " is not a parameter extracted from " + container.getName());
        }
        return p;
    }

    /** Whether the packet is of this kind: it has its APID (the CCSDS primary header says). */
    public boolean hasApid(byte[] packet) {
        return packet.length >= 2 && CcsdsPacket.getAPID(packet) == apid;
    }

    public Extracted extract(byte[] packet) {
        return new Extracted(extractor.processPacket(packet, 0, 0, 0));
    }

    /** The parameters of one packet. */
    public final class Extracted {
        private final ContainerProcessingResult result;

        private Extracted(ContainerProcessingResult result) {
            this.result = result;
        }

        /** Whether the packet matched the container's restriction criteria. */
        public boolean matched() {
            return result.getContainerResult().stream().anyMatch(r -> r.getContainer() == container);
        }

        /** @throws IllegalArgumentException if the parameter was not decoded (e.g. it lies beyond the packet) */
        public Value raw(String name) {
            return value(name).getRawValue();
        }

        /** @throws IllegalArgumentException if the parameter was not decoded (e.g. it lies beyond the packet) */
        public Value eng(String name) {
            return value(name).getEngValue();
        }

        /** An integer parameter's engineering value; unsigned 64-bit values must be below 2^63. */
        public long integer(String name) {
            return toLong(eng(name));
        }

        /** An integer or time parameter's raw value; unsigned 64-bit values must be below 2^63. */
        public long rawInteger(String name) {
            return toLong(raw(name));
        }

        /** The octet just after the parameter, counted from the start of the packet. */
        public int end(String name) {
            ContainerParameterValue v = (ContainerParameterValue) value(name);
            return (v.getAbsoluteBitOffset() + v.getBitSize() + 7) / 8;
        }

        private ParameterValue value(String name) {
            ParameterValue v = result.getParameterResult().getLastInserted(parameter(name));
            if (v == null || v.getRawValue() == null || v.getEngValue() == null) {
                throw new IllegalArgumentException(name + " not decoded from the packet");
            }
            return v;
        }
    }

    /** Yamcs 5.13.2's UInt64Value.toLong() refuses exactly the values it can convert: read those directly. */
    private static long toLong(Value v) {
        if (v.getType() == Type.UINT64) {
            if (v.getUint64Value() < 0) {
                throw new IllegalArgumentException("value " + Long.toUnsignedString(v.getUint64Value())
                        + " beyond 2^63");
            }
            return v.getUint64Value();
        }
        return v.toLong();
    }

    /** The comparisons of a container's restriction criteria and its bases', from the root down. */
    private static List<Comparison> restrictions(SequenceContainer c) {
        List<Comparison> out = new ArrayList<>();
        for (SequenceContainer s = c; s != null; s = s.getBaseContainer()) {
            MatchCriteria mc = s.getRestrictionCriteria();
            if (mc instanceof Comparison comparison) {
                out.add(0, comparison);
            } else if (mc instanceof ComparisonList list) {
                out.addAll(0, list.getComparisonList());
            }
        }
        return out;
    }

    private static String name(Comparison c) {
        return c.getRef() instanceof ParameterInstanceRef ref ? ref.getParameter().getName() : c.getRef().getName();
    }

    /** Octets up to the end of the last entry plus the CRC, if every entry has a fixed place and size; else -1. */
    private static int fixedLength(SequenceContainer c) {
        int endBits = 0;
        for (SequenceContainer s = c; s != null; s = s.getBaseContainer()) {
            for (SequenceEntry se : s.getEntryList()) {
                if (!(se instanceof ParameterEntry pe)
                        || se.getReferenceLocation() != ReferenceLocationType.CONTAINER_START
                        || se.getRepeatEntry() != null || se.getIncludeCondition() != null
                        || !(pe.getParameter().getParameterType() instanceof BaseDataType type)
                        || type.getEncoding() == null || type.getEncoding().getSizeInBits() <= 0) {
                    return -1;
                }
                endBits = Math.max(endBits, se.getLocationInContainerInBits() + type.getEncoding().getSizeInBits());
            }
        }
        return (endBits + 7) / 8 + CRC_OCTETS;
    }
}
