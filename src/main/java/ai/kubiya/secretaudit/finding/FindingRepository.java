package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads a run's findings and inventory back from PostgreSQL. Large result sets stream with a fetch
 * size (PostgreSQL uses a cursor only inside a transaction, which every step provides).
 */
@Repository
public class FindingRepository {

    private static final String FINDING_COLUMNS = "secret, type, scope, integration, owner, rule, status, severity,"
            + " due_date, age_days, lifecycle, message, waiver, rotated_at, updated_at, age_basis";

    /** Severity ranked from the enum (declared LOW to CRITICAL), so a new severity cannot be left out of the order. */
    static final String WORST_FIRST = "status = 'WAIVED', array_position(ARRAY["
            + Arrays.stream(Severity.values()).map(severity -> "'" + severity.name() + "'")
                    .reduce((ranked, worse) -> worse + ", " + ranked).orElseThrow()
            + "], severity), due_date NULLS LAST, secret, rule";

    private final JdbcTemplate jdbc;

    FindingRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(2000);
    }

    /**
     * A run's findings worst first, as the auditor workbook lists them: needing action before waived, then by
     * severity (CRITICAL first), then by due date (earliest, i.e. furthest past due, first; none last).
     */
    public RowSource<FindingRow> findings(long runId) {
        return sink -> jdbc.query("SELECT " + FINDING_COLUMNS + " FROM finding WHERE run_id = ? ORDER BY " + WORST_FIRST,
                rs -> {
                    sink.accept(findingRow(rs));
                }, runId);
    }

    /**
     * Findings that need their owner to act (neither OK nor waived), grouped by owner's mailbox: the rows of owners
     * whose addresses differ only in letter case are adjacent, each spelling's together.
     */
    public RowSource<FindingRow> actionableByOwner(long runId) {
        return sink -> jdbc.query("SELECT " + FINDING_COLUMNS + " FROM finding WHERE run_id = ?"
                + " AND status NOT IN ('OK', 'WAIVED') ORDER BY lower(owner) NULLS LAST, owner, secret, rule", rs -> {
                    sink.accept(findingRow(rs));
                }, runId);
    }

    public RowSource<InventoryRow> inventory(long runId) {
        return sink -> jdbc.query("""
                SELECT name, type, scope, integration, owner, created_at, last_used, expires_at, status,
                       rotated_at, updated_at, age_basis
                FROM run_secret WHERE run_id = ? ORDER BY position""", rs -> {
            sink.accept(new InventoryRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8), Status.valueOf(rs.getString(9)),
                    instant(rs, 10), instant(rs, 11), rs.getString(12)));
        }, runId);
    }

    /** New and reopened findings of the run, and those resolved since the previous completed run. */
    public RowSource<ChangeRow> changes(long runId) {
        return sink -> jdbc.query("""
                SELECT lifecycle, secret, type, scope, integration, owner, rule, status, first_seen_as_of, NULL::int
                FROM finding WHERE run_id = ? AND lifecycle IN ('NEW', 'REOPENED')
                UNION ALL
                SELECT 'RESOLVED', f.secret, f.type, f.scope, f.integration, f.owner, f.rule, f.last_status,
                       f.first_seen_as_of, floor(extract(epoch FROM (r.as_of - f.first_seen_as_of)) / 86400)::int
                FROM resolved_finding f JOIN audit_run r ON r.id = f.run_id WHERE f.run_id = ?
                ORDER BY 1, 6, 2, 7""", rs -> {
            int days = rs.getInt(10);
            Integer daysOpen = rs.wasNull() ? null : days;
            sink.accept(new ChangeRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), Rule.valueOf(rs.getString(7)), Status.valueOf(rs.getString(8)),
                    instant(rs, 9), daysOpen));
        }, runId, runId);
    }

    public List<CountRow> secretsByStatus(long runId) {
        return counts("SELECT status, count(*) FROM run_secret WHERE run_id = ?"
                + " GROUP BY status ORDER BY count(*) DESC, status", runId);
    }

    /** Labelled {@code RULE STATUS}, e.g. {@code MAX_AGE OVERDUE}. */
    public List<CountRow> findingsByRuleAndStatus(long runId) {
        return counts("SELECT rule || ' ' || status, count(*) FROM finding"
                + " WHERE run_id = ? GROUP BY rule, status ORDER BY rule, status", runId);
    }

    public List<CountRow> secretsByType(long runId) {
        return counts(groupInventoryBy("type"), runId);
    }

    public List<CountRow> secretsByScope(long runId) {
        return counts(groupInventoryBy("scope"), runId);
    }

    public List<CountRow> secretsByIntegration(long runId) {
        return counts(groupInventoryBy("integration"), runId);
    }

    /**
     * Owners counted by mailbox (letter case ignored, as the emails are), each under its most frequent spelling
     * (of equally frequent ones, the first in sort order).
     */
    public List<CountRow> findingsByOwner(long runId) {
        return counts("SELECT coalesce(mode() WITHIN GROUP (ORDER BY owner), '(none)'), count(*) FROM finding"
                + " WHERE run_id = ? GROUP BY lower(owner) ORDER BY count(*) DESC, 1", runId);
    }

    public List<CountRow> findingsByStatus(long runId) {
        return counts("SELECT status, count(*) FROM finding WHERE run_id = ?"
                + " GROUP BY status ORDER BY status", runId);
    }

    /** Secrets by type and worst status, in no particular order. */
    public List<TypeStatusCount> secretsByTypeAndStatus(long runId) {
        return jdbc.query("SELECT coalesce(type, '(none)'), status, count(*) FROM run_secret WHERE run_id = ?"
                + " GROUP BY 1, 2", (rs, n) -> new TypeStatusCount(rs.getString(1), Status.valueOf(rs.getString(2)),
                rs.getLong(3)), runId);
    }

    public long count(String table, long runId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE run_id = ?", Long.class, runId);
        return count == null ? 0 : count;
    }

    public List<String> malformedRecords(long runId) {
        return jdbc.queryForList("SELECT reason FROM malformed_record WHERE run_id = ? ORDER BY position",
                String.class, runId);
    }

    private static String groupInventoryBy(String column) {
        return "SELECT coalesce(" + column + ", '(none)'), count(*) FROM run_secret WHERE run_id = ?"
                + " GROUP BY " + column + " ORDER BY count(*) DESC, 1";
    }

    private List<CountRow> counts(String sql, long runId) {
        return jdbc.query(sql, (rs, n) -> new CountRow(rs.getString(1), rs.getLong(2)), runId);
    }

    private static FindingRow findingRow(ResultSet rs) throws SQLException {
        LocalDate due = rs.getObject("due_date", LocalDate.class);
        int age = rs.getInt("age_days");
        Integer ageDays = rs.wasNull() ? null : age;
        return new FindingRow(rs.getString("secret"), rs.getString("type"), rs.getString("scope"),
                rs.getString("integration"), rs.getString("owner"), Rule.valueOf(rs.getString("rule")),
                Status.valueOf(rs.getString("status")), Severity.valueOf(rs.getString("severity")),
                due, ageDays, rs.getString("lifecycle"), rs.getString("message"),
                rs.getString("waiver"), instant(rs, "rotated_at"), instant(rs, "updated_at"), rs.getString("age_basis"));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime timestamp = rs.getObject(column, OffsetDateTime.class);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime timestamp = rs.getObject(column, OffsetDateTime.class);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
