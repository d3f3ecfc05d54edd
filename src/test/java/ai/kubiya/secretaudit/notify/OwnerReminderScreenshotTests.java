package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.WorstFirst;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import ai.kubiya.secretaudit.support.HeadlessChromium;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The default owner reminder as a phone shows it, in a real headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}): the expired certificate is the first thing on the screen, nothing scrolls sideways, and
 * the screenshot is saved as {@code target/screenshots/owner-reminder-390x844.png} (docs/images/owner-reminder.png
 * is a copy). Without Chromium the test is skipped, except under {@code CI=true}, where it fails.
 */
class OwnerReminderScreenshotTests {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 26);
    private static final String EXPIRED = "payments-gateway-tls";
    /** An iPhone 12–15's viewport in CSS pixels: the narrowest common phone screen owners read mail on. */
    private static final int WIDTH = 390;
    private static final int HEIGHT = 844;

    private final OwnerReminder reminder = new OwnerReminder(new OwnerGuidance(new GuidanceProperties(Map.of(
            "token", new GuidanceProperties.Guidance("Rotate it with the vault runbook.",
                    "https://runbooks.acme.example/rotate?secret={name}")), "waivers@acme.example")));

    @TempDir
    Path profile;

    @Test
    void onAPhoneTheExpiredCertificateIsTheFirstRowOnTheFirstScreenAndNothingScrollsSideways() throws Exception {
        List<FindingRow> rows = owner();
        Path html = Files.createDirectories(Path.of("target", "screenshots")).resolve("owner-reminder.html");
        Files.writeString(html, reminder.render(AS_OF, rows).html());

        ChromeDriver chrome = chrome();
        try {
            chrome.get(html.toUri().toString());
            JavascriptExecutor page = chrome;
            viewport(chrome, page);
            long viewport = ((Number) page.executeScript("return window.innerHeight")).longValue();
            long width = ((Number) page.executeScript("return window.innerWidth")).longValue();
            long scrollWidth = ((Number) page.executeScript("return document.documentElement.scrollWidth"))
                    .longValue();
            WebElement first = chrome.findElement(By.id("finding-1"));
            Rectangle row = first.getRect();
            Files.write(html.resolveSibling("owner-reminder-" + WIDTH + "x" + HEIGHT + ".png"),
                    chrome.getScreenshotAs(OutputType.BYTES));

            assertThat(first.getText()).startsWith("EXPIRED").contains(EXPIRED, "expired on 2026-11-25",
                    "What to do: Renew the certificate");
            assertThat(row.getY()).as("the row's top, px").isLessThan(800);
            assertThat(viewport).isEqualTo(HEIGHT);
            assertThat((long) row.getY() + row.getHeight()).as("the bottom of its 'what to do', px").isLessThanOrEqualTo(viewport);
            assertThat(scrollWidth).as("the page's width on a %d px screen", width).isLessThanOrEqualTo(width);
            assertThat(chrome.findElement(By.linkText("Request a waiver")).getAttribute("href"))
                    .isEqualTo("mailto:waivers@acme.example");
        } finally {
            chrome.quit();
        }
    }

    @Test
    void theTextPartReadsTheSameWorstFirst() {
        List<String> lines = reminder.render(AS_OF, owner()).text().lines().toList();

        assertThat(lines.get(0)).isEqualTo("The secret rotation audit of 2026-11-26 found 33 secrets of yours that"
                + " need attention (33 findings), worst first:");
        assertThat(lines.get(2)).isEqualTo("EXPIRED: " + EXPIRED + " — expired on 2026-11-25 (1 day ago)");
        assertThat(lines).contains("CRITICAL: edge-proxy-tls — expires on 2026-11-30 (in 4 days)",
                "… and 8 more in the attached workbook.",
                "Cannot fix it in time? Request a waiver: mailto:waivers@acme.example");
    }

    /** The window is the viewport plus whatever the browser keeps for itself (143 px high here): size the inside. */
    private static void viewport(ChromeDriver chrome, JavascriptExecutor page) {
        chrome.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
        long width = ((Number) page.executeScript("return window.innerWidth")).longValue();
        long height = ((Number) page.executeScript("return window.innerHeight")).longValue();
        chrome.manage().window().setSize(new Dimension((int) (2 * WIDTH - width), (int) (2 * HEIGHT - height)));
    }

    /** One owner's week: a certificate expired yesterday, one expiring in 4 days, 31 tokens overdue. */
    private static List<FindingRow> owner() {
        List<FindingRow> rows = new ArrayList<>(Stream.of(
                certificate(EXPIRED, Status.EXPIRED, AS_OF.minusDays(1)),
                certificate("edge-proxy-tls", Status.EXPIRING, AS_OF.plusDays(4))).toList());
        IntStream.range(0, 31).forEach(i -> rows.add(new FindingRow("ci-deploy-token-" + i, "token", "organization",
                "github", "dana.ops@acme.example", Rule.ROTATION, Status.OVERDUE, Severity.HIGH,
                AS_OF.minusDays(30 + 11L * i), 120 + i, "OPEN", null)));
        rows.sort(WorstFirst.ORDER);
        return rows;
    }

    private static FindingRow certificate(String name, Status status, LocalDate due) {
        return new FindingRow(name, "certificate", "organization", null, "dana.ops@acme.example",
                Rule.CERTIFICATE_EXPIRY, status, Severity.CRITICAL, due, null, "NEW", null);
    }

    private ChromeDriver chrome() {
        return HeadlessChromium.start(profile, Map.of(), "--hide-scrollbars");
    }
}
