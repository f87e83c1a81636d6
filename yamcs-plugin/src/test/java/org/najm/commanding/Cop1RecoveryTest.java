package org.najm.commanding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yamcs.events.MockupEventProducer;
import org.yamcs.tctm.ccsds.Cop1Monitor.AlertType;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.yarch.protobuf.Db.Event;

class Cop1RecoveryTest {

    private final List<String> directives = new ArrayList<>();
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    private boolean inContact;

    @BeforeAll
    static void timeEncoding() {
        TimeEncoding.setUp(); // the event producer stamps events
    }

    private Cop1Recovery recovery() {
        var fop = new Cop1Recovery.Fop() {
            @Override
            public void initiateAdWithClcwCheck(long waitMillis) {
                directives.add("AD with CLCW check " + waitMillis);
            }

            @Override
            public void initiateAdWithUnlock() {
                directives.add("AD with Unlock");
            }
        };
        var producer = new MockupEventProducer(events);
        producer.setSource("TC.vc0");
        return new Cop1Recovery(fop, () -> inContact, 86_400_000L, producer);
    }

    /** A station lost mid-contact with a frame unacknowledged: FOP-1 suspends instead of alerting. */
    @Test
    void aSuspensionAtTheTransmissionLimitIsReinitialisedNotLeftForAnOperator() {
        recovery().suspended(1);
        assertEquals(List.of("AD with CLCW check 86400000"), directives);
        assertEquals(1, events.size());
        assertEquals("COP1_RECOVERY", events.peek().getType());
        assertTrue(events.peek().getMessage().contains("suspended"), events.peek().getMessage());
    }

    @Test
    void alertsAreReinitialisedAndAnOperatorsTerminateIsRespected() {
        var r = recovery();
        r.alert(AlertType.T1);
        r.alert(AlertType.TERM);
        r.alert(AlertType.LOCKOUT);
        inContact = true;
        r.alert(AlertType.LOCKOUT);
        assertEquals(List.of("AD with CLCW check 86400000", "AD with CLCW check 86400000", "AD with Unlock"),
                directives);
    }
}
