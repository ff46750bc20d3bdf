package dev.conference.platform.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver: both paths are given, so
 * Selenium Manager never looks for (or downloads) a browser or a driver. Missing either is a test
 * failure, never a skip.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("browser.screenshots", "target/screenshots"));
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A laptop's browser window, and a phone's screen (CSS pixels). */
    enum Screen { LAPTOP, PHONE }

    final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;
    private Screen screen = Screen.LAPTOP;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    /** Fails (never skips) when chromium or its driver is not installed. */
    static void requireInstalled() {
        for (Path required : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " is missing: the browser tests need Debian's chromium and "
                        + "its driver (apt-get install chromium chromium-driver; .ci/run installs them)");
            }
        }
    }

    static Browser start(String baseUrl) {
        requireInstalled();
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile;
        try {
            profile = Files.createTempDirectory("platform-tests-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--window-size=1280,800", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(10));
        return new Browser(driver, baseUrl, profile);
    }

    /** Opens a page of the site and waits until it is loaded. */
    Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    String url(String path) {
        return baseUrl + path;
    }

    /**
     * Opens the page again and again (each time giving its script up to 2 s) until the condition
     * holds: for what the page shows from a fetch made at load, like the agenda.
     */
    <T> T reloadUntil(String what, String path, Duration timeout, Function<WebDriver, T> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            open(path);
            try {
                return waitUntil(what, Duration.ofSeconds(2), condition);
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Timed out after " + timeout + " reloading " + path + " until " + what, e);
                }
            }
        }
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /**
     * Waits (polling every 100 ms) until the condition answers something other than null or false;
     * an element missing or replaced by the page's script meanwhile counts as not yet.
     */
    <T> T waitUntil(String what, Function<WebDriver, T> condition) {
        return waitUntil(what, WAIT, condition);
    }

    <T> T waitUntil(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).withMessage("waiting until " + what)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    WebElement visible(String css) {
        return waitUntil(css + " is visible", d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.getFirst().isDisplayed() ? null : found.getFirst();
        });
    }

    void type(String css, String text) {
        WebElement field = visible(css);
        field.clear();
        field.sendKeys(text);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Shows pages as on a laptop (1280 × 800 CSS pixels) or a phone (390 × 844, touch, the page's
     * viewport meta honoured, a 2× screen).
     */
    void use(Screen wanted) {
        boolean phone = wanted == Screen.PHONE;
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", phone ? 390 : 1280,
                "height", phone ? 844 : 800, "deviceScaleFactor", phone ? 2 : 1, "mobile", phone));
        screen = wanted;
    }

    /** How many CSS pixels the page is wider than the screen (0 when nothing needs sideways scrolling). */
    long horizontalOverflow() {
        return ((Number) script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .longValue();
    }

    /** Saves the whole page (not only the visible part) as target/screenshots/{name}-{screen}.png. */
    Path screenshot(String name) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> content = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", Math.ceil(content.get("width").doubleValue()),
                "height", Math.min(6000, Math.ceil(content.get("height").doubleValue())));
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Path file = SCREENSHOTS.resolve(name + "-" + screen.name().toLowerCase() + ".png");
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The page's console errors since the last call, without failed requests (a 401 or a 400 the
     * page handles is logged by the browser as a failed resource): script errors and Content
     * Security Policy violations stay.
     */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
