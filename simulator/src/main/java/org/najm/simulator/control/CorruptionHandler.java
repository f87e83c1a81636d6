package org.najm.simulator.control;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.najm.simulator.http.HttpResponses;
import org.najm.simulator.station.StationSim;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code /control/stations/{station}/corruption}: POST {"rate": 0..1, "seed": n (optional)} sets the fraction of
 * forwarded frames that get one bit flipped (0 clears), DELETE clears it, GET shows it and the count so far.
 */
@Sharable
final class CorruptionHandler extends ControlRoute {

    private static final String EXPECTED = "{\"rate\": 0..1, \"seed\": n (optional integer)}";

    private final ControlTargets targets;

    CorruptionHandler(ControlTargets targets) {
        this.targets = targets;
    }

    @Override
    boolean route(ChannelHandlerContext ctx, FullHttpRequest req, List<String> segments) {
        if (segments.size() != 3 || !segments.get(0).equals("stations") || !segments.get(2).equals("corruption")) {
            return false;
        }
        StationSim st = targets.station(segments.get(1));
        HttpMethod m = req.method();
        if (m.equals(HttpMethod.POST)) {
            JsonObject o = object(req, Set.of("rate", "seed"), EXPECTED);
            Double rate = number(o, "rate");
            if (rate == null) {
                throw ControlException.badRequest("missing 'rate': expected " + EXPECTED);
            }
            if (!(rate >= 0 && rate <= 1)) {
                throw ControlException.badRequest("'rate' must be in [0, 1], got " + o.get("rate"));
            }
            long seed = o.has("seed") ? seed(o.get("seed")) : st.defaultCorruptionSeed();
            st.setCorruption(rate, seed); // logged by the station
        } else if (m.equals(HttpMethod.DELETE)) {
            st.setCorruption(0);
        } else if (!m.equals(HttpMethod.GET)) {
            throw ControlException.methodNotAllowed("GET, POST or DELETE", req.uri());
        }
        HttpResponses.json(ctx, req, HttpResponseStatus.OK, ControlJson.corruption(st));
        return true;
    }

    private static long seed(JsonElement e) {
        try {
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return new BigDecimal(e.getAsString()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException ex) {
            // not an integer that fits: refused below
        }
        throw ControlException.badRequest("'seed' must be an integer (64 bits), got " + e);
    }
}
