package org.najm.simulator.control;

import java.util.Collection;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A request the control API refuses: answered with its status and {@code {"error": message, ...}}. */
final class ControlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final transient JsonObject body;

    ControlException(HttpResponseStatus status, String message) {
        super(message);
        this.status = status;
        this.body = new JsonObject();
        body.addProperty("error", message);
    }

    static ControlException badRequest(String message) {
        return new ControlException(HttpResponseStatus.BAD_REQUEST, message);
    }

    /** 404 with the list of what does exist under {@code key}. */
    static ControlException notFound(String message, String key, Collection<String> known) {
        ControlException e = new ControlException(HttpResponseStatus.NOT_FOUND, message);
        JsonArray a = new JsonArray();
        known.forEach(a::add);
        e.body.add(key, a);
        return e;
    }

    static ControlException methodNotAllowed(String methods, String path) {
        return new ControlException(HttpResponseStatus.METHOD_NOT_ALLOWED, methods + " " + path);
    }

    HttpResponseStatus status() {
        return status;
    }

    JsonObject body() {
        return body;
    }
}
