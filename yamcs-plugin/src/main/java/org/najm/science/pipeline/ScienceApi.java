package org.najm.science.pipeline;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.google.protobuf.Timestamp;

import org.najm.context.NajmContext;
import org.najm.api.AbstractScienceApi;
import org.najm.api.FastLane;
import org.najm.api.GetScienceReportRequest;
import org.najm.api.ListTrackletsRequest;
import org.najm.api.ListTrackletsResponse;
import org.najm.api.TrackletInfo;
import org.najm.api.OutboxInfo;
import org.najm.api.RedeliverRequest;
import org.najm.api.RedeliverResponse;
import org.najm.api.ScienceReport;
import org.najm.api.SpacecraftScience;
import org.najm.http.NajmPrivileges;
import org.yamcs.api.Observer;
import org.yamcs.http.BadRequestException;
import org.yamcs.http.Context;
import org.yamcs.http.InternalServerErrorException;
import org.yamcs.http.NotFoundException;

/** The HTTP API of the science pipeline (science.proto): accounting and re-delivery. */
public final class ScienceApi extends AbstractScienceApi<Context> {

    @Override
    public void getScienceReport(Context ctx, GetScienceReportRequest request, Observer<ScienceReport> observer) {
        if (NajmContext.answeredByMoc(ctx, observer, ScienceReport.newBuilder())) {
            return;
        }
        report(NajmContext.running(ScienceService.class), observer);
    }

    @Override
    public void listTracklets(Context ctx, ListTrackletsRequest request, Observer<ListTrackletsResponse> observer) {
        if (NajmContext.answeredByMoc(ctx, observer, ListTrackletsResponse.newBuilder())) {
            return;
        }
        ScienceService service = NajmContext.running(ScienceService.class);
        String sc = request.hasSpacecraft() ? request.getSpacecraft() : null;
        if (sc != null && service.constellation().spacecraftByName(sc).isEmpty()) {
            throw new BadRequestException("No spacecraft named '" + sc + "'");
        }
        Instant start = request.hasStart() ? instant("start", request.getStart()) : Instant.MIN;
        Instant stop = request.hasStop() ? instant("stop", request.getStop()) : Instant.MAX;
        if (!stop.isAfter(start)) {
            throw new BadRequestException("stop (" + request.getStop() + ") must be after start ("
                    + request.getStart() + ")");
        }
        var response = ListTrackletsResponse.newBuilder().setFastLaneScore(service.fastLaneScore());
        try {
            for (TrackletIndex.Entry e : service.tracklets()) {
                TrackletRecord r = e.record();
                if ((sc == null || sc.equals(r.key().spacecraft())) && !r.firstObs().isBefore(start)
                        && r.firstObs().isBefore(stop)) {
                    response.addTracklets(info(e));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new InternalServerErrorException("Cannot read the tracklet records: " + e.getMessage());
        }
        observer.complete(response.build());
    }

    private static TrackletInfo info(TrackletIndex.Entry e) {
        TrackletRecord r = e.record();
        var b = TrackletInfo.newBuilder().setSpacecraft(r.key().spacecraft()).setTrackletId(r.key().trackletId())
                .setTrkSub(r.trkSub()).setFirstObsTime(timestamp(r.firstObs())).setLastObsTime(timestamp(r.lastObs()))
                .setOrbitClass(r.orbitClass().name()).setLane(r.lane().name())
                .setState(e.state() == null ? "WAITING" : e.state().name());
        if (r.scored()) {
            b.setNeoScore(r.score());
        }
        if (e.submission() != null) {
            b.setSubmission(e.submission());
        }
        if (e.acknowledged() != null) {
            b.setAcknowledged(timestamp(e.acknowledged()));
        }
        return b.build();
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " is not an ISO-8601 UTC time (e.g. 2026-12-01T00:00:00Z): '"
                    + value + "'");
        }
    }

    private static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    private static FastLane lane(TrackletIndex.LaneFigures f) {
        var b = FastLane.newBuilder().setQueued(f.queued()).setAcknowledged(f.acknowledged());
        if (f.p50() != null) {
            b.setLatencyP50Seconds(f.p50().toMillis() / 1000.0).setLatencyP99Seconds(f.p99().toMillis() / 1000.0);
        }
        return b.build();
    }

    @Override
    public void redeliver(Context ctx, RedeliverRequest request, Observer<RedeliverResponse> observer) {
        NajmPrivileges.require(ctx, NajmPrivileges.CONTROL_SCIENCE);
        NajmContext.refuseOnSite("the science outbox");
        redeliver(NajmContext.running(ScienceService.class), request, observer);
    }

    private static void report(ScienceService service, Observer<ScienceReport> observer) {
        var report = ScienceReport.newBuilder();
        Map<String, TrackletIndex.LaneFigures> fast;
        Map<String, TrackletIndex.LaneFigures> batched;
        try {
            fast = service.laneFigures(true);
            batched = service.laneFigures(false);
        } catch (IOException | IllegalArgumentException e) {
            throw new InternalServerErrorException("Cannot read the tracklet records: " + e.getMessage());
        }
        service.counters().forEach((name, n) -> report.addSpacecraft(SpacecraftScience.newBuilder()
                .setTrackletsFastLane(n.trackletsFastLane.get()).setFastLane(lane(fast.get(name)))
                .setBatched(lane(batched.get(name)))
                .setSpacecraft(name).setDetectionsReceived(n.detectionsReceived.get())
                .setDetectionsDuplicate(n.detectionsDuplicate.get())
                .setDetectionsInconsistent(n.detectionsInconsistent.get())
                .setDetectionsUndecodable(n.detectionsUndecodable.get())
                .setTrackletsComplete(n.trackletsComplete.get()).setTrackletsIncomplete(service.incomplete(name))
                .setTrackletsOverdue(service.overdue(name)).setTrackletsDuplicate(n.trackletsDuplicate.get())
                .setSubmissionsQueued(n.submissionsQueued.get()).setSubmissionsDelivered(n.submissionsDelivered.get())
                .setSubmissionsInvalid(n.submissionsInvalid.get())));
        try {
            var outbox = service.outbox();
            var info = OutboxInfo.newBuilder().setPending(outbox.pending().size())
                    .setDelivered(outbox.countDelivered()).setRejected(outbox.countRejected())
                    .setInvalid(service.invalidCount()).setFailedAttempts(service.forwarder().failedAttempts())
                    .setOldestPendingSeconds(outbox.oldestPendingAge(Instant.now()).toMillis() / 1000.0);
            if (service.forwarder().lastFailure() != null) {
                info.setLastFailure(service.forwarder().lastFailure());
            }
            report.setOutbox(info);
        } catch (IOException e) {
            throw new InternalServerErrorException("Cannot read the outbox: " + e.getMessage());
        }
        observer.complete(report.build());
    }

    private static void redeliver(ScienceService service, RedeliverRequest request,
            Observer<RedeliverResponse> observer) {
        var sc = service.constellation().spacecraftByName(request.getSpacecraft())
                .orElseThrow(() -> new NotFoundException("No spacecraft named '" + request.getSpacecraft() + "'"));
        if (!request.hasStart() || !request.hasStop()) {
            throw new BadRequestException("start and stop are required (ISO-8601 UTC)");
        }
        Instant start = Instant.ofEpochSecond(request.getStart().getSeconds(), request.getStart().getNanos());
        Instant stop = Instant.ofEpochSecond(request.getStop().getSeconds(), request.getStop().getNanos());
        if (!stop.isAfter(start)) {
            throw new BadRequestException("stop must be after start");
        }
        var r = service.redeliver(sc, start, stop);
        var response = RedeliverResponse.newBuilder().setDetections(r.detections()).setTracklets(r.tracklets());
        if (r.submission() != null) {
            response.setSubmission(r.submission());
        }
        observer.complete(response.build());
    }
}
