package org.najm.commanding;

import static org.yamcs.utils.TimeEncoding.fromJavaInstant;
import static org.yamcs.utils.TimeEncoding.toProtobufTimestamp;

import java.util.Optional;
import java.util.function.BiFunction;

import org.najm.api.AbstractCommandAuthorityApi;
import org.najm.api.HeldCommandInfo;
import org.najm.api.HeldCommandRequest;
import org.najm.api.ListHeldCommandsRequest;
import org.najm.api.ListHeldCommandsResponse;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.security.CommandAuthority.Issuer;
import org.yamcs.YamcsServer;
import org.yamcs.api.Observer;
import org.yamcs.http.BadRequestException;
import org.yamcs.http.Context;
import org.yamcs.http.ForbiddenException;
import org.yamcs.http.NotFoundException;
import org.yamcs.security.SystemPrivilege;


/** The HTTP API of held critical commands (security.proto): list, confirm, cancel. */
public final class HeldCommandApi extends AbstractCommandAuthorityApi<Context> {

    @Override
    public void listHeldCommands(Context ctx, ListHeldCommandsRequest request,
            Observer<ListHeldCommandsResponse> observer) {
        ctx.checkSystemPrivilege(SystemPrivilege.ReadCommandHistory);
        HeldCommandRelay relay = relay();
        if (relay != null) {
            observer.complete(relay.list());
            return;
        }
        var response = ListHeldCommandsResponse.newBuilder();
        service().held().forEach(h -> response.addCommands(info(h)));
        observer.complete(response.build());
    }

    @Override
    public void confirmCommand(Context ctx, HeldCommandRequest request, Observer<HeldCommandInfo> observer) {
        if (relayed(ctx, request, "confirm", observer)) {
            return;
        }
        var service = service();
        observer.complete(act(service, ctx, request, service::confirm, service.authority()::whyNotConfirm));
    }

    @Override
    public void cancelCommand(Context ctx, HeldCommandRequest request, Observer<HeldCommandInfo> observer) {
        if (relayed(ctx, request, "cancel", observer)) {
            return;
        }
        var service = service();
        observer.complete(act(service, ctx, request, service::cancel, service.authority()::whyNotCancel));
    }

    /** The rule that says who may act on a held command: (user, issuer, spacecraft) -> why not. */
    private interface Rule {
        Optional<String> whyNot(String user, String issuer, Spacecraft sc);
    }

    /** Checks {@code rule} for the caller, then takes the command (once only) and acts on it. */
    private static HeldCommandInfo act(CommandAuthorityService service, Context ctx, HeldCommandRequest request,
            BiFunction<HeldCommand, String, String> action, Rule rule) {
        String user = ctx.user.getName();
        String actor = user;
        if (request.hasOnBehalfOf()) {
            // a partner site relays its lead's confirmation: believed for a person of the site's partner only
            String site = user;
            user = request.getOnBehalfOf();
            service.authority().whyNotSpeakFor(site, user).ifPresent(why -> {
                throw new ForbiddenException(why);
            });
            actor = new Issuer(user, site).describe();
        }
        HeldCommand h = find(service, request);
        rule.whyNot(user, h.issuer(), h.spacecraft()).ifPresent(why -> {
            throw new ForbiddenException(why);
        });
        HeldCommand taken = service.take(h.id()).orElseThrow(() -> gone(request.getId()));
        String failed = action.apply(taken, actor);
        if (failed != null) {
            throw new ForbiddenException(failed + "; command " + taken.id() + " failed, unreleased");
        }
        return info(taken);
    }

    /**
     * On a partner site (no command authority here, a {@link HeldCommandRelay} instead): the caller's action goes
     * to the MOC on their behalf; a person here never names someone else.
     */
    private static boolean relayed(Context ctx, HeldCommandRequest request, String action,
            Observer<HeldCommandInfo> observer) {
        HeldCommandRelay relay = relay();
        if (relay == null) {
            return false;
        }
        if (request.hasOnBehalfOf()) {
            throw new BadRequestException("onBehalfOf is for a site's account at the MOC; here you act as yourself");
        }
        if (!request.hasId() || request.getId().isBlank()) {
            throw new BadRequestException("id (the command id) is required");
        }
        observer.complete(relay.act(action, request.getId(), ctx.user.getName()));
        return true;
    }

    /** The relay to the MOC, on a server that runs one and no command authority of its own. */
    private static HeldCommandRelay relay() {
        var server = YamcsServer.getServer();
        if (server.getGlobalService(CommandAuthorityService.class) != null) {
            return null;
        }
        HeldCommandRelay relay = server.getGlobalService(HeldCommandRelay.class);
        return relay != null && relay.isRunning() ? relay : null;
    }

    private static CommandAuthorityService service() {
        return NajmContext.running(CommandAuthorityService.class);
    }

    private static HeldCommand find(CommandAuthorityService service, HeldCommandRequest request) {
        if (!request.hasId() || request.getId().isBlank()) {
            throw new BadRequestException("id (the command id) is required");
        }
        return service.find(request.getId()).orElseThrow(() -> gone(request.getId()));
    }

    private static NotFoundException gone(String id) {
        return new NotFoundException("No held command '" + id
                + "': it was never held, or it was already confirmed, cancelled or expired");
    }

    private static HeldCommandInfo info(HeldCommand h) {
        return HeldCommandInfo.newBuilder().setId(h.id()).setInstance(h.spacecraft().instance())
                .setSpacecraft(h.spacecraft().name()).setPartner(h.spacecraft().partner())
                .setCommand(h.description()).setIssuer(h.issuer())
                .setIssued(toProtobufTimestamp(fromJavaInstant(h.issued())))
                .setDeadline(toProtobufTimestamp(fromJavaInstant(h.deadline())))
                .build();
    }
}
