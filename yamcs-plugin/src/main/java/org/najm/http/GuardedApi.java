package org.najm.http;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.yamcs.api.Api;
import org.yamcs.api.Observer;
import org.yamcs.http.Context;
import org.yamcs.http.HttpServer;
import org.yamcs.http.Route;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Message;

/**
 * One of Yamcs' own HTTP APIs with some of its methods guarded by NAJM: a guarded method's call
 * goes to NAJM's {@link Guard} first, which refuses it (an {@link org.yamcs.http.HttpException}),
 * lets Yamcs carry it out ({@link Call#proceed()}) or carries it out itself. The other methods go
 * to Yamcs unchanged.
 * <p>
 * {@link #install} replaces the API's routes in the HTTP server: Yamcs' privilege checks know
 * neither partners nor spacecraft, and some of its APIs (SQL, COP-1, alarms, buckets) reach past
 * the partner command authority.
 */
public final class GuardedApi implements Api<Context> {

    /** A unary or server-streaming call of a guarded method. */
    public record Call(Context ctx, Message request, Observer<Message> observer, Api<Context> yamcs,
            MethodDescriptor method) {
        /** Lets Yamcs carry out the call, as it would without the guard. */
        public void proceed() {
            yamcs.callMethod(method, ctx, request, observer);
        }
    }

    /** Decides on one call of a guarded unary or server-streaming method. */
    @FunctionalInterface
    public interface Guard {
        void handle(Call call);
    }

    /** Decides on a client-streaming call: returns the observer of the request messages. */
    @FunctionalInterface
    public interface StreamGuard {
        Observer<Message> handle(Context ctx, Observer<Message> observer, Supplier<Observer<Message>> yamcs);
    }

    private final Api<Context> yamcs;
    private final Map<String, Guard> guards = new HashMap<>();
    private final Map<String, StreamGuard> streamGuards = new HashMap<>();

    private GuardedApi(Api<Context> yamcs) {
        this.yamcs = yamcs;
    }

    /**
     * Guards the API {@code service} (e.g. "yamcs.protobuf.cop1.Cop1Api") of {@code http}: its routes
     * are replaced by ones to the guarded API. To be called before the server takes requests.
     *
     * @return the guarded API, to add guards to (before requests come)
     * @throws IllegalStateException if the server has no such API
     */
    public static GuardedApi install(HttpServer http, String service) {
        List<Route> routes = http.getRoutes();
        Api<Context> original = routes.stream().map(Route::getApi)
                .filter(a -> a.getDescriptorForType().getFullName().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Yamcs' HTTP server has no API " + service));
        if (original instanceof GuardedApi guarded) {
            return guarded;
        }
        GuardedApi guarded = new GuardedApi(original);
        http.addApi(guarded);
        routes.removeIf(r -> r.getApi() == original);
        return guarded;
    }

    /** Guards the method {@code name} (as in the .proto, e.g. "ExecuteSql"). */
    public GuardedApi guard(String name, Guard guard) {
        method(name);
        guards.put(name, guard);
        return this;
    }

    /** Guards the client-streaming method {@code name}. */
    public GuardedApi guardStream(String name, StreamGuard guard) {
        method(name);
        streamGuards.put(name, guard);
        return this;
    }

    private void method(String name) {
        if (yamcs.getDescriptorForType().findMethodByName(name) == null) {
            throw new IllegalArgumentException(yamcs.getDescriptorForType().getFullName() + " has no method " + name);
        }
    }

    @Override
    public ServiceDescriptor getDescriptorForType() {
        return yamcs.getDescriptorForType();
    }

    @Override
    public void callMethod(MethodDescriptor method, Context ctx, Message request, Observer<Message> observer) {
        Guard guard = guards.get(method.getName());
        if (guard == null) {
            yamcs.callMethod(method, ctx, request, observer);
        } else {
            guard.handle(new Call(ctx, request, observer, yamcs, method));
        }
    }

    @Override
    public Observer<Message> callMethod(MethodDescriptor method, Context ctx, Observer<Message> observer) {
        StreamGuard guard = streamGuards.get(method.getName());
        if (guard == null) {
            return yamcs.callMethod(method, ctx, observer);
        }
        return guard.handle(ctx, observer, () -> yamcs.callMethod(method, ctx, observer));
    }

    @Override
    public Message getRequestPrototype(MethodDescriptor method) {
        return yamcs.getRequestPrototype(method);
    }

    @Override
    public Message getResponsePrototype(MethodDescriptor method) {
        return yamcs.getResponsePrototype(method);
    }
}
