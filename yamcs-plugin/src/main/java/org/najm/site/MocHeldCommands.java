package org.najm.site;

import org.najm.api.HeldCommandInfo;
import org.najm.api.HeldCommandRequest;
import org.najm.api.ListHeldCommandsResponse;
import org.najm.commanding.HeldCommandRelay;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.YConfiguration;

/**
 * On a partner site: the held critical commands are the MOC's. The site's {@code /api/najm/held-commands} lists
 * them from the MOC, and relays a confirmation or cancel by the person logged in here to the MOC, as the site's
 * account with {@code onBehalfOf}: the MOC believes it only for a person of this site's partner and then applies
 * the two-person rule to that person (docs/sites.md).
 */
public class MocHeldCommands extends HeldCommandRelay {

    private MocApi moc;

    @Override
    public Spec getSpec() {
        return MocAccount.spec();
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        moc = MocAccount.api(config);
    }

    @Override
    protected void doStart() {
        notifyStarted();
    }

    @Override
    protected void doStop() {
        notifyStopped();
    }

    @Override
    public ListHeldCommandsResponse list() {
        return moc.get("api/najm/held-commands", ListHeldCommandsResponse.newBuilder()).build();
    }

    @Override
    public HeldCommandInfo act(String action, String id, String person) {
        var info = moc.post("api/najm/held-commands:" + action,
                HeldCommandRequest.newBuilder().setId(id).setOnBehalfOf(person).build(), HeldCommandInfo.newBuilder());
        log.info("{} of held command {} on behalf of {} relayed to the MOC", action, id, person);
        return info.build();
    }
}
