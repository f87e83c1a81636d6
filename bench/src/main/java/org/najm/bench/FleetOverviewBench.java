package org.najm.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.najm.constellation.Constellation;
import org.najm.orekit.OrekitData;
import org.najm.simulator.Simulator;
import org.najm.simulator.station.ContactScheduleClient;
import org.najm.simulator.station.PlanFollowingPolicy;
import org.najm.time.SimClock;
import org.najm.time.SimClocks;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The fleet overview in a real browser (Debian's headless chromium) against the whole system at simulation
 * rate 60, timed by the browser itself:
 * <ul>
 * <li>open: from the navigation's start (Navigation Timing, time origin 0) to the page's
 * {@code najm-fleet-loaded} mark (cards, contact strip, held commands drawn from the API) and to its
 * {@code najm-fleet-first-value} mark (the first live value painted from the WebSocket), for full page loads;
 * <li>update latency: for every value painted (five parameters of every spacecraft heard, over the run), the
 * browser's wall time of painting it ({@code performance.timeOrigin + performance.now()}) minus the wall time
 * Yamcs received it (the parameter's acquisition time, on the simulation clock, converted back to wall time).
 * </ul>
 */
public final class FleetOverviewBench implements BenchMain.Benchmark {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final int opens = BenchSupport.intProp("bench.opens", 10);
    private final int watchSeconds = BenchSupport.intProp("bench.watchSeconds", 120);
    private final double rate = BenchSupport.doubleProp("bench.rate", 60);
    private final String start = BenchSupport.stringProp("bench.start", "2026-11-20T00:00:00Z");

    private EmbeddedYamcs yamcs;
    private Simulator simulator;
    private ContactScheduleClient schedule;
    private ChromeDriver driver;
    private Path profile;

    public static void main(String[] args) {
        BenchMain.run("fleet-overview", Report.Echo.AS_WRITTEN, new FleetOverviewBench());
    }

    @Override
    public void run(Report report) throws Exception {
        Path repo = BenchSupport.repoRoot();
        BenchSupport.installLogging();
        OrekitData.context();
        EmbeddedYamcs.Ports ports = EmbeddedYamcs.Ports.free();
        Constellation constellation = ports.constellation(repo);
        SimClock clock = SimClock.startingNow(Instant.parse(start), rate);
        SimClocks.install(clock);
        yamcs = EmbeddedYamcs.prepare("najm-bench-fleet", ports);
        // As in the default run: contacts execute themselves, so the strip shows their outcomes.
        yamcs.start(repo.resolve("etc"), true);
        String web = "http://127.0.0.1:" + ports.httpPort();
        schedule = new ContactScheduleClient(URI.create(web + "/api/najm/contacts"), "observer",
                BenchSupport.DEMO_PASSWORD, constellation, clock);
        schedule.start(Duration.ofMillis(500));
        simulator = Simulator.start(constellation, clock, new Simulator.Options()
                .policy(new PlanFollowingPolicy(schedule)).routineOps(true));

        report.line("# NAJM fleet overview benchmark  " + Instant.now());
        report.line("# " + BenchSupport.environment());
        report.format("# whole system embedded (Yamcs + simulator, stations following the plan), sim start %s,"
                + " rate %.0f; browser: %s headless (Selenium, %s)", start, rate, CHROMIUM, CHROMEDRIVER);

        driver = browser();
        login(web, "observer");
        String page = web + "/ext/najm-fleet?c=najm-1__realtime";
        // Warm-up, and until a first spacecraft has been heard (a value to paint).
        long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            driver.get(page);
            awaitLoaded();
            BenchSupport.sleep(3000);
            if (mark("najm-fleet-first-value") != null) {
                break;
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("no spacecraft heard within 3 minutes");
            }
        }

        report.line("");
        report.line("# open: full page load (index.html, the web UI, the extension, the API, the WebSocket), ms"
                + " from navigation start");
        report.format("%-4s %10s %10s %10s %12s", "run", "DOMready", "load", "loaded", "first value");
        List<Double> loaded = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        for (int i = 1; i <= opens; i++) {
            driver.get(page);
            awaitLoaded();
            Double f = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while ((f = mark("najm-fleet-first-value")) == null && System.nanoTime() < deadline) {
                BenchSupport.sleep(50);
            }
            Map<?, ?> nav = (Map<?, ?>) js("const n = performance.getEntriesByType('navigation')[0];"
                    + " return {dom: n.domContentLoadedEventEnd, load: n.loadEventEnd};");
            double l = mark("najm-fleet-loaded");
            loaded.add(l);
            if (f != null) {
                first.add(f);
            }
            report.format("%-4d %10.0f %10.0f %10.0f %12s", i, num(nav.get("dom")), num(nav.get("load")), l,
                    f == null ? "-" : String.format("%.0f", f));
        }
        report.format("# loaded: median %.0f ms, max %.0f ms; first value: median %.0f ms, max %.0f ms"
                + " (target: < 2000)",
                pct(loaded, 50), pct(loaded, 100), pct(first, 50), pct(first, 100));

        // Update latency over a watch of the page, not reloaded.
        driver.get(page);
        awaitLoaded();
        BenchSupport.sleep(3000); // the values from Yamcs' cache arrive first: not updates
        js("window.najmUpdates = [];");
        List<Object> updates = new ArrayList<>();
        long watchEnd = System.nanoTime() + Duration.ofSeconds(watchSeconds).toNanos();
        while (System.nanoTime() < watchEnd) {
            BenchSupport.sleep(5000);
            updates.addAll((List<?>) js("return window.najmUpdates.splice(0);")); // the page keeps at most 20000
        }
        List<Double> latency = new ArrayList<>();
        List<Double> inBrowser = new ArrayList<>();
        int over = 0;
        for (Object o : updates) {
            Map<?, ?> u = (Map<?, ?>) o;
            if (u.get("acquisitionTime") == null) {
                continue;
            }
            long acquiredWall = clock.toWallMillis(Instant.parse((String) u.get("acquisitionTime")).toEpochMilli());
            double ms = num(u.get("epochPainted")) - acquiredWall;
            latency.add(ms);
            inBrowser.add(num(u.get("painted")) - num(u.get("received")));
            if (ms > 1000) {
                over++;
            }
        }
        report.line("");
        report.format("# update latency: %d values painted in %d s (page not reloaded), ms from Yamcs' reception"
                + " (acquisition time -> wall clock) to the browser painting it", latency.size(), watchSeconds);
        report.format("%-10s %8s %8s %8s %8s %8s %8s %10s", "", "n", "min", "median", "p90", "p99", "max", "over 1 s");
        report.format("%-10s %8d %8.0f %8.0f %8.0f %8.0f %8.0f %10d", "latency", latency.size(), pct(latency, 0),
                pct(latency, 50), pct(latency, 90), pct(latency, 99), pct(latency, 100), over);
        report.format("%-10s %8d %8.2f %8.2f %8.2f %8.2f %8.2f", "in-browser", inBrowser.size(), pct(inBrowser, 0),
                pct(inBrowser, 50), pct(inBrowser, 90), pct(inBrowser, 99), pct(inBrowser, 100));
        report.format("# simulated time at the end %s", clock.now());

        // A held critical command for the picture (it expires unconfirmed), then the screenshot.
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(web
                + "/api/processors/najm-1/realtime/commands/NAJM/REBOOT_OBC"))
                .header("Authorization", BenchSupport.login(ports.httpPort(), "alpha-op"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"args\": {}}")).build(),
                HttpResponse.BodyHandlers.discarding());
        BenchSupport.sleep(3000);
        Path shot = repo.resolve("bench/results/fleet-overview-rate" + Math.round(rate) + ".png");
        Files.createDirectories(shot.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        System.err.println("screenshot: " + shot);
    }

    private ChromeDriver browser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("needs the Debian packages chromium and chromium-driver");
        }
        profile = Files.createTempDirectory("najm-bench-chromium");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1500,1000", "--hide-scrollbars");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .build();
        return new ChromeDriver(service, options);
    }

    private void login(String base, String user) {
        driver.get(base + "/");
        waitFor(() -> !driver.findElements(By.name("username")).isEmpty());
        driver.findElement(By.name("username")).sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(BenchSupport.DEMO_PASSWORD);
        driver.findElement(By.cssSelector("input[type=submit]")).click();
        waitFor(() -> !driver.getCurrentUrl().contains("/auth/"));
    }

    private void awaitLoaded() {
        waitFor(() -> mark("najm-fleet-loaded") != null);
    }

    private void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out at " + driver.getCurrentUrl());
            }
            BenchSupport.sleep(20);
        }
    }

    /** The start time (ms from navigation start) of the page's performance mark, or null. */
    private Double mark(String name) {
        Object v = js("const m = performance.getEntriesByName(arguments[0]); return m.length ? m[0].startTime : null;",
                name);
        return v == null ? null : num(v);
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static double num(Object o) {
        return ((Number) o).doubleValue();
    }

    private static double pct(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            BenchSupport.deleteTree(profile);
        }
        if (simulator != null) {
            simulator.close();
        }
        if (schedule != null) {
            schedule.close();
        }
        if (yamcs != null) {
            yamcs.close();
        }
    }
}
