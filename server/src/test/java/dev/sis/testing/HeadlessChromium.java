package dev.sis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its chromedriver, for tests of the pages in a real
 * browser. Both executables are named explicitly, so Selenium Manager never runs and nothing is
 * downloaded; the browser starts with a fresh profile and Chrome's own background traffic off.
 * A test that drives it says so with {@code @Requires(CHROMIUM)}: without the packages it is
 * skipped, or fails in strict mode (CI installs them, {@code .ci/run}).
 *
 * <p>Other locations: {@code -Dsis.test.chromium=…} and {@code -Dsis.test.chromedriver=…}. Not
 * thread-safe: one test drives one browser at a time.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Prerequisite.chromium(Prerequisite::systemProperty);
    private static final Path CHROMEDRIVER = Prerequisite.chromedriver(Prerequisite::systemProperty);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A browser with JavaScript on. */
    public static HeadlessChromium start() {
        return start(true);
    }

    /** @param javascript false to see what a browser without script gets */
    public static HeadlessChromium start(boolean javascript) {
        requireInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("sis-chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage", "--lang=en-US",
                "--window-size=1280,1000", "--hide-scrollbars", "--user-data-dir=" + profile);
        if (!javascript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new HeadlessChromium(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteQuietly(profile);
            throw e;
        }
    }

    /** A test that forgot {@code @Requires(CHROMIUM)} fails here, saying what is missing. */
    private static void requireInstalled() {
        Prerequisite.CHROMIUM.missing().ifPresent(missing -> {
            throw new IllegalStateException("this test needs " + missing + " (and should say so with @Requires(CHROMIUM))");
        });
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Runs {@code script} in the page; {@code arguments[i]} are the arguments. */
    @SuppressWarnings("unchecked")
    public <T> T script(String script, Object... arguments) {
        return (T) ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Waits (up to 20 s) until {@code condition} is neither null nor false, and returns it. */
    public <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).until(condition);
    }

    /** Waits until {@code script} returns true. */
    public void waitForScript(String what, String script, Object... arguments) {
        waitUntil(what, d -> Boolean.TRUE.equals(script(script, arguments)));
    }

    /** Hands files to an {@code <input type=file multiple>}, as a user choosing them in the picker. */
    public void choose(String inputCss, Path... files) {
        List<String> paths = new ArrayList<>();
        for (Path file : files) {
            paths.add(file.toAbsolutePath().toString());
        }
        find(inputCss).sendKeys(String.join("\n", paths));
    }

    /** Console messages since the last call (the browser hands each message out once). */
    public List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** Every URL this page loaded: the page itself and each resource (scripts, images, XHR). */
    public List<String> requestedUrls() {
        return script("return [location.href].concat(performance.getEntriesByType('resource').map(e => e.name));");
    }

    /** Emulates {@code prefers-color-scheme} (null for the system's). */
    public void colorScheme(String scheme) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", scheme == null ? "" : scheme))));
    }

    /** Emulates a device {@code width} CSS pixels wide, like a phone; 0 returns to the window's size. */
    public void viewport(int width, int height) {
        if (width == 0) {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        } else {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                    "width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    /** Slows uploads to {@code bytesPerSecond} (0: no limit), so progress and cancel can be watched. */
    public void uploadThroughput(long bytesPerSecond) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", bytesPerSecond == 0 ? -1 : bytesPerSecond));
    }

    /** Lets pages of {@code origin} read and write the clipboard without asking. */
    public void allowClipboard(String origin) {
        driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", origin,
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
    }

    /** The clipboard's text, read as the page would. */
    public String clipboard() {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('error: ' + e));");
    }

    /**
     * Where a test saves a screenshot named {@code name}: {@code target/screenshots/}, so that a
     * test run leaves the tracked files alone; {@code -Dsis.screenshots.dir=docs} refreshes the
     * pictures the README shows.
     */
    public static Path screenshotFile(String name) {
        return Path.of(System.getProperty("sis.screenshots.dir", "target/screenshots"), name);
    }

    /** Saves the whole page (not only what the window or emulated screen shows) as a PNG. */
    @SuppressWarnings("unchecked")
    public void screenshot(Path file) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0,
                        "width", size.get("width"), "height", size.get("height"), "scale", 1)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // A leftover temporary profile is harmless.
        }
    }
}
