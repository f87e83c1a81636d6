package org.najm.site;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.najm.api.HeldCommandInfo;
import org.najm.api.HeldCommandRequest;
import org.najm.api.ListHeldCommandsResponse;
import org.najm.commanding.HeldCommandRelay;
import org.yamcs.InitException;
import org.yamcs.Spec;
import org.yamcs.Spec.OptionType;
import org.yamcs.YConfiguration;
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
 * On a partner site: the held critical commands are the MOC's. The site's {@code /api/najm/held-commands} lists
 * them from the MOC, and relays a confirmation or cancel by the person logged in here to the MOC, as the site's
 * account with {@code onBehalfOf}: the MOC believes it only for a person of this site's partner and then applies
 * the two-person rule to that person (docs/sites.md).
 */
public class MocHeldCommands extends HeldCommandRelay {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private URI api;
    private String authorization;
    private HttpClient http;

    @Override
    public Spec getSpec() {
        Spec spec = new Spec();
        spec.addOption("mocUrl", OptionType.STRING).withRequired(true);
        spec.addOption("username", OptionType.STRING).withRequired(true);
        spec.addOption("password", OptionType.STRING).withRequired(true).withSecret(true);
        return spec;
    }

    @Override
    public void init(String yamcsInstance, String serviceName, YConfiguration config) throws InitException {
        super.init(yamcsInstance, serviceName, config);
        String base = config.getString("mocUrl");
        api = URI.create(base.endsWith("/") ? base : base + "/").resolve("api/najm/");
        authorization = "Basic " + Base64.getEncoder().encodeToString((config.getString("username") + ":"
                + config.getString("password")).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doStart() {
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        notifyStarted();
    }

    @Override
    protected void doStop() {
        notifyStopped();
    }

    @Override
    public ListHeldCommandsResponse list() {
        var b = ListHeldCommandsResponse.newBuilder();
        parse(send(HttpRequest.newBuilder(URI.create(api + "held-commands")).GET()), b);
        return b.build();
    }

    @Override
    public HeldCommandInfo act(String action, String id, String person) {
        String body;
        try {
            body = JsonFormat.printer().print(HeldCommandRequest.newBuilder().setId(id).setOnBehalfOf(person));
        } catch (InvalidProtocolBufferException e) {
            throw new InternalServerErrorException(e);
        }
        var b = HeldCommandInfo.newBuilder();
        parse(send(HttpRequest.newBuilder(URI.create(api + "held-commands:" + action))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))), b);
        log.info("{} of held command {} on behalf of {} relayed to the MOC", action, id, person);
        return b.build();
    }

    private String send(HttpRequest.Builder request) {
        HttpResponse<String> r;
        try {
            r = http.send(request.header("Authorization", authorization).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ServiceUnavailableException("The MOC cannot be reached (" + api + "): " + e.getMessage());
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
            throw new InternalServerErrorException(e);
        }
    }
}
