package ai.kubiya.secretaudit.cli;

import static ai.kubiya.secretaudit.cli.ServePortal.claims;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.PortalClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The findings page on a run of 1,000,000 findings (2,000 owners): the query plans and the page times over HTTP, as
 * docs/portal.md#performance-on-a-million-findings reports them. A measurement, not part of the suite (its name
 * ends in neither Tests nor Test): {@code mvn -B -o test -Dtest=ServeMillionFindingsMeasurement}.
 */
class ServeMillionFindingsMeasurement {

    static final List<String> QUERIES = List.of(
            "/runs/3/findings",
            "/runs/3/findings?afterSecret=secret-0900000&afterRule=ROTATION",
            "/runs/3/findings?status=EXPIRED",
            "/runs/3/findings?owner=OWNER-17@acme.example",
            "/runs/3/findings?type=certificate&severity=CRITICAL&afterSecret=secret-0500000&afterRule=ROTATION");

    @Test
    void findingsPagesOnAMillionFindings() throws Exception {
        try (ServePortal portal = new ServePortal(Map.of())) {
            long started = System.nanoTime();
            portal.run("2026-11-30T02:00:00Z", false, null); // run 3
            portal.jdbc.update("""
                    INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, scope, owner,
                                         policy_version)
                    SELECT 3, 'secret-' || lpad(i::text, 7, '0'), 'ROTATION',
                           (ARRAY['OVERDUE','DUE_SOON','UNUSED','EXPIRED','EXPIRING'])[1 + i % 5],
                           (ARRAY['LOW','MEDIUM','HIGH','CRITICAL'])[1 + i % 4],
                           (ARRAY['NEW','OPEN','REOPENED','WAIVED'])[1 + i % 4], 'rotate it',
                           (ARRAY['token','api_key','certificate','credentials','url'])[1 + i % 5], 'organization',
                           CASE WHEN i % 2 = 0 THEN 'owner-' ELSE 'Owner-' END || (i % 2000) || '@acme.example', 'p'
                    FROM generate_series(1, 1000000) i""");
            portal.jdbc.execute("ANALYZE finding");
            System.out.printf("seeded 1,000,000 findings in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            explain(portal, "auditor, first page", "SELECT * FROM finding WHERE run_id = 3 ORDER BY secret, rule"
                    + " LIMIT 101");
            explain(portal, "auditor, page after secret-0900000", "SELECT * FROM finding WHERE run_id = 3 AND"
                    + " (secret, rule) > ('secret-0900000', 'ROTATION') ORDER BY secret, rule LIMIT 101");
            explain(portal, "owner-17, first page", "SELECT * FROM finding WHERE run_id = 3 AND lower(owner) ="
                    + " 'owner-17@acme.example' ORDER BY secret, rule LIMIT 101");

            PortalClient auditor = new PortalClient();
            portal.nextSignIn("auditor-m", claims("auditor@acme.example", true, "audit-team"));
            assertThat(auditor.follow(portal.base + "/runs").statusCode()).isEqualTo(200);
            PortalClient owner = new PortalClient();
            portal.nextSignIn("owner-17", claims("owner-17@acme.example", true, "owners"));
            assertThat(owner.follow(portal.base + "/runs").statusCode()).isEqualTo(200);
            for (String query : QUERIES) {
                time("auditor", auditor, portal.base + query);
            }
            time("owner-17", owner, portal.base + "/runs/3/findings");
            time("owner-17", owner, portal.base + "/runs/3/findings?status=OVERDUE");
            time("auditor", auditor, portal.base + "/runs/3");
        }
    }

    private static void explain(ServePortal portal, String what, String sql) {
        System.out.println("EXPLAIN ANALYZE, " + what + ": " + sql);
        portal.jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql, String.class)
                .forEach(line -> System.out.println("    " + line));
    }

    private static void time(String who, PortalClient client, String url) throws Exception {
        client.get(url); // warm
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> response = client.get(url);
            best = Math.min(best, System.nanoTime() - started);
            assertThat(response.statusCode()).isEqualTo(200);
        }
        System.out.printf("PAGE %s %s: best of 5 %.1f ms%n", who, url.replaceFirst("http://[^/]+", ""),
                best / 1e6);
    }
}
