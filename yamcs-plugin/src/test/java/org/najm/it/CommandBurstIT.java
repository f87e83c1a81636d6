package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * Hundreds of NOOPs in a row during the contact (simulation rate 2, as in the field report): every
 * one reaches CommandComplete OK, each of its three stages verified by its own TC_ACK.
 *
 * <p>The spacecraft answers each TC frame with one TM frame that carries both the CLCW acknowledging
 * it and the command's three TC_ACKs, so for every command the Sent acknowledgement (COP-1's thread,
 * driven by the CLCW) and the TC_ACKs (the TM link's thread) reach the command's verifiers at the
 * same moment. A verifier that loses an ack in that interleaving leaves the command PENDING for the
 * whole Complete window (10 min): this test waits far less than that. Before the fix of
 * TcAckStageVerifier, one run of this test lost 3 acks of 900 (Accepted or Started).
 */
class CommandBurstIT extends InContactTest {

    static final int COMMANDS = 300;
    /** The simulator's FARM-1 and the COP-1 window keep up with this many commands in flight. */
    static final int IN_FLIGHT = 5;
    /** Much less than the Complete window: a lost ack fails the test instead of timing out late. */
    static final Duration COMPLETION = Duration.ofSeconds(60);
    /** Wall-clock time the burst may take at most (measured: well under a minute). */
    static final Duration BURST_WALL = Duration.ofSeconds(90);
    static final List<String> STATUS_KEYS = List.of("Verifier_Accepted_Status", "Verifier_Started_Status",
            "Verifier_Complete_Status", "CommandComplete_Status");

    @Test
    void everyCommandOfABurstCompletes() {
        // The burst must fit in the test contact, or commands fail for want of a station.
        Instant now = sys.clock.now();
        Instant burstEnd = now.plus(Duration.ofSeconds(Math.round(BURST_WALL.toSeconds() * sys.clock.rate())));
        assertTrue(burstEnd.isBefore(sys.pass.los()),
                "the test contact ends at " + sys.pass.los() + ", too soon after " + now + " for the burst");

        YamcsRest operator = sys.as(sys.operatorOf(sys.instance()));
        List<String> ids = new ArrayList<>();
        Map<String, Map<String, String>> pending = new LinkedHashMap<>();
        long start = System.nanoTime();
        while (ids.size() < COMMANDS) {
            if (pending.size() >= IN_FLIGHT) {
                awaitFewerThan(pending, IN_FLIGHT);
            }
            String id = Commands.issueOk(operator, sys.instance(), "NOOP", "{}");
            ids.add(id);
            pending.put(id, Map.of());
        }
        awaitFewerThan(pending, 1);
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();

        // A lost ack of an earlier stage does not hold up CommandComplete: its verifier ends CANCELLED.
        List<String> notOk = new ArrayList<>();
        for (String id : ids) {
            Map<String, String> h = Commands.history(sys, sys.instance(), id);
            for (String key : STATUS_KEYS) {
                if (!"OK".equals(h.get(key))) {
                    notOk.add(key + "=" + h.get(key) + " in " + h);
                    break;
                }
            }
        }
        assertEquals(List.of(), notOk, COMMANDS + " NOOPs in " + seconds + " s");
    }

    /** Waits until fewer than {@code n} of the pending commands lack a CommandComplete; drops the complete ones. */
    private static void awaitFewerThan(Map<String, Map<String, String>> pending, int n) {
        Poll.until(COMPLETION, "fewer than " + n + " commands without CommandComplete", () -> {
            for (var it = pending.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                Map<String, String> h = Commands.history(sys, sys.instance(), e.getKey());
                if (h.containsKey("CommandComplete_Status")) {
                    it.remove();
                } else {
                    e.setValue(h);
                }
            }
            return pending.size() < n ? Optional.of(true) : Optional.empty();
        }, () -> "still pending: " + pending);
    }
}
