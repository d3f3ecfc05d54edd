package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.ChangeRow;
import ai.kubiya.secretaudit.report.FindingRow;
import ai.kubiya.secretaudit.report.InventoryRow;
import ai.kubiya.secretaudit.report.RowSource;
import ai.kubiya.secretaudit.report.StatusMatrix;
import ai.kubiya.secretaudit.report.SummarySection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
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
            + " due_date, age_days, lifecycle, message, waiver";

    private final JdbcTemplate jdbc;

    FindingRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(2000);
    }

    public RowSource<FindingRow> findings(long runId) {
        return sink -> jdbc.query("SELECT " + FINDING_COLUMNS + " FROM finding WHERE run_id = ? ORDER BY owner, secret, rule",
                rs -> {
                    sink.accept(findingRow(rs));
                }, runId);
    }

    /** Findings that need their owner to act (neither OK nor waived), grouped by owner: one owner's rows are adjacent. */
    public RowSource<FindingRow> actionableByOwner(long runId) {
        return sink -> jdbc.query("SELECT " + FINDING_COLUMNS + " FROM finding WHERE run_id = ?"
                + " AND status NOT IN ('OK', 'WAIVED') ORDER BY owner NULLS LAST, secret, rule", rs -> {
                    sink.accept(findingRow(rs));
                }, runId);
    }

    public RowSource<InventoryRow> inventory(long runId) {
        return sink -> jdbc.query("""
                SELECT name, type, scope, integration, owner, created_at, last_used, expires_at, status
                FROM run_secret WHERE run_id = ? ORDER BY position""", rs -> {
            sink.accept(new InventoryRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), instant(rs, 6), instant(rs, 7), instant(rs, 8), Status.valueOf(rs.getString(9))));
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

    public List<SummarySection> summary(long runId) {
        List<SummarySection> sections = new ArrayList<>();
        sections.add(counts("Secrets by status", "SELECT status, count(*) FROM run_secret WHERE run_id = ?"
                + " GROUP BY status ORDER BY count(*) DESC, status", runId));
        sections.add(counts("Findings by rule and status", "SELECT rule || ' ' || status, count(*) FROM finding"
                + " WHERE run_id = ? GROUP BY rule, status ORDER BY rule, status", runId));
        sections.add(counts("Secrets by type", groupInventoryBy("type"), runId));
        sections.add(counts("Secrets by scope", groupInventoryBy("scope"), runId));
        sections.add(counts("Secrets by integration", groupInventoryBy("integration"), runId));
        sections.add(counts("Findings by owner", "SELECT coalesce(owner, '(none)'), count(*) FROM finding"
                + " WHERE run_id = ? GROUP BY owner ORDER BY count(*) DESC, owner", runId));
        return sections;
    }

    /** A chart stays readable with this many types; the rarest are summed into {@link #OTHER_TYPES}. */
    static final int CHART_TYPES = 20;
    static final String OTHER_TYPES = "(other types)";

    /** Secrets by type (rows, most common first) and worst status (columns), for the Summary sheet's chart. */
    public StatusMatrix statusByType(long runId) {
        Map<String, Map<Status, Long>> counts = new TreeMap<>();
        SortedSet<Status> statuses = new TreeSet<>();
        jdbc.query("SELECT coalesce(type, '(none)'), status, count(*) FROM run_secret WHERE run_id = ? GROUP BY 1, 2",
                rs -> {
                    Status status = Status.valueOf(rs.getString(2));
                    statuses.add(status);
                    counts.computeIfAbsent(rs.getString(1), type -> new EnumMap<>(Status.class))
                            .put(status, rs.getLong(3));
                }, runId);
        List<String> types = new ArrayList<>(counts.keySet());
        types.sort(Comparator.comparingLong(
                (String type) -> -counts.get(type).values().stream().mapToLong(Long::longValue).sum()));
        if (types.size() > CHART_TYPES) {
            Map<Status, Long> other = new EnumMap<>(Status.class);
            for (String type : types.subList(CHART_TYPES - 1, types.size())) {
                counts.get(type).forEach((status, count) -> other.merge(status, count, Long::sum));
            }
            types = new ArrayList<>(types.subList(0, CHART_TYPES - 1));
            types.add(OTHER_TYPES);
            counts.put(OTHER_TYPES, other);
        }
        List<Status> columns = List.copyOf(statuses);
        long[][] grid = new long[types.size()][columns.size()];
        for (int r = 0; r < types.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                grid[r][c] = counts.get(types.get(r)).getOrDefault(columns.get(c), 0L);
            }
        }
        return new StatusMatrix("Secrets by type and status", types, columns, grid);
    }

    /** Counts of the run's findings by status, for the command's summary line. */
    public SummarySection statusCounts(long runId) {
        return counts("Findings by status", "SELECT status, count(*) FROM finding WHERE run_id = ?"
                + " GROUP BY status ORDER BY status", runId);
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

    private SummarySection counts(String title, String sql, long runId) {
        return new SummarySection(title, jdbc.query(sql,
                (rs, n) -> new SummarySection.Count(rs.getString(1), rs.getLong(2)), runId));
    }

    private static FindingRow findingRow(ResultSet rs) throws SQLException {
        LocalDate due = rs.getObject("due_date", LocalDate.class);
        int age = rs.getInt("age_days");
        Integer ageDays = rs.wasNull() ? null : age;
        return new FindingRow(rs.getString("secret"), rs.getString("type"), rs.getString("scope"),
                rs.getString("integration"), rs.getString("owner"), Rule.valueOf(rs.getString("rule")),
                Status.valueOf(rs.getString("status")), Severity.valueOf(rs.getString("severity")),
                due, ageDays, rs.getString("lifecycle"), rs.getString("message"),
                rs.getString("waiver"));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime timestamp = rs.getObject(column, OffsetDateTime.class);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
