package dev.tocsin.console.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven by Selenium through the system chromedriver
 * ({@value #DRIVER}; Selenium is never allowed to download one). Without browser or driver a test
 * is skipped, unless {@code TOCSIN_REQUIRE_PEERS=true} (CI), where that is a failure, as for the
 * status page's browser test.
 */
public final class Browser {

    public static final String DRIVER = "/usr/bin/chromedriver";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");

    private Browser() {}

    public static ChromeDriver open() {
        Optional<Path> binary = binary();
        boolean driver = Files.isExecutable(Path.of(DRIVER));
        if (binary.isEmpty() || !driver) {
            String why = binary.isEmpty()
                    ? "no chromium on PATH (or TOCSIN_CHROMIUM)"
                    : "no " + DRIVER + " (Debian chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("TOCSIN_REQUIRE_PEERS"))) {
                return Assertions.fail("Chromium and chromedriver required (TOCSIN_REQUIRE_PEERS=true) but " + why);
            }
            Assumptions.abort("browser test skipped: " + why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--window-size=1366,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /**
     * Saves the whole page at {@code width} (the window grown to the page's height, at least
     * {@code height}, at most 4000 px) to {@code target/screenshots/name}; the window is back at
     * 1366 x 900 afterwards.
     */
    public static Path screenshot(ChromeDriver chrome, String name, int width, int height) {
        chrome.manage().window().setSize(new Dimension(width, height));
        Object pageHeight = chrome.executeScript("return document.documentElement.scrollHeight;");
        int full = Math.min(4000, Math.max(height, ((Number) pageHeight).intValue()));
        chrome.manage().window().setSize(new Dimension(width, full));
        Path file = Path.of("target", "screenshots", name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            chrome.manage().window().setSize(new Dimension(1366, 900));
        }
        return file;
    }

    private static Optional<Path> binary() {
        String configured = System.getenv("TOCSIN_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured.trim())).filter(Files::isExecutable);
        }
        String path = System.getenv("PATH");
        for (String name : NAMES) {
            for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
