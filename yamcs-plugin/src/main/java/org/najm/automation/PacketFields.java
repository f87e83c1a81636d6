package org.najm.automation;

import org.yamcs.mdb.ContainerProcessingResult;
import org.yamcs.mdb.Mdb;
import org.yamcs.mdb.XtceTmExtractor;
import org.yamcs.parameter.ParameterValue;
import org.yamcs.xtce.Parameter;
import org.yamcs.xtce.SequenceContainer;

/**
 * The few packet fields the automation reads, decoded as the MDB describes them (Yamcs' XtceTmExtractor),
 * so that the ICD's layout stays in mdb/najm.xml: which packet it is, BUS_HK's mode and store fills, and
 * SCI_DETECTION's tracklet fields. The CCSDS header (APID, sequence count) is the standard's.
 */
final class PacketFields {

    /** One packet's fields; absent numbers are -1, an absent mode null. */
    record Fields(String container, String mode, long scienceFill, long hkFill, long trackletId, int detIndex,
            int detCount) {
    }

    private static final String SPACE_SYSTEM = "/NAJM/";

    private final XtceTmExtractor extractor;
    private final Parameter mode;
    private final Parameter scienceFill;
    private final Parameter hkFill;
    private final Parameter trackletId;
    private final Parameter detIndex;
    private final Parameter detCount;

    /** @throws IllegalArgumentException when the MDB lacks one of the parameters */
    PacketFields(Mdb mdb) {
        extractor = new XtceTmExtractor(mdb);
        mode = provide(mdb, "mode");
        scienceFill = provide(mdb, "science_store_fill");
        hkFill = provide(mdb, "hk_store_fill");
        trackletId = provide(mdb, "tracklet_id");
        detIndex = provide(mdb, "det_index");
        detCount = provide(mdb, "det_count");
        // The packet kinds are the containers recorded as archive partitions (BUS_HK, SCI_DETECTION, ...).
        for (SequenceContainer c : mdb.getSequenceContainers()) {
            if (c.useAsArchivePartition()) {
                extractor.startProviding(c);
            }
        }
    }

    private Parameter provide(Mdb mdb, String name) {
        Parameter p = mdb.getParameter(SPACE_SYSTEM + name);
        if (p == null) {
            throw new IllegalArgumentException("The MDB has no parameter " + SPACE_SYSTEM + name);
        }
        extractor.startProviding(p);
        return p;
    }

    Fields extract(byte[] packet) {
        ContainerProcessingResult r = extractor.processPacket(packet, 0, 0, 0);
        String container = "";
        for (var c : r.getContainerResult()) {
            if (c.getContainer().useAsArchivePartition()) {
                container = c.getContainer().getName();
            }
        }
        var values = r.getParameterResult();
        ParameterValue m = values.getLastInserted(mode);
        return new Fields(container, m == null || m.getEngValue() == null ? null : m.getEngValue().getStringValue(),
                number(values.getLastInserted(scienceFill)), number(values.getLastInserted(hkFill)),
                number(values.getLastInserted(trackletId)), (int) number(values.getLastInserted(detIndex)),
                (int) number(values.getLastInserted(detCount)));
    }

    private static long number(ParameterValue v) {
        return v == null || v.getEngValue() == null ? -1 : v.getEngValue().toLong();
    }
}
