package org.switchboard.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium driven through its chromium-driver, headless: the browser the dashboard's tests use. Both are
 * found on the PATH or at Debian's paths, so Selenium never tries to download a browser or a driver of its own.
 */
final class HeadlessChromium {
    private static final List<String> BROWSERS = List.of("chromium", "chromium-browser", "google-chrome");
    private static final List<String> DRIVERS = List.of("chromedriver");

    private HeadlessChromium() {
    }

    /**
     * Skips the calling test when chromium or its driver is missing; fails it instead when SWITCHBOARD_REQUIRE_TOOLS=1
     * (CI installs them: .ci/run).
     */
    static ChromeDriver start(Path profileDir) throws IOException {
        Optional<Path> browser = onPath(BROWSERS);
        Optional<Path> driver = onPath(DRIVERS).or(() -> existing(Path.of("/usr/lib/chromium/chromedriver")));
        if (browser.isEmpty() || driver.isEmpty()) {
            String message = "chromium and chromium-driver are needed for the dashboard's browser test"
                    + " (apt-get install chromium chromium-driver)";
            if ("1".equals(System.getenv("SWITCHBOARD_REQUIRE_TOOLS"))) {
                Assertions.fail(message + ", and SWITCHBOARD_REQUIRE_TOOLS=1");
            }
            Assumptions.abort(message);
        }
        Files.createDirectories(profileDir);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(browser.get().toFile());
        options.addArguments("--headless=new", "--window-size=1280,1000", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--user-data-dir=" + profileDir.toAbsolutePath(),
                // the tests run as root on CI, where chromium refuses its sandbox
                "--no-sandbox");
        // the page's console, for the test to print when a step fails
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driver.get().toFile())
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(30))
                .build();
        return new ChromeDriver(service, options);
    }

    /** Saves what the browser shows to it-tests/target/screenshots/NAME.png, the test's artifact. */
    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Path dir = Path.of("target", "screenshots");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** Prints what the page wrote to its console since the last call, each line marked with the test's name. */
    static void printConsole(ChromeDriver driver, org.junit.jupiter.api.TestInfo test) {
        if (driver != null) {
            console(driver).forEach(l -> System.out.println("[browser, " + test.getDisplayName() + "] " + l));
        }
    }

    /** What the page wrote to its console since the last call (errors included), a line each. */
    static List<String> console(ChromeDriver driver) {
        return driver.manage().logs().get("browser").getAll().stream()
                .map(e -> e.getLevel() + " " + e.getMessage()).toList();
    }

    private static Optional<Path> onPath(List<String> names) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String name : names) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> existing(Path p) {
        return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
}
