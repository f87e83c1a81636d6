package org.najm.science.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Posts one ADES submission to the asteroid-tracking archive as the MPC's interface takes it:
 * multipart/form-data with the fields source (the document), ack, ac2 and obj_type.
 */
public final class ArchiveClient {

    /** What the archive made of a submission. */
    public sealed interface Result {
        /** Accepted, with the archive's answer (its submission id). */
        record Accepted(String receipt) implements Result {
        }

        /** Refused for its content (4xx): sending it again would not help. */
        record Refused(String reason) implements Result {
        }

        /** Not delivered this time (5xx, timeout, connection): try again later. */
        record Failed(String reason) implements Result {
        }
    }

    /** The archive's address and the submitter's fields; from etc/yamcs.yaml. */
    public record Settings(URI url, String ack, String ac2, String objType, Duration timeout) {
    }

    private final Settings settings;
    private final HttpClient http;

    public ArchiveClient(Settings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    public Result submit(String submissionId, String ades) {
        MultipartForm form = new MultipartForm().field("ack", settings.ack() + " " + submissionId)
                .field("ac2", settings.ac2()).field("obj_type", settings.objType())
                .file("source", "najm-" + submissionId + ".xml", ades);
        HttpRequest request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.body())).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = r.statusCode();
            if (status / 100 == 2) {
                return new Result.Accepted(r.body().strip());
            }
            String reason = "HTTP " + status + ": " + abbreviate(r.body());
            return status / 100 == 4 ? new Result.Refused(reason) : new Result.Failed(reason);
        } catch (IOException e) {
            return new Result.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Failed("interrupted");
        }
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= 500 ? t : t.substring(0, 500) + "...";
    }
}
