package org.najm.site;

import org.najm.context.MocReads;
import org.yamcs.AbstractYamcsService;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.YConfiguration;
import org.yamcs.http.BadRequestException;
import org.yamcs.http.Context;
import org.yamcs.http.RouteContext;

import com.google.protobuf.Message;

/**
 * On a partner site: the read APIs of the MOC's contact plan, contact automation, science and accountability
 * (which run at the MOC only) answer with the MOC's answer to the same request, asked as the site's account. The
 * person's own privileges are checked here first, by the same API code as at the MOC; the MOC then checks the
 * site's account. With the MOC out of reach they answer 503 and say so (docs/sites.md).
 */
public class MocReadThrough extends AbstractYamcsService implements MocReads {

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
    public <B extends Message.Builder> B read(Context ctx, B into) {
        if (!(ctx instanceof RouteContext route)) {
            throw new BadRequestException("Only an HTTP request can be answered from the MOC");
        }
        return moc.get(apiPath(route.getURI()), into);
    }

    @Override
    public String mocUrl() {
        return moc.url();
    }

    /** The request's path from {@code /api/} on, with its query: this server's context path is not the MOC's. */
    static String apiPath(String uri) {
        int api = uri.indexOf("/api/");
        if (api < 0) {
            throw new BadRequestException("Not an API request: " + uri);
        }
        return uri.substring(api);
    }
}
