package ai.kubiya.secretaudit.cli;

import static ai.kubiya.secretaudit.cli.ServePortal.claims;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.PortalClient;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What one findings page of 100 rows costs the portal, rendered over HTTP one after the other on a quiet machine: the
 * figure docs/performance.md#the-portal-under-load compares before and after the rows were rendered by
 * {@code portal/HtmlRows}. A measurement, not part of the suite (its name ends in neither Tests nor Test):
 * {@code mvn -B -o test -Dtest=ServeFindingsPageCostMeasurement}.
 */
class ServeFindingsPageCostMeasurement {

    private static final int PAGES = 3_000;

    @Test
    void oneFindingsPage() throws Exception {
        try (ServePortal portal = new ServePortal(Map.of())) {
            portal.run("2026-11-30T02:00:00Z", false, null); // run 3
            portal.jdbc.update("""
                    INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, scope, owner,
                                         policy_version, due_date, age_days, integration)
                    SELECT 3, 'secret-' || lpad(i::text, 7, '0'), 'ROTATION', 'OVERDUE', 'HIGH', 'OPEN',
                           'token is ' || i % 400 || ' days old; rotate it (policy: 60 days)', 'token', 'organization',
                           'owner-' || (i % 2000) || '@acme.example', 'p', DATE '2026-10-01', i % 400, 'github'
                    FROM generate_series(1, 10000) i""");
            portal.jdbc.execute("ANALYZE finding");
            PortalClient auditor = new PortalClient();
            portal.nextSignIn("auditor-m", claims("auditor@acme.example", true, "audit-team"));
            assertThat(auditor.follow(portal.base + "/runs").statusCode()).isEqualTo(200);
            measure(auditor, portal.base + "/runs/3/findings?afterSecret=secret-0005000&afterRule=ROTATION", PAGES);
            // the run page of a run that emailed 5,000 owners (1,000,000 secrets): a row per owner email and per owner
            portal.jdbc.update("""
                    INSERT INTO mail_outbox (run_id, kind, recipient, fingerprint, message_id, mime, attachment_sha256,
                                             state)
                    SELECT 3, 'OWNER_REMINDER', 'owner-' || i || '@acme.example', 'f', '<3.' || i || '>', '\\x00',
                           repeat('a', 64), 'SENT'
                    FROM generate_series(0, 4999) i""");
            portal.jdbc.update("""
                    INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, scope, owner,
                                         policy_version)
                    SELECT 3, 'other-' || i, 'ROTATION', 'OVERDUE', 'HIGH', 'OPEN', 'rotate it', 'token', 'organization',
                           'owner-' || i || '@acme.example', 'p'
                    FROM generate_series(2000, 4999) i""");
            measure(auditor, portal.base + "/runs/3", PAGES / 10);
        }
    }

    private static void measure(PortalClient auditor, String url, int pages) throws Exception {
        for (int i = 0; i < pages; i++) {
            auditor.get(url); // warm: the JIT
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long started = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < pages; i++) {
            HttpResponse<byte[]> page = auditor.get(url);
            assertThat(page.statusCode()).isEqualTo(200);
            bytes += page.body().length;
        }
        System.out.printf("PAGE %s (%,d bytes): %.2f ms wall, %.2f ms CPU of this JVM (portal and client) per page,"
                        + " over %,d pages%n", url.replaceFirst("http://[^/]+", ""), bytes / pages,
                (System.nanoTime() - started) / 1e6 / pages, (os.getProcessCpuTime() - cpu) / 1e6 / pages, pages);
    }
}
