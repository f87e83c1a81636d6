package org.najm.context;

import org.yamcs.YamcsService;
import org.yamcs.http.Context;

import com.google.protobuf.Message;

/**
 * On a partner site: the MOC's own constellation services (the contact plan, contact automation, science and
 * accountability) do not run here; their read APIs answer with what the MOC answers to the same request, asked as
 * the site's account (org.najm.site.MocReadThrough). Changes to them (a re-plan, a TLE upload, pausing automation)
 * are made at the MOC.
 */
public interface MocReads extends YamcsService {

    /**
     * The MOC's answer to the request of {@code ctx} (same path and query), merged into {@code into}.
     *
     * @throws org.yamcs.http.HttpException the MOC's refusal (its status and reason), or 503 when it cannot be
     *         reached
     */
    <B extends Message.Builder> B read(Context ctx, B into);

    /** Where the MOC is, for a person told to make a change there. */
    String mocUrl();
}
