package org.najm.time;

import org.yamcs.YConfiguration;
import org.yamcs.time.TimeService;
import org.yamcs.utils.TimeEncoding;

/**
 * Yamcs mission time that follows the NAJM simulation clock ({@link SimClocks#shared()}), so
 * that at {@code NAJM_SIM_RATE=60} the archive, alarms and timeline run with the spacecraft.
 */
public class SimClockTimeService implements TimeService {

    public SimClockTimeService(String yamcsInstance) {
    }

    public SimClockTimeService(String yamcsInstance, YConfiguration config) {
    }

    @Override
    public long getMissionTime() {
        return TimeEncoding.fromUnixMillisec(SimClocks.shared().millis());
    }

    @Override
    public double getSpeed() {
        return SimClocks.shared().rate();
    }
}
