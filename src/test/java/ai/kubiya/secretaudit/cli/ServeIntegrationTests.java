package ai.kubiya.secretaudit.cli;

import static ai.kubiya.secretaudit.cli.ServePortal.ALICE;
import static ai.kubiya.secretaudit.cli.ServePortal.claims;
import static ai.kubiya.secretaudit.support.PortalClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.support.PortalClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/portal.md over real HTTP: the sign-in at a real OpenID Connect provider, then every page and download tried as
 * an auditor, as an owner (their own ids and someone else's), as a signed-in user with no role, and anonymously; the
 * security headers and the session cookie; the access log.
 */
class ServeIntegrationTests {

    static ServePortal portal;

    /** Every page and download of the portal, for run 1 (Alice's and Bob's findings, a stored workbook). */
    static final List<String> PAGES = List.of("/runs", "/runs/1", "/runs/1/findings", "/runs/2/findings",
            "/secrets/history?name=alice-token", "/secrets/history?name=bob-token", "/runs/1/workbook",
            "/runs/1/export/csv", "/access-log");

    @BeforeAll
    static void serve() throws Exception {
        portal = new ServePortal(Map.of());
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    PortalClient signIn(String subject, Map<String, Object> claims, int expectedStatus) throws Exception {
        PortalClient client = new PortalClient();
        portal.nextSignIn(subject, claims);
        HttpResponse<byte[]> landing = client.follow(portal.base + "/runs");
        assertThat(landing.statusCode()).as(text(landing)).isEqualTo(expectedStatus);
        return client;
    }

    PortalClient auditor() throws Exception {
        return signIn("auditor-1", claims("auditor@acme.example", true, "staff", "audit-team"), 200);
    }

    PortalClient alice() throws Exception {
        return signIn("alice-1", claims("ALICE@acme.example", true, "owners"), 200);
    }

    @Test
    void anAnonymousVisitorIsSentToTheProviderFromEveryPageAndSeesOnlyHealth() throws Exception {
        PortalClient anonymous = new PortalClient();
        for (String page : PAGES) {
            HttpResponse<byte[]> response = anonymous.get(portal.base + page);
            assertThat(response.statusCode()).as(page).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(page).hasValue(portal.base
                    + "/oauth2/authorization/audit");
        }
        HttpResponse<byte[]> health = anonymous.get(portal.base + "/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(text(health)).contains("\"status\":\"UP\"");
        assertThat(anonymous.get(portal.base + "/actuator/env").statusCode()).isNotEqualTo(200);
    }

    @Test
    void aSignInTheProviderDidNotConfirmEndsOnAPageThatSaysSoAndGrantsNothing() throws Exception {
        PortalClient browser = new PortalClient();

        HttpResponse<byte[]> failed = browser.get(portal.base + "/login/oauth2/code/audit?code=forged-code&state=x");

        assertThat(failed.statusCode()).isEqualTo(401);
        assertThat(text(failed)).contains("Sign-in failed", "did not confirm", "nothing was granted")
                .doesNotContain("forged-code", "Invalid credentials");
        assertThat(browser.get(portal.base + "/runs").statusCode()).isEqualTo(302);
        assertThat(text(browser.get(portal.base + "/sign-in-failed?problem=typed-by-a-visitor")))
                .contains("The sign-in did not complete.").doesNotContain("typed-by-a-visitor");
    }

    @Test
    void anAuditorSignsInAtTheProviderAndOpensEveryPage() throws Exception {
        PortalClient auditor = auditor();
        for (String page : PAGES) {
            HttpResponse<byte[]> response = auditor.get(portal.base + page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
        }
        assertThat(text(auditor.get(portal.base + "/runs/1/findings")))
                .contains("alice-token", "alice-cert", "bob-token");
        assertThat(text(auditor.get(portal.base + "/runs"))).contains("DRY RUN", Sha256.hex(ServePortal.WORKBOOK));
        assertThat(text(auditor.get(portal.base + "/runs/1"))).contains(ServePortal.MALFORMED, "alice-token",
                "bob-token", Sha256.hex(ServePortal.WORKBOOK), "href=\"/runs/1/export/csv\"",
                "href=\"/runs/1/export/ocsf\"");
        assertThat(auditor.get(portal.base + "/runs/999").statusCode()).isEqualTo(404);
        // each request timed once, not each of its security filters and decisions (PortalSecurityConfiguration)
        MeterRegistry meters = portal.context.getBean(MeterRegistry.class);
        assertThat(meters.find("http.server.requests").timers()).isNotEmpty();
        assertThat(meters.getMeters()).noneMatch(meter -> meter.getId().getName().startsWith("spring.security"));
    }

    @Test
    void theWorkbookArrivesWithItsCheckedSha256InAHeaderAndIsNeverCached() throws Exception {
        HttpResponse<byte[]> download = auditor().get(portal.base + "/runs/1/workbook");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(Sha256.hex(download.body())).isEqualTo(Sha256.hex(ServePortal.WORKBOOK));
        assertThat(download.headers().firstValue("X-Content-SHA256")).hasValue(Sha256.hex(ServePortal.WORKBOOK));
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment", "audit-2026-11-29-run1.xlsx");
        assertThat(download.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
    }

    @Test
    void aWorkbookWhoseBytesNoLongerMatchItsRecordedSha256IsNotSent() throws Exception {
        PortalClient auditor = auditor();
        portal.jdbc.update("UPDATE run_workbook SET content = ? WHERE run_id = 1", (Object) new byte[] {1, 2, 3});
        try {
            HttpResponse<byte[]> download = auditor.get(portal.base + "/runs/1/workbook");
            assertThat(download.statusCode()).isEqualTo(500);
            assertThat(download.headers().firstValue("X-Content-SHA256")).isEmpty();
            assertThat(download.headers().firstValue("Content-Type").orElseThrow()).doesNotContain("spreadsheet");
        } finally {
            portal.jdbc.update("UPDATE run_workbook SET content = ? WHERE run_id = 1", (Object) ServePortal.WORKBOOK);
        }
    }

    @Test
    void anOwnerSeesOnlyTheirOwnFindingsWhateverIdsTheUrlCarries() throws Exception {
        PortalClient alice = alice();

        assertThat(text(alice.get(portal.base + "/runs/1/findings"))).contains("alice-token", "alice-cert")
                .doesNotContain("bob-token", "bob@acme.example");
        assertThat(text(alice.get(portal.base + "/runs/1/findings?owner=bob@acme.example")))
                .doesNotContain("bob-token");
        assertThat(text(alice.get(portal.base + "/runs/2/findings"))).doesNotContain("bob-token");
        assertThat(text(alice.get(portal.base + "/runs/1"))).contains("alice-token").doesNotContain("bob-token")
                .doesNotContain(Sha256.hex(ServePortal.WORKBOOK), ServePortal.MALFORMED);
        assertThat(text(alice.get(portal.base + "/runs/2"))).doesNotContain("bob-token");
        assertThat(alice.get(portal.base + "/secrets/history?name=alice-token").statusCode()).isEqualTo(200);
        assertThat(alice.get(portal.base + "/secrets/history?name=bob-token").statusCode()).isEqualTo(404);
        assertThat(alice.get(portal.base + "/secrets/history?name=no-such-secret").statusCode()).isEqualTo(404);
        for (String auditorsOnly : List.of("/runs/1/workbook", "/runs/2/workbook", "/runs/1/export/csv",
                "/access-log")) {
            assertThat(alice.get(portal.base + auditorsOnly).statusCode()).as(auditorsOnly).isEqualTo(403);
        }
        assertThat(text(alice.get(portal.base + "/runs"))).doesNotContain(Sha256.hex(ServePortal.WORKBOOK));
    }

    @Test
    void anOwnerWhoseEmailTheProviderDidNotVerifyHasNoRole() throws Exception {
        PortalClient unverified = signIn("alice-2", claims(ALICE, false, "owners"), 403);
        for (String page : PAGES) {
            assertThat(unverified.get(portal.base + page).statusCode()).as(page).isEqualTo(403);
        }
    }

    @Test
    void aSignedInUserInNoConfiguredGroupGets403OnEveryPage() throws Exception {
        PortalClient stranger = signIn("carol-1", claims("carol@acme.example", true, "staff"), 403);
        for (String page : PAGES) {
            HttpResponse<byte[]> response = stranger.get(portal.base + page);
            assertThat(response.statusCode()).as(page).isEqualTo(403);
            assertThat(text(response)).doesNotContain("alice-token", "bob-token");
        }
    }

    @Test
    void everyPageCarriesTheSecurityHeadersAndTheSessionCookieIsSecureHttpOnlyAndSameSite() throws Exception {
        PortalClient auditor = auditor();
        HttpResponse<byte[]> page = auditor.get(portal.base + "/runs/1");

        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(auditor.setCookies).filteredOn(cookie -> cookie.startsWith("JSESSIONID=")).isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).contains("Secure", "HttpOnly", "SameSite=Lax"));
    }

    @Test
    void aBadFilterIsA400ThatNamesTheFilterButNotTheValueSent() throws Exception {
        HttpResponse<byte[]> response = auditor().get(portal.base + "/runs/1/findings?status=%3Cscript%3Ealert1");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(text(response)).contains("filter status takes one of").doesNotContain("script", "alert1");
    }

    @Test
    void anErrorAnswersWithItsStatusAndNeverEchoesThePathSent() throws Exception {
        PortalClient auditor = auditor();
        for (String path : List.of("/runs/424242", "/runs/4242x4242", "/no-such-page-4242")) {
            HttpResponse<byte[]> response = auditor.get(portal.base + path);
            assertThat(response.statusCode()).as(path).isBetween(400, 404);
            assertThat(text(response)).as(path).doesNotContain("4242");
        }
    }

    @Test
    void aSecondServeOnATakenPortIsAConfigurationErrorNamingThePortalsPort() {
        String port = portal.base.substring(portal.base.lastIndexOf(':') + 1);

        assertThatThrownBy(() -> new ServePortal(Map.of("audit.portal.port", port)))
                .isInstanceOf(ApplicationContexts.ConfigurationError.class)
                .hasMessage("audit.portal.port " + port + " is already in use (by another process): set"
                        + " AUDIT_PORTAL_PORT to a free port");
    }

    @Test
    void findingsAreFilteredOnTheServerAndPagedByKey() throws Exception {
        PortalClient auditor = auditor();
        assertThat(text(auditor.get(portal.base + "/runs/1/findings?severity=critical")))
                .contains("alice-cert").doesNotContain("alice-token", "bob-token");
        assertThat(text(auditor.get(portal.base + "/runs/1/findings?owner=ALICE@acme.example&lifecycle=NEW")))
                .contains("alice-token").doesNotContain("alice-cert", "bob-token");
        assertThat(text(auditor.get(portal.base + "/runs/1/findings?afterSecret=alice-token&afterRule=ROTATION")))
                .contains("bob-token").doesNotContain("alice-cert", ">alice-token<");
    }

    /** The same streaming writers as {@code export --format}; the access log keeps the SHA-256 of what was sent. */
    @Test
    void csvJsonAndOcsfExportsStreamTheRunsFindingsAndAreLoggedWithTheSha256OfWhatWasSent() throws Exception {
        PortalClient auditor = auditor();
        HttpResponse<byte[]> csv = auditor.get(portal.base + "/runs/1/export/csv");
        HttpResponse<byte[]> json = auditor.get(portal.base + "/runs/1/export/json");
        HttpResponse<byte[]> ocsf = auditor.get(portal.base + "/runs/1/export/OCSF");

        assertThat(text(csv)).contains("Secret,", "alice-token", "bob-token");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("audit-2026-11-29-run1.csv");
        assertThat(text(json)).startsWith("[").contains("\"secret\":\"alice-token\"");
        assertThat(text(ocsf)).contains("\"class_uid\":2003");
        assertThat(csv.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        for (String none : List.of("/runs/1/export/xlsx", "/runs/1/export/%3Cscript%3E", "/runs/999/export/csv")) {
            HttpResponse<byte[]> answer = auditor.get(portal.base + none);
            assertThat(answer.statusCode()).as(none).isEqualTo(404);
            assertThat(text(answer)).doesNotContain("script");
        }
        assertThat(text(auditor.get(portal.base + "/access-log"))).contains("run 1 export audit-2026-11-29-run1.csv",
                Sha256.hex(csv.body()), Sha256.hex(json.body()), Sha256.hex(ocsf.body()));
    }

    @Test
    void everySignInAndEveryDownloadIsInTheAccessLogWithItsSha256() throws Exception {
        PortalClient auditor = auditor();
        auditor.get(portal.base + "/runs/1/workbook");
        signIn("carol-2", claims("carol@acme.example", true, "staff"), 403);

        String log = text(auditor.get(portal.base + "/access-log"));

        assertThat(log).contains("auditor-1", "SIGN_IN", "DOWNLOAD", "run 1 workbook",
                Sha256.hex(ServePortal.WORKBOOK), "carol-2", "NONE");
    }
}
