package org.najm.automation;

import java.time.Instant;

/** A contact of the plan as the automation executes it: which station hears the spacecraft, from when to when. */
record PlannedContact(String spacecraft, String station, int stationId, Instant start, Instant end) {

    AutomationState.ExpectedContact expected() {
        return new AutomationState.ExpectedContact(station, start, end);
    }

    @Override
    public String toString() {
        return spacecraft + " at " + station + " " + start + ".." + end;
    }
}
