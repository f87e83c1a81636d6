package org.najm.accountability;

import java.time.Duration;

import org.najm.api.AbstractAccountabilityApi;
import org.najm.api.AccountabilityReport;
import org.najm.api.GetAccountabilityRequest;
import org.najm.api.SpacecraftAccountability;
import org.najm.context.NajmContext;
import org.yamcs.api.Observer;
import org.yamcs.http.Context;
import org.yamcs.http.NotFoundException;
import org.yamcs.security.SystemPrivilege;

/** The HTTP API of science accountability (accountability.proto): everyone may read it. */
public final class AccountabilityApi extends AbstractAccountabilityApi<Context> {

    @Override
    public void getAccountability(Context ctx, GetAccountabilityRequest request,
            Observer<AccountabilityReport> observer) {
        ctx.checkSystemPrivilege(SystemPrivilege.ReadEvents);
        if (NajmContext.answeredByMoc(ctx, observer, AccountabilityReport.newBuilder())) {
            return;
        }
        if (request.hasSpacecraft() && NajmContext.constellation().spacecraftByName(request.getSpacecraft())
                .isEmpty()) {
            throw new NotFoundException("No spacecraft " + request.getSpacecraft());
        }
        var response = AccountabilityReport.newBuilder();
        for (ScienceAccount a : NajmContext.running(AccountabilityService.class).refreshNow()) {
            if (a != null && (!request.hasSpacecraft() || request.getSpacecraft().equals(a.spacecraft()))) {
                response.addSpacecraft(info(a));
            }
        }
        observer.complete(response.build());
    }

    private static SpacecraftAccountability info(ScienceAccount a) {
        var b = SpacecraftAccountability.newBuilder();
        if (a.fastLane() != null) {
            b.setFastLaneTracklets(a.fastLane().queued()).setFastLaneAcknowledged(a.fastLane().acknowledged());
            if (a.fastLane().p50() != null) {
                b.setFastLaneLatencyP50Seconds(seconds(a.fastLane().p50()))
                        .setFastLaneLatencyP99Seconds(seconds(a.fastLane().p99()));
            }
        }
        return b.setSpacecraft(a.spacecraft()).setMadeOnboard(a.madeOnboard())
                .setReceivedOnGround(a.receivedOnGround()).setInAdes(a.inAdes()).setAcknowledged(a.acknowledged())
                .setFreedOnboard(a.freedOnboard()).setOnboardEstimate(a.onboardEstimate())
                .setOverflowEpisodes(a.overflowEpisodes()).setScienceStoreFill(a.scienceStoreFill())
                .setHkStoreFill(a.hkStoreFill())
                .setAwaitingDownlink(a.awaitingDownlink())
                .setOldestAwaitingDownlinkSeconds(seconds(a.oldestAwaitingDownlink()))
                .setAwaitingTracklet(a.awaitingTracklet())
                .setOldestAwaitingTrackletSeconds(seconds(a.oldestAwaitingTracklet()))
                .setAwaitingArchive(a.awaitingArchive())
                .setOldestAwaitingArchiveSeconds(seconds(a.oldestAwaitingArchive()))
                .setNotAccounted(a.notAccounted()).setExplained(a.explained()).build();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
