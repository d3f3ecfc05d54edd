package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one reader of a run's totals: what its closing summary prints, what {@code runs} lists, what the metrics
 * gauge and what {@code run --fail-on} gates on. Counted from the tables the run wrote, because a run that failed
 * (the inventory guard, a deadline) never fills in the counts of its {@code audit_run} row: run 11 of the issue-14
 * review printed "read 100" while {@code runs} and the metrics said 0. Labels a monitoring system may use only
 * (rule, status, type, integration), never a secret's name or owner.
 */
@Repository
public class RunTotals {

    /** In the order a finding lives them: docs/policy.md#lifecycle-how-an-auditor-reads-it. */
    public static final List<String> LIFECYCLES = List.of("NEW", "OPEN", "REOPENED", "RESOLVED", "WAIVED");

    /** A run's records: {@code evaluated} secrets ({@code run_secret}), malformed ones, findings. */
    public record Counts(long evaluated, long malformed, long findings) {

        static final Counts NONE = new Counts(0, 0, 0);

        public long read() {
            return evaluated + malformed;
        }
    }

    /** What the closing summary prints; secrets by worst status as the workbook's Summary sheet counts them. */
    public record Totals(Counts counts, Map<Status, Long> secretsByWorstStatus, Map<Status, Long> findingsByStatus,
                         Map<String, Long> lifecycle) {
    }

    /** How many findings of a run share a rule, a status and an integration (null when the secret has none). */
    public record RuleStatusCount(Rule rule, Status status, String integration, long count) {
    }

    /** The earliest {@code expires_at} of a run's secrets of one type (as written) and integration (or null). */
    public record EarliestExpiry(String type, String integration, Instant expiresAt) {
    }

    private final JdbcClient jdbc;
    private final FindingRepository tables;

    RunTotals(JdbcClient jdbc, FindingRepository tables) {
        this.jdbc = jdbc;
        this.tables = tables;
    }

    public Totals of(long runId) {
        return new Totals(counts(runId),
                byStatus(tables.secretsByStatus(runId)), byStatus(tables.findingsByStatus(runId)),
                findingsByLifecycle(runId));
    }

    public Counts counts(long runId) {
        return counts(List.of(runId)).getOrDefault(runId, Counts.NONE);
    }

    /**
     * The counts of each run, in one query. A completed run's row holds exactly what its tables hold (written from
     * them by checkInventoryStep) and is read as is: counting the tables of the 50 runs {@code runs} lists would
     * scan up to 10 million rows at 200,000 secrets a run. Any other run's tables are counted.
     */
    public Map<Long, Counts> counts(Collection<Long> runIds) {
        Map<Long, Counts> counts = new HashMap<>();
        jdbc.sql("""
                        SELECT r.id,
                          CASE WHEN r.status = 'COMPLETED' THEN r.evaluated_count
                               ELSE (SELECT count(*) FROM run_secret s WHERE s.run_id = r.id) END,
                          CASE WHEN r.status = 'COMPLETED' THEN r.malformed_count
                               ELSE (SELECT count(*) FROM malformed_record m WHERE m.run_id = r.id) END,
                          CASE WHEN r.status = 'COMPLETED' THEN r.finding_count
                               ELSE (SELECT count(*) FROM finding f WHERE f.run_id = r.id) END
                        FROM audit_run r WHERE r.id = ANY (?)""")
                .param(runIds.toArray(Long[]::new))
                .query(rs -> {
                    counts.put(rs.getLong(1), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        return counts;
    }

    /** How many findings of the run have one of {@code statuses} (a waived finding's status is WAIVED). */
    public long findingsWithStatus(long runId, Collection<Status> statuses) {
        if (statuses.isEmpty()) {
            return 0;
        }
        String[] names = statuses.stream().map(Status::name).toArray(String[]::new);
        return jdbc.sql("SELECT count(*) FROM finding WHERE run_id = ? AND status = ANY (?)")
                .params(runId, names).query(Long.class).single();
    }

    public List<RuleStatusCount> findingsByRuleStatusAndIntegration(long runId) {
        return jdbc.sql("SELECT rule, status, integration, count(*) FROM finding WHERE run_id = ?"
                        + " GROUP BY rule, status, integration")
                .param(runId)
                .query((rs, n) -> new RuleStatusCount(Rule.valueOf(rs.getString(1)), Status.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getLong(4)))
                .list();
    }

    /**
     * Per type and integration, as the types are written: the caller decides which of them are certificates
     * ({@code SecretTypes.normalize}), so that SQL and Java never disagree on what "certificate" spells.
     */
    public List<EarliestExpiry> earliestExpiries(long runId) {
        return jdbc.sql("SELECT type, integration, min(expires_at) FROM run_secret WHERE run_id = ?"
                        + " AND expires_at IS NOT NULL GROUP BY type, integration")
                .param(runId)
                .query((rs, n) -> new EarliestExpiry(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Every lifecycle, zeros included; RESOLVED counts the previous run's findings this run no longer has. */
    private Map<String, Long> findingsByLifecycle(long runId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        LIFECYCLES.forEach(lifecycle -> counts.put(lifecycle, 0L));
        jdbc.sql("""
                        SELECT lifecycle, count(*) FROM finding WHERE run_id = ? AND lifecycle IS NOT NULL GROUP BY 1
                        UNION ALL
                        SELECT 'RESOLVED', count(*) FROM resolved_finding WHERE run_id = ?""")
                .params(runId, runId)
                .query(rs -> {
                    counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                });
        return counts;
    }

    /** The workbook's Summary sheet lists the same counts: one query for both, so they cannot disagree. */
    private static Map<Status, Long> byStatus(List<CountRow> rows) {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        rows.forEach(row -> counts.put(Status.valueOf(row.label()), row.count()));
        return counts;
    }
}
