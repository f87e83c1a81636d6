package org.najm.automation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.najm.automation.CommandWatch.Completion;
import org.najm.constellation.Partner;
import org.yamcs.cmdhistory.Attribute;
import org.yamcs.commanding.ArgumentValue;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.protobuf.Commanding.CommandId;
import org.yamcs.utils.ValueUtility;
import org.yamcs.xtce.Argument;
import org.yamcs.xtce.MetaCommand;

class CommandWatchTest {

    private static final Partner ALPHA = new Partner("alpha", "Alpha", List.of("alpha-op"), List.of("alpha-lead"),
            "alpha-automation", "site-alpha");
    private static final Instant AOS = Instant.parse("2026-11-20T03:34:30Z");

    private Instant now = AOS.minusSeconds(60);
    private final CommandWatch watch = new CommandWatch(ALPHA, () -> now);
    private int seq;

    private PreparedCommand command(String user, String name, String store) {
        PreparedCommand pc = new PreparedCommand(CommandId.newBuilder().setCommandName("/NAJM/" + name)
                .setOrigin("test").setSequenceNumber(++seq).setGenerationTime(seq).build());
        MetaCommand mc = new MetaCommand(name);
        mc.setQualifiedName("/NAJM/" + name);
        pc.setMetaCommand(mc);
        pc.setUsername(user);
        if (store != null) {
            Argument a = new Argument("store");
            pc.setArgAssignment(Map.of(a, new ArgumentValue(a, ValueUtility.getStringValue(store))), Set.of("store"));
        }
        watch.addedCommand(pc);
        return pc;
    }

    private void complete(PreparedCommand pc, String status, String message) {
        watch.updatedCommand(pc.getCommandId(), 0, List.of(new Attribute("CommandComplete_Status",
                ValueUtility.getStringValue(status))));
        if (message != null) {
            watch.updatedCommand(pc.getCommandId(), 0, List.of(new Attribute("CommandComplete_Message",
                    ValueUtility.getStringValue(message))));
        }
    }

    @Test
    void onlyThePartnersPeopleSinceAosCountAsCommanding() {
        command("alpha-op", "NOOP", null); // before AOS
        now = AOS.plusSeconds(5);
        command("alpha-automation", "DUMP_STORE", "SCIENCE");
        command("bravo-op", "NOOP", null); // refused by the authority: it commands nothing
        command("observer", "SET_MODE", null);
        assertEquals(Optional.empty(), watch.operatorCommandSince(AOS));
        now = AOS.plusSeconds(9);
        command("alpha-lead", "SET_MODE", null);
        var c = watch.operatorCommandSince(AOS).orElseThrow();
        assertEquals("alpha-lead", c.user());
        assertEquals("/NAJM/SET_MODE", c.command());
        assertEquals(AOS.plusSeconds(9), c.at());
    }

    @Test
    void aPersonsDumpBlocksFreeingThatStoreUntilItCompletes() {
        PreparedCommand mine = command("alpha-automation", "DUMP_STORE", "HK");
        assertEquals(Optional.empty(), watch.personDumping(Store.HK), "its own dumps do not count");
        PreparedCommand theirs = command("alpha-op", "DUMP_STORE", "HK");
        assertEquals(Optional.of("alpha-op"), watch.personDumping(Store.HK));
        assertEquals(Optional.empty(), watch.personDumping(Store.SCIENCE));
        complete(theirs, "OK", null);
        assertEquals(Optional.empty(), watch.personDumping(Store.HK));
        complete(mine, "OK", null);
    }

    @Test
    void itsOwnCommandsCompleteWithTheirOutcomeAndAFailureWithItsReason() {
        PreparedCommand ok = command("alpha-automation", "DELETE_STORE", "HK");
        var okFuture = watch.expect(ok.getCommandId());
        complete(ok, "OK", null);
        assertEquals(new Completion("OK", ""), okFuture.getNow(null));

        PreparedCommand nok = command("alpha-automation", "DUMP_STORE", "SCIENCE");
        var nokFuture = watch.expect(nok.getCommandId());
        watch.updatedCommand(nok.getCommandId(), 0, List.of(new Attribute("CommandComplete_Status",
                ValueUtility.getStringValue("NOK"))));
        assertFalse(nokFuture.isDone(), "the reason follows the status");
        assertEquals(Optional.of(new Completion("NOK", "")), watch.partial(nok.getCommandId()));
        watch.updatedCommand(nok.getCommandId(), 0, List.of(new Attribute("CommandComplete_Message",
                ValueUtility.getStringValue("TC_ACK stage 3: FAILED"))));
        assertTrue(nokFuture.isDone());
        assertEquals("TC_ACK stage 3: FAILED", nokFuture.getNow(null).message());
    }
}
