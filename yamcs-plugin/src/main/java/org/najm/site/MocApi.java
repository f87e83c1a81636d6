package org.najm.site;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.yamcs.http.BadRequestException;
import org.yamcs.http.ForbiddenException;
import org.yamcs.http.InternalServerErrorException;
import org.yamcs.http.NotFoundException;
import org.yamcs.http.ServiceUnavailableException;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.util.JsonFormat;

/**
 * The MOC's HTTP API as this site's account sees it: requests with the site's credentials, the MOC's answers
 * parsed into protobuf messages, and its refusals turned into this server's HTTP errors with the MOC's words.
 */
final class MocApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    MocApi(String mocUrl, String username, String password) {
        this.base = URI.create(mocUrl.endsWith("/") ? mocUrl : mocUrl + "/");
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The MOC's URL, as configured. */
    String url() {
        return base.toString();
    }

    /** GET of {@code pathAndQuery} (e.g. {@code /api/najm/contacts?start=...}) at the MOC, into {@code into}. */
    <B extends Message.Builder> B get(String pathAndQuery, B into) {
        parse(send(HttpRequest.newBuilder(resolve(pathAndQuery)).GET()), into);
        return into;
    }

    /** {@code query} asking for the page after continuation token {@code next} (none: the first page). */
    static String page(String query, String next) {
        return next == null ? query : query + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }

    /** POST of {@code body} (a message, as JSON) to {@code path} at the MOC, the answer into {@code into}. */
    <B extends Message.Builder> B post(String path, Message body, B into) {
        String json;
        try {
            json = JsonFormat.printer().print(body);
        } catch (InvalidProtocolBufferException e) {
            throw new InternalServerErrorException(e);
        }
        parse(send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))), into);
        return into;
    }

    private URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> r;
        try {
            r = http.send(request.header("Authorization", authorization).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceUnavailableException("The MOC cannot be reached (" + base + "): "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("Interrupted while asking the MOC");
        }
        if (r.statusCode() == 200) {
            return r.body();
        }
        String why = "the MOC answered " + r.statusCode() + ": " + reason(r.body());
        throw switch (r.statusCode()) {
        case 400 -> new BadRequestException(why);
        case 403 -> new ForbiddenException(why);
        case 404 -> new NotFoundException(why);
        default -> new ServiceUnavailableException(why);
        };
    }

    /** The MOC's own words: the {@code msg} of Yamcs' error answer. */
    private static String reason(String body) {
        try {
            var struct = Struct.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(body, struct);
            var msg = struct.getFieldsMap().get("msg");
            return msg != null ? msg.getStringValue() : body;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return body;
        }
    }

    private static void parse(String json, Message.Builder into) {
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(json, into);
        } catch (InvalidProtocolBufferException e) {
            throw new ServiceUnavailableException("The MOC's answer is not what this site expects: " + e.getMessage());
        }
    }
}
