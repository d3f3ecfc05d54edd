package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.portal.PortalQueries.Cursor;
import ai.kubiya.secretaudit.portal.PortalQueries.FindingLine;
import ai.kubiya.secretaudit.portal.PortalQueries.Page;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Following "Next page" from the first page gives every finding that matches, in (secret, rule) order, once each,
 * whatever the page size and the window a filtered page searches (real PostgreSQL): a window without a page of
 * matches hands on where it stopped, and never skips or repeats a finding.
 */
class FindingPagesPropertyTests {

    private static final NamedParameterJdbcTemplate JDBC = database();
    private static final long RUN = JDBC.getJdbcOperations().queryForObject("""
            INSERT INTO audit_run (as_of, source, dry_run, status, started_at, policy_version, policy, app_version)
            VALUES (now(), 'synthetic', false, 'COMPLETED', now(), 'v', '{}', 'test') RETURNING id""", Long.class);

    static {
        // 300 secrets, two rules each; EXPIRED is rare (every 37th secret) and clustered near the end
        JDBC.getJdbcOperations().update("""
                INSERT INTO finding (run_id, secret, rule, status, severity, message, policy_version, owner, lifecycle)
                SELECT ?, 'secret-' || lpad(n::text, 4, '0'), r,
                       CASE WHEN n % 37 = 0 OR n > 290 THEN 'EXPIRED' ELSE 'OVERDUE' END, 'HIGH', '', 'v',
                       CASE WHEN n % 2 = 0 THEN 'Dana@acme.example' ELSE 'eve@acme.example' END, 'NEW'
                FROM generate_series(1, 300) n, unnest(ARRAY['ROTATION', 'UNUSED']) r""", RUN);
    }

    @Property(tries = 30)
    void followingNextPageGivesEveryMatchOnceInOrder(@ForAll @IntRange(min = 1, max = 40) int size,
                                                     @ForAll @IntRange(min = 1, max = 120) int window,
                                                     @ForAll @IntRange(min = 0, max = 3) int filterKind) {
        PortalQueries queries = new PortalQueries(JDBC, window);
        Map<String, String> parameters = new HashMap<>();
        switch (filterKind) {
            case 1 -> parameters.put("status", "EXPIRED");
            case 2 -> parameters.put("rule", "UNUSED");
            case 3 -> parameters.put("status", "MISSING"); // matches nothing
            default -> { }
        }
        List<String> expected = JDBC.queryForList("SELECT secret || '/' || rule FROM finding WHERE run_id = :run"
                + (parameters.containsKey("status") ? " AND status = :status" : "")
                + (parameters.containsKey("rule") ? " AND rule = :rule" : "") + " ORDER BY secret, rule",
                new HashMap<>(Map.of("run", RUN, "status", parameters.getOrDefault("status", ""),
                        "rule", parameters.getOrDefault("rule", ""))), String.class);

        List<String> seen = new ArrayList<>();
        Cursor next = null;
        int pages = 0;
        do {
            Map<String, String> request = new HashMap<>(parameters);
            if (next != null) {
                request.put("afterSecret", next.secret());
                request.put("afterRule", next.rule());
            }
            Page page = queries.findings(RUN, FindingFilter.of(request), null, size);
            assertThat(page.rows()).hasSizeLessThanOrEqualTo(size);
            if (page.scanned()) {
                assertThat(page.rows()).hasSizeLessThan(size);
            }
            page.rows().stream().map(FindingLine::secret).forEach(secret -> assertThat(secret).isNotNull());
            page.rows().forEach(row -> seen.add(row.secret() + "/" + row.rule()));
            next = page.next();
            assertThat(++pages).as("pages").isLessThanOrEqualTo(600 / Math.min(size, window) + 2);
        } while (next != null);

        assertThat(seen).containsExactlyElementsOf(expected);
    }

    private static NamedParameterJdbcTemplate database() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
                TestDatabases.newDatabase(), "postgres", "");
        return new NamedParameterJdbcTemplate(dataSource);
    }
}
