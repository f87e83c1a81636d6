package org.najm.security;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.najm.audit.AuditApi;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.gateway.StationGateway;
import org.najm.http.NajmHttp;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
import org.yamcs.YamcsServer;
import org.yamcs.xtce.Significance.Levels;

/**
 * Partner command authority, a global service: the {@link CommandAuthority} that every
 * spacecraft's {@link CommandAuthorityLink} applies, and the critical commands they hold until a
 * second operator confirms them (wall clock: a human's time to react does not scale with the
 * simulation rate). Also serves the held-command and audit APIs.
 */
public class CommandAuthorityService extends AbstractYamcsService {

    private Levels confirmFrom;
    private Duration confirmationTimeout;
    private volatile CommandAuthority authority;
    private final Map<String, HeldCommand> held = new ConcurrentHashMap<>();
    /** Ids of confirmed commands on their way back through the TC stream. */
    private final Set<String> confirmed = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "najm-held-commands");
        t.setDaemon(true);
        return t;
    });

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
        NajmHttp.addApi(new CommandAuthorityApi());
        NajmHttp.addApi(new AuditApi());
    }

    @Override
    protected void doStart() {
        // Yamcs creates its security store after initialising global services, so not in init.
        var security = YamcsServer.getServer().getSecurityStore();
        NajmPrivileges.register(security);
        authority = new CommandAuthority(StationGateway.get().constellation(), confirmFrom, confirmationTimeout,
                security.getSystemUser().getName());
        notifyStarted();
    }

    /** Held commands cannot outlive the MOC: they fail, audited, rather than vanish. */
    @Override
    protected void doStop() {
        expiry.shutdownNow();
        for (String id : List.copyOf(held.keySet())) {
            take(id).ifPresent(h -> h.link().drop(h, Outcome.EXPIRED, "the MOC stopped before confirmation"));
        }
        notifyStopped();
    }

    public CommandAuthority authority() {
        return authority;
    }

    void hold(HeldCommand h) {
        held.put(h.id(), h);
        long delay = Math.max(0, h.deadline().toEpochMilli() - System.currentTimeMillis());
        expiry.schedule(() -> take(h.id()).ifPresent(x -> x.link().drop(x, Outcome.EXPIRED,
                "not confirmed within " + authority.confirmationTimeout().toSeconds() + " s")), delay,
                TimeUnit.MILLISECONDS);
    }

    void expectConfirmed(String id) {
        confirmed.add(id);
    }

    /** Whether {@code id} is a confirmed command coming back; true once only. */
    boolean takeConfirmed(String id) {
        return confirmed.remove(id);
    }

    /** Releases a held command that {@code lead} confirmed. */
    void confirm(HeldCommand h, String lead) {
        h.link().release(h, lead, this);
    }

    /** Drops a held command that {@code user} cancelled. */
    void cancel(HeldCommand h, String user) {
        h.link().drop(h, Outcome.CANCELLED, "cancelled by " + user);
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

    /** The running service, or null. */
    public static CommandAuthorityService running() {
        var s = YamcsServer.getServer().getGlobalService(CommandAuthorityService.class);
        return s != null && s.isRunning() ? s : null;
    }
}
