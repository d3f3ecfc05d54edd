package ai.kubiya.secretaudit.finding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gives each finding of a run its lifecycle, keyed by (secret, rule), against the previous completed run
 * (the latest one before this run's as-of):
 * <ul>
 *   <li>{@code OPEN} — it needed action there too;</li>
 *   <li>{@code REOPENED} — it did not, but it was a finding at some earlier as-of (resolved or waived since);</li>
 *   <li>{@code NEW} — never seen needing action before;</li>
 *   <li>{@code WAIVED} — a valid waiver covers it;</li>
 * </ul>
 * and records as {@code RESOLVED} what needed action there and is gone now (turned OK, or the secret
 * disappeared). Every statement is idempotent, so a restarted step can run it again.
 */
@Component
public class LifecycleTracker {

    private final JdbcTemplate jdbc;

    LifecycleTracker(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /**
     * @param dryRun a dry run gets its own lifecycle but leaves {@code finding_state}, which every later run reads,
     *               as it was: a dry run changes nothing that other runs record
     */
    public void track(long runId, Instant asOf, OptionalLong previousRunId, boolean dryRun) {
        long previous = previousRunId.orElse(-1);
        Timestamp at = Timestamp.from(asOf);
        jdbc.update("""
                UPDATE finding f SET lifecycle = x.lifecycle, first_seen_as_of = x.first_seen
                FROM (
                    SELECT c.ctid AS row_id,
                           CASE WHEN c.status = 'WAIVED' THEN 'WAIVED'
                                WHEN p.secret IS NOT NULL THEN 'OPEN'
                                WHEN s.first_seen_as_of < ?::timestamptz THEN 'REOPENED'
                                ELSE 'NEW' END AS lifecycle,
                           CASE WHEN c.status = 'WAIVED' THEN NULL
                                WHEN p.secret IS NOT NULL THEN coalesce(p.first_seen_as_of, r.as_of)
                                ELSE ?::timestamptz END AS first_seen
                    FROM finding c
                    LEFT JOIN finding p ON p.run_id = ? AND p.secret = c.secret AND p.rule = c.rule AND p.status <> 'WAIVED'
                    LEFT JOIN audit_run r ON r.id = p.run_id
                    LEFT JOIN finding_state s ON s.secret = c.secret AND s.rule = c.rule
                    WHERE c.run_id = ?
                ) x
                WHERE f.ctid = x.row_id AND f.run_id = ?""", at, at, previous, runId, runId);
        if (!dryRun) {
            jdbc.update("""
                INSERT INTO finding_state (secret, rule, first_seen_as_of)
                SELECT DISTINCT secret, rule, ?::timestamptz FROM finding WHERE run_id = ?
                ON CONFLICT (secret, rule) DO UPDATE
                    SET first_seen_as_of = LEAST(finding_state.first_seen_as_of, EXCLUDED.first_seen_as_of)""",
                    at, runId);
        }
        jdbc.update("DELETE FROM resolved_finding WHERE run_id = ?", runId);
        jdbc.update("""
                INSERT INTO resolved_finding (run_id, secret, rule, last_status, first_seen_as_of, type, scope,
                                              integration, owner)
                SELECT ?, p.secret, p.rule, p.status, p.first_seen_as_of, p.type, p.scope, p.integration, p.owner
                FROM finding p
                WHERE p.run_id = ? AND p.status <> 'WAIVED'
                  AND NOT EXISTS (SELECT 1 FROM finding c WHERE c.run_id = ? AND c.secret = p.secret AND c.rule = p.rule)""",
                runId, previous, runId);
    }
}
