package org.najm.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A person at the web UI: Debian's headless chromium driven through Debian's chromedriver, logged in
 * through the login page. Both paths are given, so Selenium never looks for (or downloads) a browser.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Screenshots, kept as build artefacts. */
    static final Path SHOTS = Path.of("yamcs-plugin", "target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /** A fresh browser (its own profile directory) at the web UI of {@code sys}, not logged in. */
    static Browser open(NajmSystem sys) throws IOException {
        for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(p)) {
                fail(p + " is missing: the browser tests need the Debian packages chromium and chromium-driver"
                        + " (apt-get install chromium chromium-driver; tools/test-prerequisites.sh does it as root)");
            }
        }
        Path profile = Files.createTempDirectory("najm-chromium");
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1500,1000", "--hide-scrollbars");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return new Browser(driver, profile, "http://127.0.0.1:" + sys.httpPort());
    }

    /** Logs in through the web UI's login page (Yamcs' /auth/authorize form), as a person would. */
    Browser login(String user, String password) {
        driver.get(base + "/");
        WebElement name = await("the login form", By.name("username"));
        name.sendKeys(user);
        driver.findElement(By.name("password")).sendKeys(password);
        driver.findElement(By.cssSelector("input[type=submit]")).click();
        until("the web UI after logging in as " + user,
                () -> driver.getCurrentUrl().contains("/auth/") ? Optional.empty() : Optional.of(true));
        return this;
    }

    /** Loads a page of the web UI (a full page load). */
    void get(String pathAndQuery) {
        driver.get(base + pathAndQuery);
    }

    String url() {
        return driver.getCurrentUrl();
    }

    Optional<WebElement> first(By by) {
        try {
            return driver.findElements(by).stream().filter(WebElement::isDisplayed).findFirst();
        } catch (WebDriverException e) {
            return Optional.empty(); // re-rendered under our feet: look again
        }
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** The element, once it is shown. */
    WebElement await(String what, By by) {
        return until(what, () -> first(by));
    }

    /**
     * The text of the shown element once {@code test} holds for it, looked up again on every try: the page
     * re-renders its tables (held commands every second), so an element found once can be gone the next moment.
     */
    String awaitText(String what, By by, Predicate<WebElement> test) {
        return until(what, () -> first(by).filter(test).map(WebElement::getText));
    }

    /** Runs JavaScript in the page; returns what it returns. */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Polls the page until {@code probe} answers; on timeout, a screenshot shows what was there. */
    <T> T until(String what, Supplier<Optional<T>> probe) {
        try {
            return Poll.until(Duration.ofSeconds(30), what, () -> {
                try {
                    return probe.get();
                } catch (WebDriverException e) {
                    return Optional.empty();
                }
            }, driver::getCurrentUrl);
        } catch (AssertionError e) {
            try {
                screenshot("failed-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
            } catch (IOException | WebDriverException ignored) {
                // the failure itself is what matters
            }
            throw e;
        }
    }

    /** Saves a screenshot as target/screenshots/{name}.png (a build artefact); returns its path. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SHOTS);
        Path shot = SHOTS.resolve(name + ".png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
                StandardCopyOption.REPLACE_EXISTING);
        return shot;
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }
}
