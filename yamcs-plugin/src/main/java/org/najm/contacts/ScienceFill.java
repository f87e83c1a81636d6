package org.najm.contacts;

import java.util.HashMap;
import java.util.Map;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.yamcs.YamcsServer;
import org.yamcs.mdb.MdbFactory;
import org.yamcs.xtce.Parameter;

/**
 * How full each spacecraft's science store is, from its latest telemetry (BUS_HK
 * science_store_fill), as a fraction of the store's size: the planner gives fuller stores more
 * contact time. A spacecraft not heard yet counts as empty.
 */
final class ScienceFill {

    private static final String PARAMETER = "/NAJM/science_store_fill";

    private final Constellation constellation;
    private final double storeOctets;

    ScienceFill(Constellation constellation, double storeOctets) {
        this.constellation = constellation;
        this.storeOctets = storeOctets;
    }

    Map<String, Double> now() {
        Map<String, Double> fill = new HashMap<>();
        for (Spacecraft sc : constellation.spacecraft()) {
            var processor = YamcsServer.getServer().getProcessor(sc.instance(), "realtime");
            if (processor == null) {
                continue;
            }
            Parameter p = MdbFactory.getInstance(sc.instance()).getParameter(PARAMETER);
            var value = p == null ? null : processor.getLastValueCache().getValue(p);
            if (value != null && value.getEngValue() != null) {
                double octets = value.getEngValue().getUint32Value() & 0xFFFFFFFFL;
                fill.put(sc.name(), Math.min(1.0, octets / storeOctets));
            }
        }
        return fill;
    }
}
