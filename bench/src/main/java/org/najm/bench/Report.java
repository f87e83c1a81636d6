package org.najm.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A benchmark's report: to stdout, line by line or all at the end, and to bench/results/{name}-{date}.txt. */
final class Report {

    /** When stdout gets the report. */
    enum Echo {
        /** Line by line, for benchmarks whose steps take minutes; the file's name follows on stdout. */
        AS_WRITTEN,
        /** All at once at the end, after the progress lines on stderr; the file's name goes to stderr. */
        AT_END
    }

    private final PrintStream stdout;
    private final Echo echo;
    private final Path repo;
    private final StringBuilder text = new StringBuilder();

    /** @param repo the repository root, where bench/results/ is */
    Report(PrintStream stdout, Echo echo, Path repo) {
        this.stdout = stdout;
        this.echo = echo;
        this.repo = repo;
    }

    void line(String line) {
        append(line + "\n");
    }

    void format(String format, Object... args) {
        line(String.format(format, args));
    }

    /** Text that ends its own lines (a table, a paragraph). */
    void append(String chunk) {
        text.append(chunk);
        if (echo == Echo.AS_WRITTEN) {
            stdout.print(chunk);
            stdout.flush();
        }
    }

    /** Writes bench/results/{name}-{date}.txt and says where. */
    Path save(String name) {
        if (echo == Echo.AT_END) {
            stdout.print(text);
            stdout.flush();
        }
        Path file = write(repo.resolve("bench/results"), name);
        if (echo == Echo.AS_WRITTEN) {
            stdout.println("# written to " + repo.relativize(file));
        } else {
            System.err.println("written to " + file);
        }
        return file;
    }

    private Path write(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmmss"));
            Path file = dir.resolve(name + "-" + stamp + ".txt");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
