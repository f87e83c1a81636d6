package org.najm.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The MOC as its own process, as {@code ./run.sh} starts it (Yamcs with the NAJM plugin, the
 * repository's etc/), on the given ports and data directory: for what an embedded server cannot
 * show, a restart of the whole JVM after SIGKILL, and its CPU and memory. Also a partner site's server
 * (etc/site), which must be a process of its own next to a MOC (Yamcs is one server per JVM).
 */
public final class MocProcess implements AutoCloseable {

    /** The ports and files of one MOC. */
    public record Setup(int httpPort, int tmPortBase, int tcPortBase, Path dataDir, String archiveUrl,
            Map<String, String> clockEnvironment, Path log) {
    }

    /** The ports and files of one partner site (docs/sites.md), cascaded from the MOC at {@code mocUrl}. */
    public record SiteSetup(String partner, int httpPort, String mocUrl, Path dataDir,
            Map<String, String> clockEnvironment, Path log, int gapFillingSeconds) {
    }

    private final Setup setup;
    private final int httpPort;
    private final List<String> serverArgs;
    private final Map<String, String> environment;
    private final Path dataDir;
    private final Path log;
    private Process process;

    private MocProcess(Setup setup, int httpPort, List<String> serverArgs, Map<String, String> environment,
            Path dataDir, Path log) {
        this.setup = setup;
        this.httpPort = httpPort;
        this.serverArgs = List.copyOf(serverArgs);
        this.environment = Map.copyOf(environment);
        this.dataDir = dataDir;
        this.log = log;
    }

    /** Starts it and waits until its HTTP API answers (at most {@code timeout}). */
    public static MocProcess start(Setup setup, Duration timeout) throws IOException {
        MocProcess moc = new MocProcess(setup, setup.httpPort(), List.of(
                "-Dnajm.httpPort=" + setup.httpPort(),
                "-Dnajm.tmPortBase=" + setup.tmPortBase(),
                "-Dnajm.tcPortBase=" + setup.tcPortBase(),
                "-Dnajm.dataDir=" + setup.dataDir(),
                "-Dnajm.archiveUrl=" + setup.archiveUrl(),
                "org.yamcs.YamcsServer", "--etc-dir", "etc", "--log-config", "etc/logging.properties"),
                setup.clockEnvironment(), setup.dataDir(), setup.log());
        moc.launch(timeout);
        return moc;
    }

    /** A partner site's server, as {@code NAJM_SITES=... ./run.sh} starts it (etc/site), once its API answers. */
    public static MocProcess startSite(SiteSetup site, Duration timeout) throws IOException {
        MocProcess server = new MocProcess(null, site.httpPort(), List.of(
                "-Dnajm.site=" + site.partner(),
                "-Dnajm.httpPort=" + site.httpPort(),
                "-Dnajm.dataDir=" + site.dataDir(),
                "-Dnajm.serverId=najm-site-" + site.partner(),
                "-Dnajm.siteUser=site-" + site.partner(),
                "-Dnajm.mocUrl=" + site.mocUrl(),
                "-Dnajm.gapFillingSeconds=" + site.gapFillingSeconds(),
                "org.yamcs.YamcsServer", "--etc-dir", "etc/site", "--log-config", "etc/logging.properties"),
                site.clockEnvironment(), site.dataDir(), site.log());
        server.launch(timeout);
        return server;
    }

    private void launch(Duration timeout) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path")); // this JVM's: the plugin and everything it needs
        cmd.addAll(serverArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(environment);
        Files.createDirectories(dataDir);
        process = pb.start();
        Process started = process;
        // never outlive the JVM that started it (a benchmark or test stopped with a signal)
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "najm-moc-process-stop"));
        awaitHttp(timeout);
    }

    private void awaitHttp(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + " at start: see " + log);
            }
            try {
                // 401 without credentials: the server is up
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() > 0) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the MOC", e);
            }
            sleepQuietly(200);
        }
        throw new IOException("the server did not answer on port " + httpPort + " within " + timeout
                + ": see " + log);
    }

    /** SIGKILL: the JVM ends at once, nothing is shut down cleanly. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A new MOC process on the same ports and data directory. */
    public void restart(Duration timeout) throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("the MOC is still running: kill() it first");
        }
        launch(timeout);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** CPU time (user + system) the process has used, from /proc, in seconds. */
    public double cpuSeconds() throws IOException {
        String[] f = Files.readString(Path.of("/proc", Long.toString(pid()), "stat")).replaceAll(".*\\) ", "")
                .split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
        return ticks / 100.0; // USER_HZ
    }

    /** Resident memory, from /proc, in MiB. */
    public double residentMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for process " + pid());
    }

    /** The MOC's setup; null for a site. */
    public Setup setup() {
        return setup;
    }

    /** Stops it cleanly (SIGTERM: Yamcs' shutdown hook), then forcibly after 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
