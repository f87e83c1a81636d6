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
 * show, a restart of the whole JVM after SIGKILL, and its CPU and memory.
 */
public final class MocProcess implements AutoCloseable {

    /** The ports and files of one MOC. */
    public record Setup(int httpPort, int tmPortBase, int tcPortBase, Path dataDir, String archiveUrl,
            Map<String, String> clockEnvironment, Path log) {
    }

    private final Setup setup;
    private Process process;

    private MocProcess(Setup setup) {
        this.setup = setup;
    }

    /** Starts it and waits until its HTTP API answers (at most {@code timeout}). */
    public static MocProcess start(Setup setup, Duration timeout) throws IOException {
        MocProcess moc = new MocProcess(setup);
        moc.launch(timeout);
        return moc;
    }

    private void launch(Duration timeout) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path")); // this JVM's: the plugin and everything it needs
        cmd.add("-Dnajm.httpPort=" + setup.httpPort());
        cmd.add("-Dnajm.tmPortBase=" + setup.tmPortBase());
        cmd.add("-Dnajm.tcPortBase=" + setup.tcPortBase());
        cmd.add("-Dnajm.dataDir=" + setup.dataDir());
        cmd.add("-Dnajm.archiveUrl=" + setup.archiveUrl());
        cmd.add("org.yamcs.YamcsServer");
        cmd.add("--etc-dir");
        cmd.add("etc");
        cmd.add("--log-config");
        cmd.add("etc/logging.properties");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(setup.log().toFile()));
        pb.environment().putAll(setup.clockEnvironment());
        Files.createDirectories(setup.dataDir());
        process = pb.start();
        Process started = process;
        // never outlive the JVM that started it (a benchmark or test stopped with a signal)
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "najm-moc-process-stop"));
        awaitHttp(timeout);
    }

    private void awaitHttp(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ping = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + setup.httpPort() + "/api"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the MOC exited with " + process.exitValue() + " at start: see " + setup.log());
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
        throw new IOException("the MOC did not answer on port " + setup.httpPort() + " within " + timeout
                + ": see " + setup.log());
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
