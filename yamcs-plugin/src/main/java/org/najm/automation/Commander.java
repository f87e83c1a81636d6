package org.najm.automation;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.najm.automation.CommandWatch.Completion;
import org.najm.time.SimClocks;
import org.yamcs.YamcsException;
import org.yamcs.YamcsServer;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.mdb.MdbFactory;
import org.yamcs.protobuf.Commanding.CommandId;
import org.yamcs.security.User;
import org.yamcs.xtce.MetaCommand;

/**
 * Sends the automation's commands as the partner's automation identity, the way Yamcs' own command API
 * does: built by the realtime processor's CommandingManager from the MDB, then queued, released and
 * offered to the TC stream, so the partner command authority checks and audits them like anyone's.
 */
final class Commander {

    /** A command on its way; {@code completion} completes with its CommandComplete. */
    record Sent(CommandId id, String commandId, String description, Instant at,
            CompletableFuture<Completion> completion) {
    }

    /** Where command history tells the automation's commands from the others. */
    static final String ORIGIN = "najm-automation";
    private static final String PROCESSOR = "realtime";

    private final String instance;
    private final User user;
    private final CommandWatch watch;
    private final AtomicInteger seq = new AtomicInteger();

    /** @param user the automation identity, e.g. {@code new User("alpha-automation", systemUser)} */
    Commander(String instance, User user, CommandWatch watch) {
        this.instance = instance;
        this.user = user;
        this.watch = watch;
    }

    /**
     * Sends /NAJM/{name} with {@code args}.
     *
     * @throws IllegalStateException when it cannot even be built (no processor, not in the MDB, bad argument)
     */
    Sent send(String name, Map<String, Object> args) {
        var processor = YamcsServer.getServer().getProcessor(instance, PROCESSOR);
        if (processor == null || !processor.hasCommanding()) {
            throw new IllegalStateException("no " + PROCESSOR + " processor with commanding in " + instance);
        }
        MetaCommand mc = MdbFactory.getInstance(instance).getMetaCommand("/NAJM/" + name);
        if (mc == null) {
            throw new IllegalStateException("the MDB has no command /NAJM/" + name);
        }
        var manager = processor.getCommandingManager();
        PreparedCommand pc;
        try {
            pc = manager.buildCommand(mc, args, ORIGIN, seq.incrementAndGet(), user);
        } catch (YamcsException e) {
            throw new IllegalStateException("cannot build " + name + ": " + e.getMessage(), e);
        }
        CommandId id = pc.getCommandId();
        CompletableFuture<Completion> completion = watch.expect(id);
        Instant at = SimClocks.shared().now();
        manager.sendCommand(user, pc);
        return new Sent(id, id.getGenerationTime() + "-" + id.getOrigin() + "-" + id.getSequenceNumber(),
                describe(mc, args), at, completion);
    }

    /** e.g. "/NAJM/DUMP_STORE(from=0, store=SCIENCE, to=1447633100)", as the audit trail writes it. */
    static String describe(MetaCommand mc, Map<String, Object> args) {
        return mc.getQualifiedName() + "(" + new TreeMap<>(args).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}
