package org.najm.automation;

import java.io.IOException;
import java.time.Instant;

import org.najm.api.AbstractAutomationApi;
import org.najm.api.ChangeAutomationRequest;
import org.najm.api.ContactRef;
import org.najm.api.ListAutomationRequest;
import org.najm.api.ListAutomationResponse;
import org.najm.api.ListContactReportsRequest;
import org.najm.api.ListContactReportsResponse;
import org.najm.api.SpacecraftAutomationInfo;
import org.najm.api.StoreLedgerInfo;
import org.najm.audit.AuditRecord;
import org.najm.audit.AuditRecord.Kind;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail;
import org.najm.automation.AutomationState.Pause;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.yamcs.api.Observer;
import org.yamcs.http.BadRequestException;
import org.yamcs.http.Context;
import org.yamcs.http.ForbiddenException;
import org.yamcs.http.InternalServerErrorException;
import org.yamcs.http.NotFoundException;
import org.yamcs.http.ServiceUnavailableException;

/**
 * The HTTP API of the contact automation (automation.proto): what it does per spacecraft, pause and resume
 * by the partner's operators and leads (audited), and the contact reports.
 */
public final class AutomationApi extends AbstractAutomationApi<Context> {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Override
    public void listAutomation(Context ctx, ListAutomationRequest request, Observer<ListAutomationResponse> observer) {
        if (NajmContext.answeredByMoc(ctx, observer, ListAutomationResponse.newBuilder())) {
            return;
        }
        var response = ListAutomationResponse.newBuilder();
        service().all().forEach(a -> response.addSpacecraft(info(a)));
        observer.complete(response.build());
    }

    @Override
    public void pauseAutomation(Context ctx, ChangeAutomationRequest request,
            Observer<SpacecraftAutomationInfo> observer) {
        observer.complete(change(ctx, request, true));
    }

    @Override
    public void resumeAutomation(Context ctx, ChangeAutomationRequest request,
            Observer<SpacecraftAutomationInfo> observer) {
        observer.complete(change(ctx, request, false));
    }

    private static SpacecraftAutomationInfo change(Context ctx, ChangeAutomationRequest request, boolean pause) {
        NajmContext.refuseOnSite("the contact automation");
        var service = service();
        String user = ctx.user.getName();
        SpacecraftAutomation a = find(service, request.getSpacecraft());
        Spacecraft sc = a.spacecraft();
        String what = (pause ? "pause" : "resume") + " automation";
        var refusal = AutomationRules.whyNotChange(service.constellation(), user, sc);
        if (refusal.isPresent()) {
            audit(user, sc, what, Outcome.REFUSED, refusal.get());
            throw new ForbiddenException(refusal.get());
        }
        try {
            if (pause) {
                if (a.pause(user)) {
                    audit(user, sc, what, Outcome.PAUSED, "paused by " + user);
                }
            } else {
                Pause lifted = a.resume();
                if (lifted != null) {
                    audit(user, sc, what, Outcome.RESUMED, "paused by " + lifted.by() + " since " + lifted.since()
                            + ", resumed by " + user);
                }
            }
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException(e.getMessage());
        } catch (IOException e) {
            throw new InternalServerErrorException("Cannot record the change: " + e.getMessage());
        }
        return info(a);
    }

    @Override
    public void listContactReports(Context ctx, ListContactReportsRequest request,
            Observer<ListContactReportsResponse> observer) {
        if (NajmContext.answeredByMoc(ctx, observer, ListContactReportsResponse.newBuilder())) {
            return;
        }
        var service = service();
        int limit = request.hasLimit() ? request.getLimit() : DEFAULT_LIMIT;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1.." + MAX_LIMIT + ", not " + limit);
        }
        String spacecraft = request.hasSpacecraft() ? request.getSpacecraft() : null;
        if (spacecraft != null && service.automation(spacecraft).isEmpty()) {
            throw new NotFoundException("No spacecraft named '" + spacecraft + "'");
        }
        Instant start = request.hasStart() ? ReportCodec.instant(request.getStart()) : null;
        Instant stop = request.hasStop() ? ReportCodec.instant(request.getStop()) : null;
        if (start != null && stop != null && !stop.isAfter(start)) {
            throw new BadRequestException("stop (" + stop + ") must be after start (" + start + ")");
        }
        var response = ListContactReportsResponse.newBuilder();
        ReportStore.global().list(spacecraft, start, stop, limit)
                .forEach(r -> response.addReports(ReportCodec.toProto(r)));
        observer.complete(response.build());
    }

    private static SpacecraftAutomationInfo info(SpacecraftAutomation a) {
        var b = SpacecraftAutomationInfo.newBuilder().setSpacecraft(a.spacecraft().name()).setActivity(a.activity());
        if (a.error() != null) {
            return b.setState("UNAVAILABLE").setError(a.error()).build();
        }
        Pause p = a.pauseState();
        b.setState(p == null ? "ON" : "PAUSED");
        if (p != null) {
            b.setPausedBy(p.by()).setPausedSince(ReportCodec.ts(p.since()));
        }
        PlannedContact next = a.nextPlanned();
        if (next != null) {
            b.setNextContact(ContactRef.newBuilder().setStation(next.station()).setAos(ReportCodec.ts(next.start()))
                    .setLos(ReportCodec.ts(next.end())));
        }
        for (Store s : Store.values()) {
            var l = a.ledger(s);
            b.addStores(StoreLedgerInfo.newBuilder().setStore(s.name()).setConfirmedUpTo(l.confirmedUpTo())
                    .setDeletedUpTo(l.deletedUpTo()));
        }
        return b.build();
    }

    private static SpacecraftAutomation find(ContactAutomationService service, String name) {
        if (name == null || name.isBlank()) {
            throw new BadRequestException("spacecraft is required, e.g. /api/najm/automation/NAJM-1:pause");
        }
        return service.automation(name).orElseThrow(() -> new NotFoundException("No spacecraft named '" + name
                + "'; the constellation has " + String.join(", ", service.constellation().spacecraft().stream()
                        .map(Spacecraft::name).toList())));
    }

    private static void audit(String user, Spacecraft sc, String what, Outcome outcome, String reason) {
        AuditTrail.global().record(new AuditRecord(Instant.now(), Kind.AUTOMATION, user, sc.name(), what, "",
                outcome, reason));
    }

    private static ContactAutomationService service() {
        return NajmContext.running(ContactAutomationService.class);
    }
}
