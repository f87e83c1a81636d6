package org.najm.contacts;

import static org.yamcs.utils.TimeEncoding.fromJavaInstant;
import static org.yamcs.utils.TimeEncoding.fromProtobufTimestamp;
import static org.yamcs.utils.TimeEncoding.toJavaInstant;
import static org.yamcs.utils.TimeEncoding.toProtobufTimestamp;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.najm.api.AbstractContactPlanApi;
import org.najm.api.AddStationUnavailabilityRequest;
import org.najm.api.ContactInfo;
import org.najm.api.ListContactsRequest;
import org.najm.api.ListContactsResponse;
import org.najm.api.ListPassesRequest;
import org.najm.api.ListPassesResponse;
import org.najm.api.ListStationUnavailabilityRequest;
import org.najm.api.ListStationUnavailabilityResponse;
import org.najm.api.ListTlesRequest;
import org.najm.api.ListTlesResponse;
import org.najm.api.PassInfo;
import org.najm.api.PlanInfo;
import org.najm.api.RemoveStationUnavailabilityRequest;
import org.najm.api.ReplanRequest;
import org.najm.api.StationUnavailabilityInfo;
import org.najm.api.TleInfo;
import org.najm.api.UploadTlesRequest;
import org.najm.audit.AuditRecord;
import org.najm.audit.AuditRecord.Kind;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail;
import org.najm.passes.Pass;
import org.najm.passes.SpacecraftTle;
import org.najm.passes.TleUploadException;
import org.najm.planning.Contact;
import org.najm.planning.RejectionReason;
import org.najm.planning.Unavailability;
import org.najm.context.NajmContext;
import org.najm.http.NajmPrivileges;
import org.yamcs.api.Observer;
import org.yamcs.http.BadRequestException;
import org.yamcs.http.Context;
import org.yamcs.http.ForbiddenException;
import org.yamcs.http.InternalServerErrorException;
import org.yamcs.http.NotFoundException;

import com.google.protobuf.Timestamp;

/** The HTTP API of the contact plan (contacts.proto): passes, contacts, TLEs, station availability. */
public final class ContactPlanApi extends AbstractContactPlanApi<Context> {

    private static ContactPlanService service() {
        return NajmContext.running(ContactPlanService.class);
    }

    @Override
    public void listPasses(Context ctx, ListPassesRequest request, Observer<ListPassesResponse> observer) {
        checkFilters(request.hasSpacecraft() ? request.getSpacecraft() : null,
                request.hasStation() ? request.getStation() : null);
        if (NajmContext.answeredByMoc(ctx, observer, ListPassesResponse.newBuilder())) {
            return;
        }
        respond(observer, service().snapshot(), s -> passes(request, s));
    }

    private ListPassesResponse passes(ListPassesRequest request, ContactPlanService.Snapshot s) {
        Window w = Window.of(request.hasStart() ? request.getStart() : null,
                request.hasStop() ? request.getStop() : null, ContactPlanService.now(), s.horizonStop());
        var response = ListPassesResponse.newBuilder();
        for (Pass p : s.passes()) {
            if (!p.overlaps(w.start, w.stop)
                    || (request.hasSpacecraft() && !request.getSpacecraft().equals(p.spacecraft()))
                    || (request.hasStation() && !request.getStation().equals(p.station()))) {
                continue;
            }
            var info = PassInfo.newBuilder().setSpacecraft(p.spacecraft()).setStation(p.station())
                    .setAos(toProtobufTimestamp(fromJavaInstant(p.aos())))
                    .setLos(toProtobufTimestamp(fromJavaInstant(p.los())))
                    .setTca(toProtobufTimestamp(fromJavaInstant(p.tca())))
                    .setMaxElevation(p.maxElevationDeg()).setAosAzimuth(p.aosAzimuthDeg())
                    .setLosAzimuth(p.losAzimuthDeg());
            // A pass served by a contact kept from an earlier plan (under way or past) is planned.
            var rejection = s.plan().rejectionFor(p).filter(r -> r.reason() != RejectionReason.ALREADY_LOCKED);
            info.setPlanned(rejection.isEmpty());
            rejection.ifPresent(r -> info.setReasonCode(r.reason().name()).setReason(r.message()));
            response.addPasses(info);
        }
        return response.build();
    }

    @Override
    public void listContacts(Context ctx, ListContactsRequest request, Observer<ListContactsResponse> observer) {
        checkFilters(request.hasSpacecraft() ? request.getSpacecraft() : null,
                request.hasStation() ? request.getStation() : null);
        if (NajmContext.answeredByMoc(ctx, observer, ListContactsResponse.newBuilder())) {
            return;
        }
        respond(observer, service().snapshot(), s -> contacts(request, s));
    }

    private ListContactsResponse contacts(ListContactsRequest request, ContactPlanService.Snapshot s) {
        Window w = Window.of(request.hasStart() ? request.getStart() : null,
                request.hasStop() ? request.getStop() : null, ContactPlanService.now(), s.horizonStop());
        var response = ListContactsResponse.newBuilder();
        for (Contact c : s.plan().contacts()) {
            if (!c.overlaps(w.start, w.stop)
                    || (request.hasSpacecraft() && !request.getSpacecraft().equals(c.spacecraft()))
                    || (request.hasStation() && !request.getStation().equals(c.station()))) {
                continue;
            }
            response.addContacts(ContactInfo.newBuilder().setSpacecraft(c.spacecraft()).setStation(c.station())
                    .setAos(toProtobufTimestamp(fromJavaInstant(c.start())))
                    .setLos(toProtobufTimestamp(fromJavaInstant(c.end()))).setMaxElevation(c.pass().maxElevationDeg())
                    .setLocked(c.locked()).setHandover(c.handover()));
        }
        response.setPlan(planInfo(s));
        return response.build();
    }

    @Override
    public void listTles(Context ctx, ListTlesRequest request, Observer<ListTlesResponse> observer) {
        if (NajmContext.answeredByMoc(ctx, observer, ListTlesResponse.newBuilder())) {
            return;
        }
        observer.complete(tles());
    }

    @Override
    public void uploadTles(Context ctx, UploadTlesRequest request, Observer<ListTlesResponse> observer) {
        NajmPrivileges.require(ctx, NajmPrivileges.CONTROL_CONTACT_PLAN);
        NajmContext.refuseOnSite("the contact plan (its TLEs)");
        if (!request.hasText() || request.getText().isBlank()) {
            throw new BadRequestException("No TLE text: send {\"text\": \"<2 or 3 line TLEs>\"}");
        }
        CompletableFuture<ContactPlanService.Snapshot> replanned;
        try {
            replanned = service().uploadTles(request.getText(), "api:" + ctx.user.getName(),
                    tles -> checkTleOwner(ctx, tles));
        } catch (TleUploadException e) {
            throw new BadRequestException("TLE upload refused, nothing changed: " + String.join("; ", e.errors()));
        } catch (IOException e) {
            throw new InternalServerErrorException("Cannot record the TLEs: " + e.getMessage());
        }
        respond(observer, replanned, s -> tles());
    }

    /**
     * A partner's operators and leads upload TLEs of the partner's spacecraft only; someone of no partner
     * with the privilege (the administrator) uploads any. Audited (kind TLE) either way.
     */
    private static void checkTleOwner(Context ctx, List<SpacecraftTle> tles) {
        String user = ctx.user.getName();
        var constellation = NajmContext.constellation();
        var partner = constellation.partnerOf(user).orElse(null);
        String names = tles.stream().map(SpacecraftTle::spacecraft).distinct().sorted()
                .collect(Collectors.joining(", "));
        String what = "TLE upload: " + names;
        if (partner != null) {
            List<String> others = tles.stream().map(SpacecraftTle::spacecraft).distinct()
                    .filter(n -> constellation.spacecraftByName(n).map(sc -> !sc.partner().equals(partner.id()))
                            .orElse(true))
                    .sorted().toList();
            if (!others.isEmpty()) {
                String why = user + " operates for " + partner.id() + "; " + String.join(", ", others)
                        + (others.size() == 1 ? " is" : " are") + " not " + partner.id() + "'s: a partner uploads"
                        + " the TLEs of its own spacecraft only";
                audit(user, names, what, Outcome.REFUSED, why, Kind.TLE);
                throw new ForbiddenException(why);
            }
        }
        if (!audit(user, names, what, Outcome.ALLOWED, partner == null ? user + " uploads for every partner"
                : user + " operates for " + partner.id(), Kind.TLE)) {
            throw new ForbiddenException("Refused: the audit trail could not record the upload");
        }
    }

    private static boolean audit(String user, String spacecraft, String what, Outcome outcome, String why,
            Kind kind) {
        try {
            AuditTrail.global().record(new AuditRecord(Instant.now(), kind, user, spacecraft, what, "", outcome,
                    why));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private ListTlesResponse tles() {
        var response = ListTlesResponse.newBuilder();
        service().tles().inForceEntries().forEach(e -> response.addTles(tleInfo(e)));
        service().tles().history().forEach(e -> response.addHistory(tleInfo(e)));
        return response.build();
    }

    private static TleInfo tleInfo(TleCatalog.Entry e) {
        return TleInfo.newBuilder().setSpacecraft(e.tle().spacecraft()).setNoradId(e.tle().catalogNumber())
                .setEpoch(toProtobufTimestamp(fromJavaInstant(e.tle().epoch()))).setLine1(e.tle().line1())
                .setLine2(e.tle().line2())
                .setReceived(toProtobufTimestamp(fromJavaInstant(e.received()))).setSource(e.source()).build();
    }

    @Override
    public void listStationUnavailability(Context ctx, ListStationUnavailabilityRequest request,
            Observer<ListStationUnavailabilityResponse> observer) {
        if (NajmContext.answeredByMoc(ctx, observer, ListStationUnavailabilityResponse.newBuilder())) {
            return;
        }
        var response = ListStationUnavailabilityResponse.newBuilder();
        service().unavailabilityLog().windows().forEach(w -> response.addUnavailability(info(w)));
        observer.complete(response.build());
    }

    @Override
    public void addStationUnavailability(Context ctx, AddStationUnavailabilityRequest request,
            Observer<StationUnavailabilityInfo> observer) {
        NajmPrivileges.require(ctx, NajmPrivileges.CONTROL_CONTACT_PLAN);
        NajmContext.refuseOnSite("the contact plan (station availability)");
        String station = request.getStation();
        if (service().constellation().stationByName(station).isEmpty()) {
            throw new NotFoundException("No station named '" + station + "'");
        }
        if (!request.hasStart() || !request.hasStop()) {
            throw new BadRequestException("start and stop are required (ISO-8601 UTC)");
        }
        Instant start = toJavaInstant(fromProtobufTimestamp(request.getStart()));
        Instant stop = toJavaInstant(fromProtobufTimestamp(request.getStop()));
        if (!stop.isAfter(start)) {
            throw new BadRequestException("stop (" + stop + ") must be after start (" + start + ")");
        }
        String user = ctx.user.getName();
        var u = new Unavailability(station, start, stop,
                request.hasReason() ? request.getReason() : "marked unavailable by " + user);
        String what = "station " + station + " unavailable " + start + " .. " + stop + ": " + u.reason();
        checkStationOwner(user, station, what);
        UnavailabilityLog.Window[] added = new UnavailabilityLog.Window[1];
        CompletableFuture<ContactPlanService.Snapshot> replanned;
        try {
            replanned = service().addUnavailability(u, user, w -> added[0] = w);
        } catch (IOException e) {
            throw new InternalServerErrorException("Cannot record the unavailability: " + e.getMessage());
        }
        respond(observer, replanned, s -> info(added[0]));
    }

    @Override
    public void removeStationUnavailability(Context ctx, RemoveStationUnavailabilityRequest request,
            Observer<StationUnavailabilityInfo> observer) {
        NajmPrivileges.require(ctx, NajmPrivileges.CONTROL_CONTACT_PLAN);
        NajmContext.refuseOnSite("the contact plan (station availability)");
        String user = ctx.user.getName();
        var w = service().unavailabilityLog().find(request.getId())
                .filter(x -> x.unavailability().station().equals(request.getStation()))
                .orElseThrow(() -> new NotFoundException("No unavailability window '" + request.getId() + "' of "
                        + request.getStation()));
        var u = w.unavailability();
        checkStationOwner(user, u.station(), "station " + u.station() + " available again: removed window " + w.id()
                + " (" + u.start() + " .. " + u.end() + ", by " + w.by() + ")");
        try {
            var replanned = service().removeUnavailability(w.id(), user)
                    .orElseThrow(() -> new NotFoundException("No unavailability window '" + w.id() + "'"));
            respond(observer, replanned, s -> info(w));
        } catch (IOException e) {
            throw new InternalServerErrorException("Cannot record the removal: " + e.getMessage());
        }
    }

    /**
     * A station's unavailability is marked and removed by its owner's operators and leads; that of a
     * shared station by any partner's lead. Audited (kind STATION) either way.
     */
    private static void checkStationOwner(String user, String stationName, String what) {
        var constellation = NajmContext.constellation();
        var station = constellation.stationByName(stationName)
                .orElseThrow(() -> new NotFoundException("No station named '" + stationName + "'"));
        var partner = constellation.partnerOf(user).filter(p -> !p.isAutomation(user)).orElse(null);
        String why = null;
        if (station.isShared()) {
            if (partner == null || !partner.confirms(user)) {
                why = user + " is not a lead of any partner: the unavailability of the shared station " + stationName
                        + " is marked by a partner's lead";
            }
        } else if (partner == null || !partner.id().equals(station.owner())) {
            why = (partner == null ? user + " is not an operator of any partner" : user + " operates for "
                    + partner.id()) + ": " + stationName + " belongs to " + station.owner() + ", whose operators and"
                    + " leads alone mark it unavailable";
        }
        if (why != null) {
            audit(user, "", what, Outcome.REFUSED, why, Kind.STATION);
            throw new ForbiddenException(why);
        }
        if (!audit(user, "", what, Outcome.ALLOWED, user + (station.isShared() ? " is a lead of " : " operates for ")
                + partner.id(), Kind.STATION)) {
            throw new ForbiddenException("Refused: the audit trail could not record the change");
        }
    }

    @Override
    public void replan(Context ctx, ReplanRequest request, Observer<PlanInfo> observer) {
        NajmPrivileges.require(ctx, NajmPrivileges.CONTROL_CONTACT_PLAN);
        NajmContext.refuseOnSite("the contact plan");
        respond(observer, service().replan("operator"), ContactPlanApi::planInfo);
    }

    /** A filter naming no spacecraft or station of the constellation is a mistake, not an empty answer. */
    private static void checkFilters(String spacecraft, String station) {
        var constellation = NajmContext.constellation();
        if (spacecraft != null && constellation.spacecraftByName(spacecraft).isEmpty()) {
            throw new NotFoundException("No spacecraft named '" + spacecraft + "'");
        }
        if (station != null && constellation.stationByName(station).isEmpty()) {
            throw new NotFoundException("No station named '" + station + "'");
        }
    }

    /** Completes the call when planning is done, without holding an HTTP thread meanwhile. */
    private static <T> void respond(Observer<T> observer, CompletableFuture<ContactPlanService.Snapshot> plan,
            Function<ContactPlanService.Snapshot, T> answer) {
        plan.whenComplete((s, error) -> {
            if (error != null) {
                observer.completeExceptionally(new InternalServerErrorException("Planning failed: " + error));
                return;
            }
            try {
                observer.complete(answer.apply(s));
            } catch (RuntimeException e) {
                observer.completeExceptionally(e);
            }
        });
    }

    private static StationUnavailabilityInfo info(UnavailabilityLog.Window w) {
        Unavailability u = w.unavailability();
        return StationUnavailabilityInfo.newBuilder().setId(w.id()).setBy(w.by()).setStation(u.station())
                .setStart(toProtobufTimestamp(fromJavaInstant(u.start())))
                .setStop(toProtobufTimestamp(fromJavaInstant(u.end()))).setReason(u.reason()).build();
    }

    private static PlanInfo planInfo(ContactPlanService.Snapshot s) {
        return PlanInfo.newBuilder().setGenerated(toProtobufTimestamp(fromJavaInstant(s.generated())))
                .setTrigger(s.trigger())
                .setHorizonStart(toProtobufTimestamp(fromJavaInstant(s.horizonStart())))
                .setHorizonStop(toProtobufTimestamp(fromJavaInstant(s.horizonStop())))
                .setPassCount(s.passes().size()).setContactCount(s.plan().contacts().size()).build();
    }

    private record Window(Instant start, Instant stop) {
        static Window of(Timestamp start, Timestamp stop, Instant now, Instant horizonStop) {
            Window w = new Window(start == null ? now : toJavaInstant(fromProtobufTimestamp(start)),
                    stop == null ? horizonStop : toJavaInstant(fromProtobufTimestamp(stop)));
            if (!w.stop.isAfter(w.start)) {
                throw new BadRequestException("stop must be after start");
            }
            return w;
        }
    }
}
