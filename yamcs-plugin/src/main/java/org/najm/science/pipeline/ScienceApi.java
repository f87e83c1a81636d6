package org.najm.science.pipeline;

import java.io.IOException;
import java.time.Instant;

import org.najm.context.NajmContext;
import org.najm.api.AbstractScienceApi;
import org.najm.api.GetScienceReportRequest;
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
        report(NajmContext.running(ScienceService.class), observer);
    }

    @Override
    public void redeliver(Context ctx, RedeliverRequest request, Observer<RedeliverResponse> observer) {
        NajmPrivileges.require(ctx, NajmPrivileges.CONTROL_SCIENCE);
        redeliver(NajmContext.running(ScienceService.class), request, observer);
    }

    private static void report(ScienceService service, Observer<ScienceReport> observer) {
        var report = ScienceReport.newBuilder();
        service.counters().forEach((name, n) -> report.addSpacecraft(SpacecraftScience.newBuilder()
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
