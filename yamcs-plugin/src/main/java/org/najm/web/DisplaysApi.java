package org.najm.web;

import org.najm.api.AbstractDisplaysApi;
import org.najm.api.GetMyRightsRequest;
import org.najm.api.MyRightsInfo;
import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.yamcs.api.Observer;
import org.yamcs.http.Context;

/**
 * The HTTP API of the operator displays (displays.proto). It tells the caller only about the caller, so
 * that the web UI can hide what would be refused; the command authority still decides on every action.
 */
public final class DisplaysApi extends AbstractDisplaysApi<Context> {

    @Override
    public void getMyRights(Context ctx, GetMyRightsRequest request, Observer<MyRightsInfo> observer) {
        observer.complete(rightsOf(NajmContext.constellation(), ctx.user.getName()));
    }

    static MyRightsInfo rightsOf(Constellation c, String user) {
        var info = MyRightsInfo.newBuilder().setUser(user);
        c.partnerOf(user).filter(p -> !p.isAutomation(user)).ifPresent(p -> {
            info.setPartner(p.id()).setPartnerName(p.name());
            for (Spacecraft sc : c.spacecraft()) {
                if (sc.partner().equals(p.id())) {
                    info.addCommands(sc.name());
                    if (p.confirms(user)) {
                        info.addConfirms(sc.name());
                    }
                }
            }
        });
        return info.build();
    }
}
