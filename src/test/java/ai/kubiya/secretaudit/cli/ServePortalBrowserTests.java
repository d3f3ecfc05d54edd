package ai.kubiya.secretaudit.cli;

import static ai.kubiya.secretaudit.cli.ServePortal.claims;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import ai.kubiya.secretaudit.support.HeadlessChromium;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), as an auditor uses
 * it: sign in at the OpenID Connect provider, open a run, filter its findings, download its workbook and check the
 * file's SHA-256 against the one the page shows. Without Chromium the test is skipped, except under {@code CI=true},
 * where it fails.
 */
class ServePortalBrowserTests {

    private static final String HOSTILE_NAME = "aa<img src=x onerror=\"document.title = 'pwned'\"> & co/?#%";

    @TempDir
    Path profile;

    @TempDir
    Path downloads;

    @Test
    void anAuditorSignsInOpensARunFiltersItsFindingsAndDownloadsTheWorkbookWhoseSha256MatchesThePage()
            throws Exception {
        ChromeDriver chrome = chrome();
        try (ServePortal portal = new ServePortal(Map.of())) {
            portal.nextSignIn("auditor-7", claims("auditor@acme.example", true, "audit-team"));

            chrome.get(portal.base + "/runs");
            assertThat(chrome.getCurrentUrl()).startsWith(portal.base + "/runs"); // ?continue: the saved request
            assertThat(chrome.findElement(By.id("runs")).getText()).contains("DRY RUN");

            chrome.findElement(By.linkText("1")).click();
            assertThat(chrome.findElement(By.tagName("h1")).getText()).startsWith("Run 1");
            String shown = chrome.findElement(By.id("workbook-sha256")).getText();

            chrome.findElement(By.id("findings-link")).click();
            new Select(chrome.findElement(By.id("filter-severity"))).selectByValue("CRITICAL");
            chrome.findElement(By.id("apply")).click();
            // the filtered page replaces this one: read it once it is there, not the old one as it goes (stale)
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> chrome.getCurrentUrl().contains("severity=CRITICAL"));
            String findings = Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> chrome.findElement(By.id("findings")).getText(), text -> text.contains("alice-cert"));
            assertThat(findings).contains("alice-cert").doesNotContain("alice-token", "bob-token");

            chrome.get(portal.base + "/runs/1");
            chrome.findElement(By.id("workbook-link")).click();
            Path workbook = downloads.resolve("audit-2026-11-29-run1.xlsx");
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(workbook)
                    && noPartialDownloads());
            assertThat(Sha256.hex(workbook)).isEqualTo(shown).isEqualTo(Sha256.hex(ServePortal.WORKBOOK));
        } finally {
            chrome.quit();
        }
    }

    @Test
    void aRareFilterSaysItSearchesOnUntilItsMatchShowsAndAFailedSignInPageQuotesNothing() throws Exception {
        ChromeDriver chrome = chrome();
        try (ServePortal portal = new ServePortal(Map.of("audit.portal.filter-window", 1000))) {
            long run = portal.jdbc.queryForObject("""
                    INSERT INTO audit_run (as_of, source, dry_run, status, started_at, read_count, finding_count,
                                           policy_version, policy, app_version)
                    VALUES ('2026-11-28T02:00:00Z', 'synthetic', false, 'COMPLETED', now(), 2500, 2500, 'policy-v1',
                            '{}', 'test') RETURNING id""", Long.class);
            portal.jdbc.update("""
                    INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, owner,
                                         policy_version)
                    SELECT ?, 'rare-' || lpad(n::text, 4, '0'), 'ROTATION',
                           CASE WHEN n = 1800 THEN 'EXPIRED' ELSE 'OVERDUE' END, 'HIGH', 'NEW', 'rotate it', 'token',
                           'dave@acme.example', 'policy-v1'
                    FROM generate_series(1, 2500) n""", run);
            // a name and a message written to run in the page (first in the run's order), before the run is read: a
            // completed run's rows never change, and the portal counts their values once (FindingFacets)
            portal.jdbc.update("""
                    INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, owner,
                                         policy_version)
                    VALUES (?, ?, 'ROTATION', 'UNUSED', 'LOW', 'NEW', ?, 'token', 'dave@acme.example', 'policy-v1')""",
                    run, HOSTILE_NAME, "<script>document.title = 'pwned'</script>");
            portal.nextSignIn("auditor-8", claims("auditor@acme.example", true, "audit-team"));

            chrome.get(portal.base + "/runs/" + run + "/findings?status=EXPIRED");
            assertThat(chrome.findElement(By.id("searched")).getText())
                    .contains("Fewer than a page of these findings among the next 1,000 of the run, up to rare-0999");
            chrome.findElement(By.id("next-page")).click();
            String findings = Awaitility.await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> chrome.findElement(By.id("findings")).getText(), text -> text.contains("rare-1800"));
            assertThat(findings).doesNotContain("rare-1799", "rare-1801");

            // the name and message stay text: in the findings, the run's changes, the secret's history (the rows are
            // written by portal/HtmlRows, not by the template). Read as text, not by whether a script ran: the
            // Content-Security-Policy would stop one anyway.
            chrome.get(portal.base + "/runs/" + run + "/findings?status=UNUSED");
            assertThat(chrome.findElement(By.id("findings")).getText()).contains(HOSTILE_NAME,
                    "<script>document.title = 'pwned'</script>");
            chrome.findElement(By.linkText(HOSTILE_NAME)).click();
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> chrome.getCurrentUrl().contains("history"));
            assertThat(chrome.findElement(By.tagName("body")).getText()).contains(HOSTILE_NAME);
            chrome.get(portal.base + "/runs/" + run);
            assertThat(chrome.findElement(By.id("changes")).getText()).contains(HOSTILE_NAME);

            chrome.get(portal.base + "/sign-in-failed?problem=%3Cb%3Eforged%3C%2Fb%3E");
            assertThat(chrome.findElement(By.tagName("body")).getText()).contains("The sign-in did not complete.")
                    .doesNotContain("forged");
        } finally {
            chrome.quit();
        }
    }

    private boolean noPartialDownloads() throws Exception {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.noneMatch(file -> file.getFileName().toString().endsWith(".crdownload"));
        }
    }

    private ChromeDriver chrome() {
        return HeadlessChromium.start(profile, Map.of("download.default_directory", downloads.toAbsolutePath()
                .toString(), "download.prompt_for_download", false));
    }
}
