package dev.tocsin.publisher.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The headless {@link Chromium} driven through the system chromedriver ({@value #DRIVER}, Debian's
 * chromium-driver; Selenium never downloads one), for flows that fill in and submit forms. Without a
 * driver the test is skipped, or fails when {@code TOCSIN_REQUIRE_PEERS=true} (CI).
 */
public final class WebDriverChromium {

    public static final String DRIVER = "/usr/bin/chromedriver";

    private WebDriverChromium() {}

    public static ChromeDriver open() {
        Chromium chromium = Chromium.require();
        if (!Files.isExecutable(Path.of(DRIVER))) {
            String why = "no " + DRIVER + " (Debian package chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv(Chromium.REQUIRE_ENV))) {
                return Assertions.fail("chromedriver required (" + Chromium.REQUIRE_ENV + "=true) but " + why);
            }
            Assumptions.abort("browser test skipped: " + why);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.binary().toFile());
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
                "--window-size=1024,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    /** Saves what the browser shows to {@code target/screenshots/<name>}. */
    public static Path screenshot(ChromeDriver chrome, String name) {
        Path file = Path.of("target", "screenshots", name);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
