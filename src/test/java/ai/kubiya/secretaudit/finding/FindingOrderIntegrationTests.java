package ai.kubiya.secretaudit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The auditor's Findings come worst first: needing action before waived, then severity, then due date. */
class FindingOrderIntegrationTests {

    final DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabases.newDatabase(), "postgres", "");
    final JdbcTemplate jdbc = new JdbcTemplate(dataSource);

    @Test
    void findingsAreListedBySeverityThenEarliestDueDateWithWaivedOnesLast() {
        // given: stored in an order that is none of these
        long runId = jdbc.queryForObject("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, policy_version, policy, app_version)
                VALUES (now(), 'synthetic', false, 'STARTED', now(), 'v', '{}', 'test') RETURNING id""", Long.class);
        insert(runId, "a-waived-critical", "WAIVED", "CRITICAL", "2020-01-01");
        insert(runId, "b-low-unused", "UNUSED", "LOW", null);
        insert(runId, "c-high-later", "OVERDUE", "HIGH", "2025-06-01");
        insert(runId, "d-medium", "DUE_SOON", "MEDIUM", "2025-01-01");
        insert(runId, "e-high-earlier", "OVERDUE", "HIGH", "2025-01-01");
        insert(runId, "f-high-no-date", "MISSING", "HIGH", null);
        insert(runId, "g-critical", "EXPIRED", "CRITICAL", "2026-01-01");

        // when
        List<String> order = new ArrayList<>();
        new FindingRepository(dataSource).findings(runId).forEach(row -> order.add(row.secret()));

        // then
        assertThat(order).containsExactly("g-critical", "e-high-earlier", "c-high-later", "f-high-no-date", "d-medium",
                "b-low-unused", "a-waived-critical");
    }

    private void insert(long runId, String secret, String status, String severity, String due) {
        jdbc.update("INSERT INTO finding (run_id, secret, rule, status, severity, due_date, message, policy_version)"
                + " VALUES (?, ?, 'ROTATION', ?, ?, ?::date, 'm', 'v')", runId, secret, status, severity, due);
    }
}
