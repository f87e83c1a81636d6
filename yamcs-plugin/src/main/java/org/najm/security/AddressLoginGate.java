package org.najm.security;

import static io.netty.handler.codec.http.HttpHeaderNames.AUTHORIZATION;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.najm.audit.AuditRecord;
import org.najm.audit.AuditRecord.Kind;
import org.najm.audit.AuditRecord.Outcome;
import org.najm.audit.AuditTrail;
import org.yamcs.http.AddressCheckedApiHandler;
import org.yamcs.http.HttpServer;
import org.yamcs.http.TooManyRequestsException;
import org.yamcs.logging.Log;

import io.netty.handler.codec.http.HttpRequest;

/**
 * Failed HTTP basic authentications per client address: after
 * {@value LoginLimiter#MAX_FAILURES_PER_ADDRESS} within 15 minutes, the address's basic authentications
 * are answered {@code 429} for 15 minutes after the last, whatever the name and password, and each is
 * audited ({@code LOGIN}). The per-name lock of {@link NajmAuthModule} stops guessing one name's password;
 * this stops one address from guessing many names'. Requests with a token are not counted (a token is
 * verified by its signature, not guessed).
 */
public final class AddressLoginGate implements AddressCheckedApiHandler.Gate {

    private static final Log log = new Log(AddressLoginGate.class);
    private static final String BASIC = "Basic ";

    private final LoginLimiter limiter;

    AddressLoginGate(Clock clock) {
        limiter = LoginLimiter.perAddress(clock);
    }

    public static void install(HttpServer http) {
        AddressCheckedApiHandler.install(http, new AddressLoginGate(Clock.systemUTC()));
    }

    @Override
    public void before(InetAddress client, HttpRequest request) {
        if (!isBasic(request)) {
            return;
        }
        var locked = limiter.lockedUntil(client.getHostAddress());
        if (locked.isPresent()) {
            String why = "address " + client.getHostAddress() + " locked after "
                    + LoginLimiter.MAX_FAILURES_PER_ADDRESS + " failed logins until " + locked.get();
            try {
                AuditTrail.global().record(new AuditRecord(Instant.now(), Kind.LOGIN, userName(request), "",
                        "login", "", Outcome.LOGIN_FAILED, why));
            } catch (RuntimeException e) {
                log.error("Could not audit a login refused for its address: {}", e.getMessage());
            }
            throw new TooManyRequestsException("Too many failed logins from this address: " + why);
        }
    }

    @Override
    public void unauthorized(InetAddress client, HttpRequest request) {
        if (isBasic(request)) {
            limiter.failed(client.getHostAddress());
        }
    }

    private static boolean isBasic(HttpRequest request) {
        String h = request.headers().get(AUTHORIZATION);
        return h != null && h.startsWith(BASIC);
    }

    /** The name the request tried, for the audit trail ("?" if it is not readable). */
    private static String userName(HttpRequest request) {
        try {
            String pair = new String(Base64.getDecoder().decode(request.headers().get(AUTHORIZATION)
                    .substring(BASIC.length()).strip()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? "?" : pair.substring(0, Math.min(colon, 100));
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }
}
