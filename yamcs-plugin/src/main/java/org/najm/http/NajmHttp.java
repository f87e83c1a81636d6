package org.najm.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.yamcs.YamcsServer;
import org.yamcs.api.Api;
import org.yamcs.http.Context;
import org.yamcs.http.HttpServer;

/**
 * Adds NAJM's HTTP APIs (the .proto files of this plugin) to Yamcs' HTTP server. The server must
 * first learn our protobuf descriptors, which Yamcs' protoc goal writes next to the classes.
 */
public final class NajmHttp {

    private static final String DESCRIPTORS = "/najm-yamcs-plugin.protobin";
    private static HttpServer registeredWith;
    private static final java.util.Set<Class<?>> added = new java.util.HashSet<>();

    private NajmHttp() {
    }

    /**
     * Adds {@code api}; does nothing when no HTTP server is configured, or when an API of the same
     * class is there already (a restarted service: its API finds the running service itself).
     */
    public static synchronized void addApi(Api<Context> api) {
        HttpServer http = YamcsServer.getServer().getGlobalService(HttpServer.class);
        if (http == null) {
            return;
        }
        if (registeredWith != http) {
            try (InputStream in = NajmHttp.class.getResourceAsStream(DESCRIPTORS)) {
                http.getProtobufRegistry().importDefinitions(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + DESCRIPTORS, e);
            }
            registeredWith = http;
            added.clear();
        }
        if (added.add(api.getClass())) {
            http.addApi(api);
        }
    }
}
