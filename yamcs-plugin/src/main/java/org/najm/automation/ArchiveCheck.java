package org.najm.automation;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

import org.najm.automation.DumpEvidence.PacketKey;
import org.najm.context.TableRows;
import org.yamcs.yarch.YarchDatabase;

/**
 * Whether the ground holds packets durably: they are rows of the instance's tm table (Yamcs'
 * XtceTmRecorder, keyed by generation time and seqNum). Nothing is confirmed, hence freed onboard, that
 * is not there.
 */
final class ArchiveCheck {

    private static final String SQL =
            "select gentime, seqNum from tm where pname = ? and gentime >= ? and gentime <= ?";

    private ArchiveCheck() {
    }

    /**
     * The keys the tm table of {@code instance} lacks, among {@code keys} of packets of {@code store}.
     *
     * @throws IllegalStateException when the archive cannot be read (in time)
     */
    static Set<PacketKey> missing(String instance, Store store, Collection<PacketKey> keys) {
        Set<PacketKey> missing = new LinkedHashSet<>(keys);
        if (missing.isEmpty()) {
            return missing;
        }
        long min = keys.stream().mapToLong(PacketKey::gentime).min().getAsLong();
        long max = keys.stream().mapToLong(PacketKey::gentime).max().getAsLong();
        var ydb = YarchDatabase.getInstance(instance);
        Set<PacketKey> held = new HashSet<>();
        for (String partition : store.partitions) {
            held.addAll(TableRows.select(ydb,
                    t -> new PacketKey((Long) t.getColumn("gentime"), (Integer) t.getColumn("seqNum")), SQL, partition,
                    min, max));
        }
        missing.removeAll(held);
        return missing;
    }
}
