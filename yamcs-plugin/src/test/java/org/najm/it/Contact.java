package org.najm.it;

import java.time.Duration;
import java.util.Optional;

/** Waits for the test pass to begin: the station tracks the subject and Yamcs hears it. */
final class Contact {

    private Contact() {
    }

    static void awaitTelemetry(NajmSystem sys) {
        long leadWallMillis = sys.clock.wallDuration(sys.lead.toMillis());
        Poll.until(Duration.ofMillis(leadWallMillis).plusSeconds(60), "frames of " + sys.subject.name()
                + " routed from " + sys.station.name(), () -> {
                    var stats = sys.gatewayStats();
                    return stats.routed() > 0 ? Optional.of(true) : Optional.empty();
                });
    }
}
