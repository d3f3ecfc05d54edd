package ai.kubiya.secretaudit.support;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, headless, for the tests that look at a page in a real browser
 * (the owner reminder, the portal). Selenium Manager cannot download a browser or driver here, so it is never asked
 * to. Without them a test is skipped on a developer's machine and fails under {@code CI=true}: {@code .ci/run}
 * installs them.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /**
     * @param profile a fresh folder for the browser's profile
     * @param prefs   Chromium preferences (e.g. where downloads go); may be empty
     * @param extra   more command-line switches
     */
    public static ChromeDriver start(Path profile, Map<String, Object> prefs, String... extra) {
        File browser = onPath("chromium");
        File driver = onPath("chromedriver");
        if (browser == null || driver == null) {
            String why = "Chromium and its driver are needed (apt-get install chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why);
            }
            Assumptions.abort(why);
        }
        ChromeOptions options = new ChromeOptions().setBinary(browser).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath());
        options.addArguments(List.of(extra));
        if (!prefs.isEmpty()) {
            options.setExperimentalOption("prefs", prefs);
        }
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .withTimeout(Duration.ofSeconds(60)).build();
        return new ChromeDriver(service, options);
    }

    private static File onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File file = new File(dir, command);
            if (file.canExecute()) {
                return file;
            }
        }
        return null;
    }
}
