package ai.kubiya.secretaudit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * How the lifecycle step writes at volume, on a real PostgreSQL, with findings written by COPY as the evaluate step
 * writes them: each finding's lifecycle is written in place (a HOT update: no new entry in any of finding's
 * indexes), and the planner is given the statistics of the rows it has just got. Without either, the step grew
 * from 2.5 s at 100,000 secrets to 41 s at 1,000,000 (docs/performance.md#lifecycle-at-a-million-findings).
 */
class LifecycleWritesIntegrationTests {

    static final Instant AT = Instant.parse("2026-11-27T00:00:00Z");
    static final int FINDINGS = 5_000;

    @Test
    void everyFindingOfARunGetsItsLifecycleWithoutANewIndexEntry() throws Exception {
        try (Connection connection = DriverManager.getConnection(TestDatabases.newDatabase(), "postgres", "")) {
            connection.setAutoCommit(false);
            long previous = run(connection, AT.minus(Duration.ofDays(1)));
            long current = run(connection, AT);
            copyFindings(connection, previous);
            copyFindings(connection, current);
            connection.commit();

            new LifecycleTracker(new SingleConnectionDataSource(connection, true))
                    .track(current, AT, OptionalLong.of(previous), false);

            // counted inside the transaction, which the statistics collector has not seen yet
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("""
                         SELECT pg_stat_get_xact_tuples_updated('finding'::regclass),
                                pg_stat_get_xact_tuples_hot_updated('finding'::regclass)""")) {
                rs.next();
                assertThat(rs.getLong(1)).as("findings updated").isEqualTo(FINDINGS);
                assertThat(rs.getLong(2)).as("of which in place (HOT)").isEqualTo(FINDINGS);
            }
            assertThat(count(connection, "SELECT count(*) FROM finding WHERE run_id = ? AND lifecycle = 'OPEN'", current))
                    .isEqualTo(FINDINGS);
            connection.commit();
        }
    }

    @Test
    void thePlannerKnowsTheRunsFindingsWhenItJoinsThem() throws Exception {
        try (Connection connection = DriverManager.getConnection(TestDatabases.newDatabase(), "postgres", "")) {
            connection.setAutoCommit(false);
            long current = run(connection, AT);
            copyFindings(connection, current);
            connection.commit();

            new LifecycleTracker(new SingleConnectionDataSource(connection, true))
                    .track(current, AT, OptionalLong.empty(), false);
            connection.commit();

            // autovacuum's ANALYZE comes a minute later at best: until then PostgreSQL took the run for a few rows
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT reltuples FROM pg_class WHERE oid = 'finding'::regclass")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(FINDINGS);
            }
        }
    }

    /** Findings the size of the synthetic inventory's (~250 bytes a row), by the evaluate step's COPY. */
    private static void copyFindings(Connection connection, long run) throws SQLException {
        CopyRows rows = new CopyRows();
        for (int i = 0; i < FINDINGS; i++) {
            rows.number(run).text("prod-payments-api-key-" + String.format("%07d", i)).text("ROTATION").text("OVERDUE")
                    .text("HIGH").date(null).number(120).text("rotated 120 days ago, policy 90 days (30 days overdue)")
                    .text("api_key").text("prod").text("payments").text("owner" + i % 97 + "@acme.example")
                    .text("2026.11-default").text(null).instant(AT.minus(Duration.ofDays(120))).instant(null)
                    .text("rotated_at").endRow();
        }
        rows.copyInto(connection, "finding (run_id, secret, rule, status, severity, due_date, age_days, message, type,"
                + " scope, integration, owner, policy_version, waiver, rotated_at, updated_at, age_basis)");
    }

    private static long run(Connection connection, Instant asOf) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, policy_version, policy, app_version)
                VALUES (?, 'test', false, 'COMPLETED', now(), 'p', 'p', 'test') RETURNING id""")) {
            insert.setTimestamp(1, Timestamp.from(asOf));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long count(Connection connection, String sql, long parameter) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, parameter);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
