package org.najm.security;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.najm.audit.AuditRecord;
import org.najm.audit.AuditRecord.Kind;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail;
import org.najm.constellation.Constellation;
import org.najm.constellation.Partner;
import org.najm.constellation.Spacecraft;
import org.najm.http.GuardedApi;
import org.najm.http.GuardedApi.Call;
import org.yamcs.YamcsServer;
import org.yamcs.http.BadRequestException;
import org.yamcs.http.ForbiddenException;
import org.yamcs.http.HttpServer;
import org.yamcs.http.NotFoundException;
import org.yamcs.logging.Log;
import org.yamcs.protobuf.DisableRequest;
import org.yamcs.protobuf.InitializationType;
import org.yamcs.protobuf.InitializeRequest;
import org.yamcs.protobuf.ResumeRequest;
import org.yamcs.protobuf.UpdateConfigRequest;
import org.yamcs.tctm.ccsds.Cop1UplinkPacketHandler;

import com.google.protobuf.Empty;
import com.google.protobuf.Message;

/**
 * COP-1 directives ({@code /api/cop1/{instance}/{link}:initialize, :resume, :disable} and
 * {@code PATCH .../config}) act on a spacecraft's uplink like commands, so the spacecraft's partner
 * alone issues them, each audited (kind {@code COP1}) like a command. Yamcs' own check (the system
 * privilege ControlLinks, the administrator's) knows no partner; NAJM carries the directive out
 * itself once it has decided.
 * <ul>
 * <li>an operator or lead of the partner: {@code resume}, and {@code initialize} with or without
 * CLCW check. They restart the ground's FOP-1 and radiate nothing but the commands already
 * released; the operator running a contact must be able to un-stall it at once.</li>
 * <li>a lead of the partner only: {@code initialize} with {@code UNLOCK} or {@code SET_VR} (a BC
 * frame that changes the spacecraft's FARM-1), {@code disable} (frames go out as BD, bypassing the
 * spacecraft's sequence check) and a configuration change (window, timer, transmission limit).</li>
 * <li>anyone else, the administrator and the observer included: refused.</li>
 * </ul>
 * Reading the status and configuration stays with Yamcs (ReadLinks).
 */
public final class Cop1Guard {

    private static final Log log = new Log(Cop1Guard.class);

    private final Constellation constellation;

    Cop1Guard(Constellation constellation) {
        this.constellation = constellation;
    }

    public static void install(HttpServer http, Constellation constellation) {
        var guard = new Cop1Guard(constellation);
        GuardedApi.install(http, "yamcs.protobuf.cop1.Cop1Api")
                .guard("Initialize", guard::initialize)
                .guard("Resume", guard::resume)
                .guard("Disable", guard::disable)
                .guard("UpdateConfig", guard::updateConfig);
    }

    private void initialize(Call call) {
        var r = (InitializeRequest) call.request();
        if (!r.hasType()) {
            throw new BadRequestException("No initialization type specified");
        }
        boolean bcFrame = switch (r.getType()) {
        case UNLOCK, SET_VR -> true;
        default -> false;
        };
        if (r.getType() == InitializationType.SET_VR && !r.hasVR()) {
            throw new BadRequestException("No vR specified for the SET_VR initialization request");
        }
        String what = "COP-1 initialize " + r.getType() + (r.hasVR() ? " V(R)=" + r.getVR() : "") + " on "
                + r.getLink();
        var fop = decide(call, r.getInstance(), r.getLink(), what, bcFrame);
        CompletableFuture<Void> cf = switch (r.getType()) {
        case SET_VR -> fop.initiateADWithVR(r.getVR());
        case UNLOCK -> fop.initiateADWithUnlock();
        case WITH_CLCW_CHECK -> r.hasClcwCheckInitializeTimeout()
                ? fop.initiateAD(true, r.getClcwCheckInitializeTimeout())
                : fop.initiateAD(true);
        case WITHOUT_CLCW_CHECK -> fop.initiateAD(false);
        };
        complete(call, cf, Empty.getDefaultInstance());
    }

    private void resume(Call call) {
        var r = (ResumeRequest) call.request();
        var fop = decide(call, r.getInstance(), r.getLink(), "COP-1 resume on " + r.getLink(), false);
        complete(call, fop.resume(), Empty.getDefaultInstance());
    }

    private void disable(Call call) {
        var r = (DisableRequest) call.request();
        boolean bypassAll = r.hasSetBypassAll() ? r.getSetBypassAll() : true;
        var fop = decide(call, r.getInstance(), r.getLink(), "COP-1 disable (bypass all: " + bypassAll + ") on "
                + r.getLink(), true);
        fop.disableCop1(bypassAll);
        call.observer().complete(Empty.getDefaultInstance());
    }

    private void updateConfig(Call call) {
        var r = (UpdateConfigRequest) call.request();
        var fop = decide(call, r.getInstance(), r.getLink(), "COP-1 configuration " + r.getCop1Config().toString()
                .replace('\n', ' ').strip() + " on " + r.getLink(), true);
        fop.setConfig(r.getCop1Config()).whenComplete((v, err) -> {
            if (err != null) {
                call.observer().completeExceptionally(err);
            } else {
                fop.getCop1Config().whenComplete((config, err2) -> {
                    if (err2 == null) {
                        call.observer().complete(config);
                    } else {
                        call.observer().completeExceptionally(err2);
                    }
                });
            }
        });
    }

    /**
     * Applies the partner rule to {@code what}, audits the outcome and returns the link's FOP-1.
     *
     * @param leadsOnly whether the directive needs a lead of the partner
     * @throws ForbiddenException with the reason, audited, when refused (or when it cannot be audited)
     */
    private Cop1UplinkPacketHandler<?> decide(Call call, String instance, String link, String what,
            boolean leadsOnly) {
        String user = call.ctx().user.getName();
        Spacecraft sc = constellation.spacecraftByInstance(instance)
                .orElseThrow(() -> new NotFoundException("No spacecraft instance '" + instance + "'"));
        Partner owner = constellation.partner(sc.partner()).orElseThrow();
        String why = null;
        if (!owner.commands(user) || owner.isAutomation(user)) {
            why = constellation.partnerOf(user).map(p -> user + " operates for " + p.id() + "; ")
                    .orElse(user + " is not an operator of any partner; ") + sc.name() + " belongs to " + owner.id()
                    + ": only " + owner.id() + (leadsOnly ? "'s leads issue this COP-1 directive"
                            : "'s operators and leads issue COP-1 directives") + " to " + sc.name();
        } else if (leadsOnly && !owner.confirms(user)) {
            why = user + " is not a lead of " + owner.id() + ": only its leads (" + String.join(", ", owner.leads())
                    + ") issue this COP-1 directive to " + sc.name();
        }
        if (why != null) {
            audit(user, sc, what, Outcome.REFUSED, why, true);
            throw new ForbiddenException(why);
        }
        Cop1UplinkPacketHandler<?> fop = fop(instance, link);
        audit(user, sc, what, Outcome.RELEASED, user + " operates for " + owner.id() + ", owner of " + sc.name(),
                false);
        return fop;
    }

    private static Cop1UplinkPacketHandler<?> fop(String instance, String linkName) {
        var ysi = YamcsServer.getServer().getInstance(instance);
        var link = ysi == null || ysi.getLinkManager() == null ? null : ysi.getLinkManager().getLink(linkName);
        if (link == null) {
            throw new BadRequestException("There is no link named '" + linkName + "' in instance " + instance);
        }
        if (link instanceof Cop1UplinkPacketHandler<?> fop) {
            return fop;
        }
        throw new BadRequestException("Link '" + linkName + "' of instance '" + instance + "' does not support COP-1");
    }

    /** Audits a directive; one that cannot be audited is not carried out. */
    private static void audit(String user, Spacecraft sc, String what, Outcome outcome, String reason,
            boolean refusedAnyway) {
        try {
            AuditTrail.global().record(new AuditRecord(Instant.now(), Kind.COP1, user, sc.name(), what, "", outcome,
                    reason));
        } catch (RuntimeException e) {
            log.error("Could not audit {} by {} ({}): {}", what, user, outcome, e.getMessage());
            if (!refusedAnyway) {
                throw new ForbiddenException("Refused: " + e.getMessage());
            }
        }
    }

    private static <T extends Message> void complete(Call call, CompletableFuture<?> cf, T done) {
        cf.whenComplete((v, error) -> {
            if (error == null) {
                call.observer().complete(done);
            } else {
                call.observer().completeExceptionally(error);
            }
        });
    }
}
