package org.najm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import com.google.gson.JsonParser;
import com.sun.management.OperatingSystemMXBean;

/** What the benchmarks share: login, quiet-but-counted logging, temporary trees, socket drop counters, options. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** The password of the development accounts (etc/users.yaml) the benchmarks log in with. */
    static final String DEMO_PASSWORD = "najm-demo";

    /**
     * Logs in once (OAuth password grant on /auth/token, as the web UI does) and returns the
     * value of the Authorization header for later requests: a bearer token costs no password
     * hashing per request, as an operator's client would not either.
     */
    static String login(int httpPort, String user) {
        try {
            var form = "grant_type=password&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + "&password=" + DEMO_PASSWORD;
            var r = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/auth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("login of " + user + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return "Bearer " + JsonParser.parseString(r.body()).getAsJsonObject().get("access_token").getAsString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The repository root: the benchmarks run from there (Yamcs resolves mdb paths against the working directory). */
    static Path repoRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(cwd.resolve("etc/yamcs.yaml")) || !Files.isRegularFile(cwd.resolve("mdb/najm.xml"))) {
            throw new IllegalStateException("run the benchmarks from the repository root (found no etc/yamcs.yaml "
                    + "and mdb/najm.xml in " + cwd + ")");
        }
        return cwd;
    }

    /** Copies a directory tree (the repository's etc/ into the benchmark's own etc/). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp files: best effort
        }
    }

    /**
     * JUL set up for a benchmark: the console shows only the first few occurrences of each warning
     * (an overflowing archive can log one warning per packet), and every warning is counted.
     */
    static LogCounter installLogging() {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        LogCounter counter = new LogCounter();
        root.addHandler(counter);
        return counter;
    }

    /** Counts WARNING+ records; the parameter archive's data-dropping warnings separately. */
    static final class LogCounter extends Handler {
        private static final int SHOW_PER_MESSAGE = 3;
        final AtomicLong warnings = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong parameterArchiveDrops = new AtomicLong();
        private final Map<String, AtomicLong> perMessage = new ConcurrentHashMap<>();

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() < Level.WARNING.intValue()) {
                return;
            }
            warnings.incrementAndGet();
            if (r.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.incrementAndGet();
            }
            String msg = String.valueOf(r.getMessage());
            String logger = String.valueOf(r.getLoggerName());
            // a retrieval of a parameter not yet back-filled (the benchmark's own probe) is not a drop
            boolean retrieval = logger.endsWith("SingleParameterRetrieval") && msg.startsWith("No parameter id");
            if (!retrieval && (logger.contains("parameterarchive") || msg.contains("parameter archive")
                    || msg.contains("Dropping old data") || msg.contains("realtime filler"))) {
                parameterArchiveDrops.incrementAndGet();
            }
            String key = logger + "|" + msg;
            long n = perMessage.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
            if (n <= SHOW_PER_MESSAGE) {
                String text = msg;
                if (r.getParameters() != null && r.getParameters().length > 0) {
                    text = msg + " " + Arrays.toString(r.getParameters());
                }
                System.err.println("[log " + r.getLevel() + "] " + logger + ": " + text
                        + (n == SHOW_PER_MESSAGE ? "  (further occurrences only counted)" : "")
                        + (r.getThrown() != null ? " : " + r.getThrown() : ""));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Host-wide UDP RcvbufErrors from /proc/net/snmp (other processes on the host count too). -1 when not readable. */
    static long hostRcvbufErrors() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/net/snmp"), StandardCharsets.US_ASCII);
            String[] names = null;
            for (String line : lines) {
                if (!line.startsWith("Udp:")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                if (names == null) {
                    names = f;
                } else {
                    for (int i = 1; i < names.length && i < f.length; i++) {
                        if (names[i].equals("RcvbufErrors")) {
                            return Long.parseLong(f[i]);
                        }
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    static String readSysctl(String path) {
        try {
            try (var r = Files.newBufferedReader(Path.of(path), StandardCharsets.US_ASCII)) {
                String line = r.readLine();
                return line == null ? "?" : line.trim();
            }
        } catch (IOException e) {
            return "?";
        }
    }

    /** The CPU time of this JVM so far, all threads, ns. */
    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** A one-line description of the machine the numbers came from. */
    static String environment() {
        Runtime rt = Runtime.getRuntime();
        String load = readSysctl("/proc/loadavg");
        return String.format("java %s, %d cores, max heap %d MiB, net.core.rmem_max=%s, rmem_default=%s, loadavg %s",
                System.getProperty("java.version"), rt.availableProcessors(), rt.maxMemory() >> 20,
                readSysctl("/proc/sys/net/core/rmem_max"), readSysctl("/proc/sys/net/core/rmem_default"), load);
    }

    // The options: -D system properties (bench/run.sh passes its arguments to the JVM).

    static String stringProp(String name, String dflt) {
        return System.getProperty(name, dflt);
    }

    static boolean boolProp(String name, boolean dflt) {
        return Boolean.parseBoolean(System.getProperty(name, Boolean.toString(dflt)).trim());
    }

    static int intProp(String name, int dflt) {
        return Integer.parseInt(System.getProperty(name, Integer.toString(dflt)).trim());
    }

    static double doubleProp(String name, double dflt) {
        return Double.parseDouble(System.getProperty(name, Double.toString(dflt)).trim());
    }

    static int[] intListProp(String name, String dflt) {
        String[] parts = listProp(name, dflt);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    /** A comma- or blank-separated list. */
    static String[] listProp(String name, String dflt) {
        String[] parts = System.getProperty(name, dflt).split("[,\\s]+");
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
        }
        return parts;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
