package org.najm.simulator.archive;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.http.RouteHandler;

import com.google.gson.JsonObject;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code POST /submit}, the MPC submission interface: form fields source (the ADES XML), ack, ac2 and
 * obj_type. Like the MPC it checks only the schema, and it accepts exact duplicates but flags them
 * ({@code duplicateOf}). The form is decoded on the event loop (in memory, cheap); validation and file
 * writes block, so they run on {@code work}, one submission at a time, and answer from there.
 */
@Sharable
final class SubmitHandler extends RouteHandler {

    private static final Logger LOG = Logger.getLogger(SubmitHandler.class.getName());
    static final String PATH = "/submit";

    private final AdesValidator validator;
    private final SubmissionStore store;
    private final ArchiveCounters counters;

    private final Executor work;

    SubmitHandler(AdesValidator validator, SubmissionStore store, ArchiveCounters counters, Executor work) {
        this.validator = validator;
        this.store = store;
        this.counters = counters;
        this.work = work;
    }

    @Override
    protected boolean handle(ChannelHandlerContext ctx, FullHttpRequest req, String path) {
        if (!path.equals(PATH)) {
            return false;
        }
        if (!req.method().equals(HttpMethod.POST)) {
            HttpResponses.text(ctx, req, HttpResponseStatus.METHOD_NOT_ALLOWED, "POST " + PATH);
            return true;
        }
        SubmissionForm form;
        try {
            form = SubmissionForm.decode(req);
        } catch (IllegalArgumentException e) {
            badRequest(ctx, req, e.getMessage());
            return true;
        }
        byte[] source = form.bytes("source");
        if (source == null) {
            badRequest(ctx, req, "missing field: source (the ADES XML document)");
            return true;
        }
        // Only headers are used from here on: the request body is released when this returns.
        try {
            work.execute(() -> {
                try {
                    process(ctx, req, form, source);
                } catch (RuntimeException e) {
                    // Never leave the client without an answer (that is what TIMEOUT is for).
                    LOG.log(Level.WARNING, "archive: submission failed", e);
                    HttpResponses.text(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            HttpResponses.text(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "archive stand-in stopping");
        }
        return true;
    }

    private void process(ChannelHandlerContext ctx, FullHttpRequest req, SubmissionForm form, byte[] source) {
        AdesCheck check = validator.check(source);
        if (!check.valid()) {
            counters.rejectedInvalid.incrementAndGet();
            LOG.info("archive: submission rejected: " + check.errors().get(0));
            HttpResponses.text(ctx, req, HttpResponseStatus.BAD_REQUEST,
                    "ADES validation failed:\n" + String.join("\n", check.errors()));
            return;
        }
        Submission s;
        try {
            s = store.accept(source, form.text("ack"), form.text("ac2"), form.text("obj_type"), check);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "archive: cannot store a submission", e);
            HttpResponses.text(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "cannot store: " + e);
            return;
        }
        counters.accepted.incrementAndGet();
        if (s.duplicateOf() != null) {
            counters.duplicates.incrementAndGet();
        }
        LOG.info("archive: submission " + s.id() + " accepted: " + s.observations() + " observations, trkSub "
                + s.trkSubs() + (s.duplicateOf() == null ? "" : ", DUPLICATE of " + s.duplicateOf()));
        JsonObject body = new JsonObject();
        body.addProperty("submissionId", s.id());
        body.addProperty("duplicateOf", s.duplicateOf());
        HttpResponses.json(ctx, req, HttpResponseStatus.OK, body);
    }

    private void badRequest(ChannelHandlerContext ctx, FullHttpRequest req, String why) {
        counters.badRequests.incrementAndGet();
        LOG.info("archive: submission rejected: " + why);
        HttpResponses.text(ctx, req, HttpResponseStatus.BAD_REQUEST, why);
    }
}
