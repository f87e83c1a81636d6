package org.najm.telemetry;

import java.util.List;
import java.util.Map;

import org.yamcs.YConfiguration;
import org.yamcs.mdb.Mdb;
import org.yamcs.mdb.MdbFactory;
import org.yamcs.utils.TimeEncoding;

/** The repository's MDB, mdb/najm.xml (tests run from the repository root), loaded once for unit tests. */
public final class TestMdb {

    private static Mdb mdb;

    private TestMdb() {
    }

    public static synchronized Mdb get() {
        if (mdb == null) {
            TimeEncoding.setUp(); // the extractor converts absolute times with Yamcs' leap-second table
            var loader = YConfiguration.wrap(Map.of("type", "xtce", "spec", "mdb/najm.xml"));
            mdb = MdbFactory.createInstance(List.of(loader), false, false);
        }
        return mdb;
    }
}
