package org.najm.simulator.archive;

import java.util.logging.Logger;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.http.RouteHandler;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Sits in front of {@link SubmitHandler}: while a failure is armed, a submission never reaches the store.
 * TIMEOUT simply does not answer - nothing waits, so neither the event loop nor other connections are held;
 * the connection stays open until the client gives up or the stand-in closes.
 */
@Sharable
final class FailureInjectionHandler extends RouteHandler {

    private static final Logger LOG = Logger.getLogger(FailureInjectionHandler.class.getName());

    private final FailureInjection injection;
    private final ArchiveCounters counters;

    FailureInjectionHandler(FailureInjection injection, ArchiveCounters counters) {
        this.injection = injection;
        this.counters = counters;
    }

    @Override
    protected boolean handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        if (!path.equals(SubmitHandler.PATH) || !req.method().equals(HttpMethod.POST)) {
            return false;
        }
        FailureMode mode = injection.take();
        if (mode == null) {
            return false;
        }
        counters.failedByInjection.incrementAndGet();
        LOG.info("archive: submission failed by injection: " + mode);
        switch (mode) {
            case HTTP_500 -> HttpResponses.text(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "injected failure (HTTP_500): submission not processed");
            case DROP -> ctx.close();
            case TIMEOUT -> {
                // no answer, on purpose
            }
        }
        return true;
    }
}
