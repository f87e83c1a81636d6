package org.najm.site;

import static org.yamcs.utils.TimeEncoding.fromJavaInstant;
import static org.yamcs.utils.TimeEncoding.toProtobufTimestamp;

import java.time.Instant;
import java.util.Map;

import org.najm.api.AbstractSiteApi;
import org.najm.api.GetSiteStatusRequest;
import org.najm.api.SiteSpacecraftStatus;
import org.najm.api.SiteStatus;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.yamcs.YamcsServer;
import org.yamcs.api.Observer;
import org.yamcs.http.Context;
import org.yamcs.http.NotFoundException;
import org.yamcs.security.SystemPrivilege;

import com.google.protobuf.Timestamp;

/** {@code GET /api/najm/site}: a partner site's link to the MOC and how far its archive is filled back. */
public final class SiteApi extends AbstractSiteApi<Context> {

    @Override
    public void getSiteStatus(Context ctx, GetSiteStatusRequest request, Observer<SiteStatus> observer) {
        ctx.checkSystemPrivilege(SystemPrivilege.ReadLinks);
        MocHistoryFill fill = YamcsServer.getServer().getGlobalService(MocHistoryFill.class);
        if (fill == null) {
            throw new NotFoundException("This server is not a partner site (docs/sites.md)");
        }
        MocLinkWatch watch = YamcsServer.getServer().getGlobalService(MocLinkWatch.class);
        var down = watch != null ? watch.disconnected() : Map.<String, Instant>of();
        var progress = fill.progress();
        var status = SiteStatus.newBuilder().setPartner(fill.partner()).setMocUrl(fill.mocUrl());
        for (Spacecraft sc : NajmContext.constellation().spacecraft()) {
            String instance = sc.instance();
            var s = SiteSpacecraftStatus.newBuilder().setSpacecraft(sc.name()).setInstance(instance)
                    .setConnected(MocLinks.connected(instance, fill.linkName()))
                    .setPacketsFilled(MocLinks.dataIn(instance, fill.linkName() + ".tmArchive"));
            if (down.containsKey(instance)) {
                s.setDisconnectedSince(timestamp(down.get(instance)));
            }
            FillProgress f = progress.getOrDefault(instance, FillProgress.NONE);
            s.setEventsFilled(f.events()).setCommandsFilled(f.commands()).setFilling(f.filling());
            if (f.filledUntil() != null) {
                s.setHistoryFilledUntil(timestamp(f.filledUntil()));
            }
            if (f.lastPass() != null) {
                s.setLastFillPass(timestamp(f.lastPass()));
            }
            if (f.lastError() != null) {
                s.setFillError(f.lastError());
            }
            status.addSpacecraft(s);
        }
        observer.complete(status.build());
    }

    private static Timestamp timestamp(Instant t) {
        return toProtobufTimestamp(fromJavaInstant(t));
    }
}
