package org.najm.automation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.najm.automation.AutomationRules.OperatorCommand;
import org.najm.constellation.Partner;
import org.najm.security.OnBehalfOf;
import org.yamcs.cmdhistory.Attribute;
import org.yamcs.cmdhistory.CommandHistoryConsumer;
import org.yamcs.cmdhistory.CommandHistoryPublisher;
import org.yamcs.commanding.PreparedCommand;
import org.yamcs.protobuf.Commanding.CommandId;

/**
 * The spacecraft's command history as the automation needs it (a subscription to its realtime processor):
 * the final outcome (CommandComplete) of the commands it sent, the commands of the partner's people, so
 * that it stands back while one of them commands, and the DUMP_STOREs of anyone else, so that it never
 * frees a store someone is dumping.
 *
 * <p>Commands the partner authority refuses (another partner's, the observer's) reach no spacecraft and do
 * not count as commanding it.
 */
final class CommandWatch implements CommandHistoryConsumer {

    /** CommandComplete of one command: OK or NOK, and its message. */
    record Completion(String status, String message) {
    }

    private static final String STATUS = CommandHistoryPublisher.CommandComplete_KEY
            + CommandHistoryPublisher.SUFFIX_STATUS;
    private static final String MESSAGE = CommandHistoryPublisher.CommandComplete_KEY
            + CommandHistoryPublisher.SUFFIX_MESSAGE;
    private static final int KEEP = 64;

    private final Partner partner;
    private final Supplier<Instant> now;
    private final Map<CommandId, CompletableFuture<Completion>> expected = new ConcurrentHashMap<>();
    private final Map<CommandId, Map<String, String>> attributes = new ConcurrentHashMap<>();
    /** DUMP_STOREs of anyone but the automation without CommandComplete yet: id -> (user, store). */
    private final Map<CommandId, String[]> dumpsRunning = new ConcurrentHashMap<>();
    private final Deque<OperatorCommand> operatorCommands = new ArrayDeque<>();

    CommandWatch(Partner partner, Supplier<Instant> now) {
        this.partner = partner;
        this.now = now;
    }

    /** Call before sending: the future completes with the command's CommandComplete. */
    CompletableFuture<Completion> expect(CommandId id) {
        return expected.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    /** The first command of one of the partner's people at or after {@code since}, if any. */
    Optional<OperatorCommand> operatorCommandSince(Instant since) {
        synchronized (operatorCommands) {
            return operatorCommands.stream().filter(c -> !c.at().isBefore(since)).findFirst();
        }
    }

    /** Who is dumping {@code store} now, if anyone but the automation is (an unknown store counts as both). */
    Optional<String> personDumping(Store store) {
        return dumpsRunning.values().stream().filter(d -> d[1].equals(store.name()) || d[1].equals("?"))
                .map(d -> d[0]).findFirst();
    }

    @Override
    public void addedCommand(PreparedCommand pc) {
        String user = pc.getUsername();
        if (user == null || partner.isAutomation(user)) {
            return;
        }
        if (partner.isSite(user)) {
            // relayed by the partner's site: the person it names (the authority refuses anyone else's)
            user = OnBehalfOf.person(pc.getComment()).orElse(user);
        }
        String name = pc.getMetaCommand() == null ? pc.getCmdName() : pc.getMetaCommand().getName();
        if ("DUMP_STORE".equals(name)) {
            // until its CommandComplete, whoever sent it (one the authority refuses completes at once)
            dumpsRunning.put(pc.getCommandId(), new String[] { user, storeArgument(pc) });
        }
        if (partner.commands(user)) {
            synchronized (operatorCommands) {
                operatorCommands.addLast(new OperatorCommand(user, describe(pc), now.get()));
                while (operatorCommands.size() > KEEP) {
                    operatorCommands.removeFirst();
                }
            }
        }
    }

    @Override
    public void updatedCommand(CommandId id, long time, List<Attribute> attrs) {
        boolean ours = expected.containsKey(id);
        if (!ours && !dumpsRunning.containsKey(id)) {
            return;
        }
        Map<String, String> a = attributes.computeIfAbsent(id, k -> new ConcurrentHashMap<>());
        for (Attribute attr : attrs) {
            if (attr.getKey().equals(STATUS) || attr.getKey().equals(MESSAGE)) {
                a.put(attr.getKey(), attr.getValue().getStringValue());
            }
        }
        String status = a.get(STATUS);
        if (status == null) {
            return;
        }
        dumpsRunning.remove(id);
        // A failure's reason follows its status: wait for it (a success may have none).
        if (ours && ("OK".equals(status) || a.containsKey(MESSAGE))) {
            expected.remove(id).complete(new Completion(status, a.getOrDefault(MESSAGE, "")));
            attributes.remove(id);
        } else if (!ours) {
            attributes.remove(id);
        }
    }

    /** What is known of a command that has not completed (its status without a message yet), if anything. */
    Optional<Completion> partial(CommandId id) {
        Map<String, String> a = attributes.get(id);
        return a == null || !a.containsKey(STATUS) ? Optional.empty()
                : Optional.of(new Completion(a.get(STATUS), a.getOrDefault(MESSAGE, "")));
    }

    /** Stops waiting for a command (the contact is over). */
    void forget(CommandId id) {
        expected.remove(id);
        attributes.remove(id);
    }

    private static String storeArgument(PreparedCommand pc) {
        var args = pc.getArgAssignment();
        if (args != null) {
            for (var e : args.entrySet()) {
                if (e.getKey().getName().equals("store") && e.getValue().getEngValue() != null) {
                    return e.getValue().getEngValue().getStringValue();
                }
            }
        }
        return "?";
    }

    /** e.g. "/NAJM/SET_MODE" (the arguments are in command history). */
    private static String describe(PreparedCommand pc) {
        return pc.getMetaCommand() == null ? pc.getCmdName() : pc.getMetaCommand().getQualifiedName();
    }
}
