package org.najm.science.delivery;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts one ADES submission to the asteroid-tracking archive as the MPC's interface takes it:
 * multipart/form-data with the fields source (the document), ack, ac2 and obj_type.
 *
 * <p>Whatever the archive does, a submission's exchange ends within the timeout: the whole exchange,
 * answer body included, not only the wait for the first byte (an archive that trickles its answer one
 * byte a second would otherwise hold the forwarder forever), and at most {@link #MAX_ANSWER_BYTES} of
 * the answer are kept.
 */
public final class ArchiveClient {

    /** The archive's answer is a submission id or an error text; more than this is not read further. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /**
     * 4xx answers about the document itself (malformed, too large, not processable): sending the same
     * document again would not help. Any other 4xx (401, 403, 404, 429, ...) says the archive will not
     * take anything from us at the moment - configuration or access - and is retried like a 5xx.
     */
    static final Set<Integer> DOCUMENT_REFUSED = Set.of(400, 413, 422);

    /** What the archive made of a submission. */
    public sealed interface Result {
        /** Accepted, with the archive's answer (its submission id). */
        record Accepted(String receipt) implements Result {
        }

        /** Refused for its content (400, 413, 422): sending it again would not help. */
        record Refused(String reason) implements Result {
        }

        /** Not delivered this time (5xx, other 4xx, timeout, connection, not HTTP): try again later. */
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
        CompletableFuture<HttpResponse<String>> exchange =
                http.sendAsync(request, r -> new BoundedText(MAX_ANSWER_BYTES));
        try {
            HttpResponse<String> r = exchange.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            int status = r.statusCode();
            if (status / 100 == 2) {
                return new Result.Accepted(printable(r.body()));
            }
            String reason = "HTTP " + status + ": " + printable(r.body());
            return DOCUMENT_REFUSED.contains(status) ? new Result.Refused(reason) : new Result.Failed(reason);
        } catch (TimeoutException e) {
            exchange.cancel(true); // closes the connection: nothing of this exchange lingers
            return new Result.Failed(noAnswer());
        } catch (ExecutionException e) {
            return new Result.Failed(describe(e.getCause() == null ? e : e.getCause()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return new Result.Failed("interrupted");
        }
    }

    /** What went wrong with the connection, in words: the JDK's message quotes what the archive sent. */
    private String describe(Throwable t) {
        if (t instanceof HttpTimeoutException) {
            return noAnswer(); // the JDK's own timer (request or connect), same meaning as ours
        }
        String what = t instanceof ProtocolException ? "not an HTTP answer"
                : t instanceof ConnectException ? "cannot connect"
                : t instanceof EOFException ? "the connection closed before the answer was complete"
                : "connection failed";
        return what + " (" + t.getClass().getSimpleName()
                + (t.getMessage() == null ? "" : ": " + printable(t.getMessage(), 120)) + ")";
    }

    private String noAnswer() {
        return "no complete answer within " + settings.timeout().toMillis() + " ms";
    }

    static String printable(String s) {
        return printable(s, 500);
    }

    /**
     * Something fit for a log line, an event and a file whatever the archive sent: printable ASCII on one
     * line (anything else becomes '?'), at most {@code max} characters.
     */
    static String printable(String s, int max) {
        String t = s.strip();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.length() && b.length() < max; i++) {
            char c = t.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : c == '\n' || c == '\r' || c == '\t' ? ' ' : '?');
        }
        return t.length() > max ? b + "..." : b.toString();
    }

    /** The answer as text, its first {@code max} bytes; the rest is not asked for. */
    private static final class BoundedText implements HttpResponse.BodySubscriber<String> {
        private final int max;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> text = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedText(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<String> getBody() {
            return text;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                int n = Math.min(b.remaining(), max - bytes.size());
                byte[] a = new byte[n];
                b.get(a);
                bytes.write(a, 0, n);
            }
            if (bytes.size() >= max) {
                subscription.cancel();
                complete();
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            text.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            complete();
        }

        private void complete() {
            text.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
