package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Status;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The totals of one run that its closing summary prints and {@code run --fail-on} gates on: findings (one per
 * failing rule of a secret) by status and by lifecycle, and secrets by their worst status. Read back from the
 * database, so that what the terminal says is what the tables and the workbook hold.
 */
@Repository
public class RunTotals {

    /** In the order a finding lives them: docs/policy.md#lifecycle-how-an-auditor-reads-it. */
    public static final List<String> LIFECYCLES = List.of("NEW", "OPEN", "REOPENED", "RESOLVED", "WAIVED");

    private final JdbcClient jdbc;

    RunTotals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<Status, Long> findingsByStatus(long runId) {
        return byStatus("SELECT status, count(*) FROM finding WHERE run_id = ? GROUP BY status", runId);
    }

    /** What the workbook's Summary sheet counts: each secret once, under the worst status of its rules. */
    public Map<Status, Long> secretsByWorstStatus(long runId) {
        return byStatus("SELECT status, count(*) FROM run_secret WHERE run_id = ? GROUP BY status", runId);
    }

    /** Every lifecycle, zeros included; RESOLVED counts the previous run's findings this run no longer has. */
    public Map<String, Long> findingsByLifecycle(long runId) {
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

    /** How many findings of the run have one of {@code statuses} (a waived finding's status is WAIVED). */
    public long findingsWithStatus(long runId, Collection<Status> statuses) {
        if (statuses.isEmpty()) {
            return 0;
        }
        String[] names = statuses.stream().map(Status::name).toArray(String[]::new);
        return jdbc.sql("SELECT count(*) FROM finding WHERE run_id = ? AND status = ANY (?)")
                .params(runId, names).query(Long.class).single();
    }

    private Map<Status, Long> byStatus(String sql, long runId) {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        jdbc.sql(sql).param(runId).query(rs -> {
            counts.put(Status.valueOf(rs.getString(1)), rs.getLong(2));
        });
        return counts;
    }
}
