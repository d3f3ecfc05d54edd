package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code audit_run}. */
@Repository
public class AuditRunRepository {

    private static final String COLUMNS = "id, as_of, source, dry_run, status, started_at, ended_at, read_count,"
            + " evaluated_count, malformed_count, finding_count, policy_version, policy, app_version, failure,"
            + " workbook_path, workbook_sha256, accept_shrink, shrink_accepted, retention";

    private final JdbcClient jdbc;

    AuditRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long create(Instant asOf, String source, boolean dryRun, String policyVersion, String policy,
                       String appVersion, Instant startedAt) {
        return jdbc.sql("""
                        INSERT INTO audit_run (as_of, source, dry_run, status, started_at, launched_at, policy_version,
                                               policy, app_version)
                        VALUES (?, ?, ?, 'STARTED', ?, ?, ?, ?, ?) RETURNING id""")
                .params(Timestamp.from(asOf), source, dryRun, Timestamp.from(startedAt), Timestamp.from(startedAt),
                        policyVersion, policy, appVersion)
                .query(Long.class).single();
    }

    public Optional<AuditRun> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_run WHERE id = ?").param(id)
                .query(AuditRunRepository::map).optional();
    }

    /** The latest completed run before {@code runId} (by as-of, then id): the baseline for lifecycle and changes. */
    public Optional<AuditRun> previousCompleted(long runId) {
        return jdbc.sql("""
                        SELECT %s FROM audit_run p
                        WHERE p.status = 'COMPLETED' AND NOT p.dry_run AND p.id <> :id
                          AND (p.as_of, p.id) < (SELECT as_of, id FROM audit_run WHERE id = :id)
                        ORDER BY p.as_of DESC, p.id DESC LIMIT 1""".formatted(COLUMNS))
                .param("id", runId).query(AuditRunRepository::map).optional();
    }

    /**
     * The latest completed run of this source (dry runs aside) other than {@code exceptRunId}, by as-of then id: the
     * run whose inventory the metrics keep showing when a later one fails, and against which a backfill is told.
     */
    public Optional<AuditRun> latestCompleted(String source, long exceptRunId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_run WHERE status = 'COMPLETED' AND NOT dry_run"
                        + " AND source = ? AND id <> ? ORDER BY as_of DESC, id DESC LIMIT 1")
                .params(source, exceptRunId).query(AuditRunRepository::map).optional();
    }

    /** The ended run (completed or failed; dry runs aside) of the latest as-of, then id: what the metrics show. */
    public Optional<AuditRun> latestEnded() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_run WHERE status <> 'STARTED' AND NOT dry_run"
                        + " ORDER BY as_of DESC, id DESC LIMIT 1")
                .query(AuditRunRepository::map).optional();
    }

    /** The latest run (by id) of this source and kind whose as-of lies in [from, to]: a candidate for a restart. */
    public Optional<AuditRun> latest(String source, boolean dryRun, Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_run WHERE source = ? AND dry_run = ?"
                        + " AND as_of BETWEEN ? AND ? ORDER BY id DESC LIMIT 1")
                .params(source, dryRun, Timestamp.from(from), Timestamp.from(to))
                .query(AuditRunRepository::map).optional();
    }

    public List<AuditRun> latest(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_run ORDER BY id DESC LIMIT ?").param(limit)
                .query(AuditRunRepository::map).list();
    }

    public void recordCounts(long runId, long read, long evaluated, long malformed, long findings) {
        jdbc.sql("""
                        UPDATE audit_run SET read_count = ?, evaluated_count = ?, malformed_count = ?, finding_count = ?
                        WHERE id = ?""")
                .params(read, evaluated, malformed, findings, runId).update();
    }

    public void recordWorkbook(long runId, String path, long size, String sha256) {
        jdbc.sql("UPDATE audit_run SET workbook_path = ?, workbook_size = ?, workbook_sha256 = ? WHERE id = ?")
                .params(path, size, sha256, runId).update();
    }

    /** Whether this launch of the run may let a shrunk inventory through: set on every launch, restarts too. */
    public void acceptShrink(long runId, boolean accept) {
        jdbc.sql("UPDATE audit_run SET accept_shrink = ? WHERE id = ?").params(accept, runId).update();
    }

    /** The shrink the guard let through because of {@code --accept-shrink}, or null: evidence of the override. */
    public void recordShrinkAccepted(long runId, String shrink) {
        jdbc.sql("UPDATE audit_run SET shrink_accepted = ? WHERE id = ?").params(shrink, runId).update();
    }

    public void recordRetention(long runId, String removed) {
        jdbc.sql("UPDATE audit_run SET retention = ? WHERE id = ?").params(removed, runId).update();
    }

    /**
     * A failed run is running again: it is no longer failed, and not yet ended.
     *
     * @param launchedAt now: the run's first start stays {@code started_at}, this launch is {@code launched_at}
     */
    public void restart(long runId, Instant launchedAt) {
        jdbc.sql("UPDATE audit_run SET status = 'STARTED', failure = NULL, ended_at = NULL, launched_at = ? WHERE id = ?")
                .params(Timestamp.from(launchedAt), runId).update();
    }

    /**
     * Marks every run still {@code STARTED} as failed. Only correct while holding the run lock: then no
     * run is active, and a {@code STARTED} one belongs to a process that died (kill -9, node lost).
     *
     * @return how many runs were marked
     */
    public int failInterrupted(String failure, Instant endedAt) {
        return jdbc.sql("UPDATE audit_run SET status = 'FAILED', failure = ?, ended_at = ? WHERE status = 'STARTED'")
                .params(failure, Timestamp.from(endedAt)).update();
    }

    public void finish(long runId, RunStatus status, String failure, Instant endedAt) {
        jdbc.sql("UPDATE audit_run SET status = ?, failure = ?, ended_at = ? WHERE id = ?")
                .params(status.name(), failure, Timestamp.from(endedAt), runId).update();
    }

    /** {@link #finish} with {@code FAILED}, unless the run has ended meanwhile. */
    void finishIfStarted(long runId, String failure, Instant endedAt) {
        jdbc.sql("UPDATE audit_run SET status = 'FAILED', failure = ?, ended_at = ? WHERE id = ? AND status = 'STARTED'")
                .params(failure, Timestamp.from(endedAt), runId).update();
    }

    private static AuditRun map(ResultSet rs, int row) throws SQLException {
        return new AuditRun(rs.getLong("id"), instant(rs, "as_of"), rs.getString("source"), rs.getBoolean("dry_run"),
                RunStatus.valueOf(rs.getString("status")), instant(rs, "started_at"), instant(rs, "ended_at"),
                rs.getLong("read_count"), rs.getLong("evaluated_count"), rs.getLong("malformed_count"),
                rs.getLong("finding_count"), rs.getString("policy_version"), rs.getString("policy"),
                rs.getString("app_version"), rs.getString("failure"), rs.getString("workbook_path"),
                rs.getString("workbook_sha256"), rs.getBoolean("accept_shrink"), rs.getString("shrink_accepted"),
                rs.getString("retention"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime timestamp = rs.getObject(column, OffsetDateTime.class);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
