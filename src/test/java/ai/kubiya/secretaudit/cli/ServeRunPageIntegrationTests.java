package ai.kubiya.secretaudit.cli;

import static ai.kubiya.secretaudit.cli.ServePortal.claims;
import static ai.kubiya.secretaudit.support.PortalClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.PortalClient;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The run page's whole-run totals (portal/RunPages, docs/portal.md#pages): an auditor's are read once per completed
 * run and kept (3.1 s a visit at 1,000,000 findings otherwise), a run still being written is read afresh, and an
 * owner's page counts their own findings only, whatever an auditor's visit kept.
 */
class ServeRunPageIntegrationTests {

    static ServePortal portal;

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

    @Test
    void aCompletedRunsTotalsAreReadAtTheFirstVisitAndKeptWhileItsFindingsPagesStayLive() throws Exception {
        long run = run("COMPLETED");
        finding(run, "dave-token", "dave@acme.example");
        PortalClient auditor = signIn("auditor-kept", claims("auditor@acme.example", true, "audit-team"));
        assertThat(overdue(auditor, run)).isEqualTo(1);

        // no job ever adds to a completed run: a row added behind its back shows that the totals were kept
        finding(run, "erin-token", "erin@acme.example");

        assertThat(overdue(auditor, run)).isEqualTo(1);
        assertThat(text(auditor.get(portal.base + "/runs/" + run + "/findings"))).contains("dave-token", "erin-token");
    }

    @Test
    void aCompletedRunsDeliveryEvidenceIsKeptWhileItsUndeliveredEmailsAreReadOnEveryVisit() throws Exception {
        long run = run("COMPLETED");
        outbox(run, "heidi@acme.example", "PENDING");
        PortalClient auditor = signIn("auditor-evidence", claims("auditor@acme.example", true, "audit-team"));
        assertThat(text(auditor.get(portal.base + "/runs/" + run))).contains("heidi@acme.example: PENDING");

        // a later run delivers heidi's email; a row added behind the completed run's back shows what was kept
        portal.jdbc.update("UPDATE mail_outbox SET state = 'SENT' WHERE run_id = ?", run);
        outbox(run, "ivan@acme.example", "SENT");

        String page = text(auditor.get(portal.base + "/runs/" + run));
        assertThat(page).contains("<td>heidi@acme.example</td>").doesNotContain("ivan@acme.example",
                "heidi@acme.example: PENDING");
    }

    @Test
    void aRunStillBeingWrittenIsCountedAfreshOnEveryVisit() throws Exception {
        long run = run("STARTED");
        finding(run, "frank-token", "frank@acme.example");
        PortalClient auditor = signIn("auditor-live", claims("auditor@acme.example", true, "audit-team"));
        assertThat(overdue(auditor, run)).isEqualTo(1);

        finding(run, "grace-token", "grace@acme.example");

        assertThat(overdue(auditor, run)).isEqualTo(2);
        assertThat(text(auditor.get(portal.base + "/runs/" + run))).contains("grace-token");
    }

    @Test
    void anOwnerCountsOnlyTheirOwnFindingsOnARunWhoseTotalsAnAuditorsVisitKept() throws Exception {
        PortalClient auditor = signIn("auditor-first", claims("auditor@acme.example", true, "audit-team"));
        assertThat(overdue(auditor, 1)).isEqualTo(2); // Alice's and Bob's

        PortalClient alice = signIn("alice-after", claims("alice@acme.example", true, "owners"));

        assertThat(overdue(alice, 1)).isEqualTo(1);
        assertThat(text(alice.get(portal.base + "/runs/1"))).contains("alice-token").doesNotContain("bob-token",
                "Findings by owner");
    }

    private static PortalClient signIn(String subject, Map<String, Object> claims) throws Exception {
        PortalClient client = new PortalClient();
        portal.nextSignIn(subject, claims);
        assertThat(client.follow(portal.base + "/runs").statusCode()).isEqualTo(200);
        return client;
    }

    /** The "ROTATION OVERDUE" count of the run page's first table. */
    private static long overdue(PortalClient client, long run) throws Exception {
        HttpResponse<byte[]> page = client.get(portal.base + "/runs/" + run);
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher count = Pattern.compile("ROTATION OVERDUE</td>\\s*<td class=\"number\">(\\d+)</td>").matcher(text(page));
        assertThat(count.find()).as(text(page)).isTrue();
        return Long.parseLong(count.group(1));
    }

    private static long run(String status) {
        return portal.jdbc.queryForObject("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, read_count, finding_count,
                                       policy_version, policy, app_version)
                VALUES ('2026-11-28T02:00:00Z', 'synthetic', false, ?, now(), 1, 1, 'policy-v1', '{}', 'test')
                RETURNING id""", Long.class, status);
    }

    private static void outbox(long run, String recipient, String state) {
        portal.jdbc.update("""
                INSERT INTO mail_outbox (run_id, kind, recipient, fingerprint, message_id, mime, attachment_sha256,
                                         state)
                VALUES (?, 'OWNER_REMINDER', ?, 'f', ?, '\\x00', repeat('a', 64), ?)""", run, recipient,
                "<" + run + "." + recipient + ">", state);
    }

    private static void finding(long run, String secret, String owner) {
        portal.jdbc.update("""
                INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, scope, owner,
                                     policy_version)
                VALUES (?, ?, 'ROTATION', 'OVERDUE', 'HIGH', 'NEW', 'rotate it', 'token', 'organization', ?,
                        'policy-v1')""", run, secret, owner);
    }
}
