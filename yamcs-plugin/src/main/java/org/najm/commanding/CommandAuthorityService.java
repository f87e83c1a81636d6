package org.najm.commanding;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.najm.audit.AuditRecord.Outcome;
import org.najm.context.NajmContext;
import org.najm.security.CommandAuthority;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.xtce.Significance.Levels;

import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Partner command authority, a global service: the {@link CommandAuthority} that every
 * spacecraft's {@link CommandAuthorityLink} applies, and the critical commands that their
 * {@link ConfirmationQueue}s hold until a second operator confirms them (wall clock: a human's
 * time to react does not scale with the simulation rate).
 */
public class CommandAuthorityService extends AbstractYamcsService {

    private Levels confirmFrom;
    private Duration confirmationTimeout;
    private volatile CommandAuthority authority;
    private final Map<String, HeldCommand> held = new ConcurrentHashMap<>();
    /** Confirmed commands on their way from the queue through the TC stream: id -> who confirmed. */
    private final Map<String, String> confirmed = new ConcurrentHashMap<>();
    /** Commands Yamcs' command queues took in this run and the TC stream has not delivered yet. */
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    /** The last {@value #DECIDED_MEMORY} command ids the authority links decided: a second arrival is a replay. */
    private final Set<String> decided = Collections.newSetFromMap(new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > DECIDED_MEMORY;
        }
    });
    static final int DECIDED_MEMORY = 1_000_000;
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("najm-held-commands", true));

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("confirmFrom", OptionType.STRING).withDefault("critical")
                .withChoices("watch", "warning", "distress", "critical", "severe")
                .withDescription("Commands of this significance or above need a second operator's confirmation");
        spec.addOption("confirmationTimeoutSeconds", OptionType.INTEGER).withDefault(120)
                .withDescription("A held command expires unreleased after this many seconds (wall clock)");
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        int timeout = config.getInt("confirmationTimeoutSeconds");
        if (timeout <= 0) {
            throw new InitException("confirmationTimeoutSeconds must be positive, not " + timeout);
        }
        confirmFrom = Levels.valueOf(config.getString("confirmFrom").toUpperCase());
        confirmationTimeout = Duration.ofSeconds(timeout);
    }

    @Override
    protected void doStart() {
        // Yamcs creates its security store after initialising global services, so not in init.
        var security = YamcsServer.getServer().getSecurityStore();
        authority = new CommandAuthority(NajmContext.constellation(), confirmFrom, confirmationTimeout,
                security.getSystemUser().getName());
        notifyStarted();
    }

    /**
     * Held commands cannot outlive the MOC: they fail, audited, rather than vanish. Their instances'
     * authority links drop them first, while command history still records ({@link #dropAll}).
     */
    @Override
    protected void doStop() {
        expiry.shutdownNow();
        for (String id : List.copyOf(held.keySet())) {
            take(id).ifPresent(h -> h.queue().drop(h, Outcome.EXPIRED, "the MOC stopped before confirmation"));
        }
        notifyStopped();
    }

    /** Fails every command that {@code queue} holds, with {@code reason}. */
    void dropAll(ConfirmationQueue queue, String reason) {
        for (HeldCommand h : List.copyOf(held.values())) {
            if (h.queue() == queue) {
                take(h.id()).ifPresent(x -> x.queue().drop(x, Outcome.EXPIRED, reason));
            }
        }
    }

    /** Yamcs' command queues took command {@code id}: the authority links may decide on it once. */
    void issued(String id) {
        issued.add(id);
    }

    /** Whether Yamcs' command queues took command {@code id}; once only. */
    boolean takeIssued(String id) {
        return issued.remove(id);
    }

    /** True the first time an authority link decides on command {@code id}, false for a replay. */
    boolean firstDecision(String id) {
        synchronized (decided) {
            return decided.add(id);
        }
    }

    public CommandAuthority authority() {
        return authority;
    }

    void hold(HeldCommand h) {
        held.put(h.id(), h);
        long delay = Math.max(0, h.deadline().toEpochMilli() - System.currentTimeMillis());
        expiry.schedule(() -> take(h.id()).ifPresent(x -> x.queue().drop(x, Outcome.EXPIRED,
                "not confirmed within " + authority.confirmationTimeout().toSeconds() + " s")), delay,
                TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the service's thread (the queue's decisions, expiry). */
    void execute(Runnable task) {
        expiry.execute(task);
    }

    void expectConfirmed(String id, String confirmer) {
        confirmed.put(id, confirmer);
    }

    /** Who confirmed {@code id}, if it is a confirmed command coming through; once only, else null. */
    String takeConfirmed(String id) {
        return confirmed.remove(id);
    }

    /** Releases a held command that {@code lead} confirmed; returns why it failed instead, or null. */
    String confirm(HeldCommand h, String lead) {
        return h.queue().release(h, lead, this);
    }

    /** Drops a held command that {@code user} cancelled. */
    String cancel(HeldCommand h, String user) {
        h.queue().drop(h, Outcome.CANCELLED, "cancelled by " + user);
        return null;
    }

    Optional<HeldCommand> find(String id) {
        return Optional.ofNullable(held.get(id));
    }

    /** Removes a held command; only one caller gets it, so it is released or dropped once. */
    Optional<HeldCommand> take(String id) {
        return Optional.ofNullable(held.remove(id));
    }

    List<HeldCommand> held() {
        return held.values().stream().sorted(Comparator.comparing(HeldCommand::issued)).toList();
    }
}
