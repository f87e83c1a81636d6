package org.najm.science.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.najm.science.Tracklet;
import org.najm.science.ades.AdesValidator;
import org.najm.science.ades.AdesWriter;
import org.najm.science.ades.ObservationContext;
import org.najm.science.delivery.Outbox;

/**
 * Tracklets to one ADES submission, validated against submit.xsd: a valid one is queued durably in the outbox, an
 * invalid one is never sent but held in {@code invalid/} with its errors, for an operator.
 */
final class SubmissionWriter {

    /** What became of a submission. */
    sealed interface Result permits Queued, Invalid {
    }

    /** In the outbox under this id. */
    record Queued(String id) implements Result {
    }

    /** Held in this file ({@code .errors} beside it). */
    record Invalid(Path file, List<String> errors) implements Result {
    }

    private final AdesWriter writer = new AdesWriter();
    private final AdesValidator validator = new AdesValidator();
    private final ObservationContext context;
    private final Map<String, String> stationCodes;
    private final Outbox outbox;
    private final Path invalidDir;

    /** @param stationCodes the observatory code of each spacecraft, by name */
    SubmissionWriter(ObservationContext context, Map<String, String> stationCodes, Outbox outbox, Path invalidDir)
            throws IOException {
        this.context = context;
        this.stationCodes = Map.copyOf(stationCodes);
        this.outbox = outbox;
        this.invalidDir = Files.createDirectories(invalidDir);
    }

    /**
     * @param keys    the tracklets' keys, as the outbox records them
     * @param records a line per tracklet kept with the submission (may be empty)
     */
    Result submit(List<Tracklet> tracklets, List<String> keys, List<String> records) throws IOException {
        String xml = writer.write(tracklets, context, stationCodes);
        List<String> errors = validator.errors(xml);
        if (!errors.isEmpty()) {
            Path f = invalidDir.resolve(Instant.now().toEpochMilli() + ".xml");
            Files.writeString(f, xml);
            Files.writeString(f.resolveSibling(f.getFileName() + ".errors"), String.join("\n", errors));
            return new Invalid(f, errors);
        }
        return new Queued(outbox.enqueue(xml, keys, records).id());
    }

    /** Submissions held in {@code invalid/}, or -1 if the directory cannot be read. */
    int invalidCount() {
        try (Stream<Path> s = Files.list(invalidDir)) {
            return (int) s.filter(p -> p.toString().endsWith(".xml")).count();
        } catch (IOException e) {
            return -1;
        }
    }
}
