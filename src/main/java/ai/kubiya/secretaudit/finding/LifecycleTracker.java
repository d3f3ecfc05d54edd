package ai.kubiya.secretaudit.finding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
 * <p>
 * Linear at a million findings (docs/performance.md#lifecycle-at-a-million-findings): each finding is rewritten
 * once, in place on its page (HOT: {@code finding}'s fillfactor leaves the room, V15), so none of its four indexes
 * gets a new entry; the run's rows are joined once, with the statistics of the rows the evaluate step has just
 * copied in and the memory to hash them.
 */
@Component
public class LifecycleTracker {

    /**
     * Every finding of the run with its lifecycle; {@code seen} is the {@code finding_state} date it was judged by.
     * The ctid self-join is how an UPDATE gets outer joins; it costs one more scan of the run, hashed in memory.
     */
    private static final String GIVE_LIFECYCLES = """
            UPDATE finding f SET lifecycle = x.lifecycle, first_seen_as_of = x.first_seen
            FROM (
                SELECT c.ctid AS row_id, s.first_seen_as_of AS seen,
                       CASE WHEN c.status = 'WAIVED' THEN 'WAIVED'
                            WHEN p.secret IS NOT NULL THEN 'OPEN'
                            WHEN s.first_seen_as_of < CAST(:at AS timestamptz) THEN 'REOPENED'
                            ELSE 'NEW' END AS lifecycle,
                       CASE WHEN c.status = 'WAIVED' THEN NULL
                            WHEN p.secret IS NOT NULL THEN coalesce(p.first_seen_as_of, r.as_of)
                            ELSE CAST(:at AS timestamptz) END AS first_seen
                FROM finding c
                LEFT JOIN finding p ON p.run_id = :previous AND p.secret = c.secret AND p.rule = c.rule
                                   AND p.status <> 'WAIVED'
                LEFT JOIN audit_run r ON r.id = p.run_id
                LEFT JOIN finding_state s ON s.secret = c.secret AND s.rule = c.rule
                WHERE c.run_id = :run
            ) x
            WHERE f.ctid = x.row_id AND f.run_id = :run""";

    /**
     * The earliest as-of each key was a finding at, from what the update above saw, so the run's rows are not read
     * a second time: keys never seen are added (in key order, as a B-tree takes them fastest), keys last seen later
     * are lowered (an earlier as-of re-evaluated), and no other row is written; a nightly run writes none.
     */
    private static final String RECORD_FIRST_SEEN = """
            WITH tracked AS (%s RETURNING f.secret, f.rule, x.seen),
            lowered AS (
                UPDATE finding_state s SET first_seen_as_of = CAST(:at AS timestamptz) FROM tracked t
                WHERE t.seen > CAST(:at AS timestamptz) AND s.secret = t.secret AND s.rule = t.rule)
            INSERT INTO finding_state (secret, rule, first_seen_as_of)
            SELECT secret, rule, CAST(:at AS timestamptz) FROM tracked WHERE seen IS NULL ORDER BY secret, rule
            ON CONFLICT (secret, rule) DO NOTHING""".formatted(GIVE_LIFECYCLES);

    private static final String RECORD_RESOLVED = """
            INSERT INTO resolved_finding (run_id, secret, rule, last_status, first_seen_as_of, type, scope,
                                          integration, owner)
            SELECT :run, p.secret, p.rule, p.status, p.first_seen_as_of, p.type, p.scope, p.integration, p.owner
            FROM finding p
            WHERE p.run_id = :previous AND p.status <> 'WAIVED'
              AND NOT EXISTS (SELECT 1 FROM finding c WHERE c.run_id = :run AND c.secret = p.secret AND c.rule = p.rule)""";

    private final NamedParameterJdbcTemplate jdbc;

    LifecycleTracker(DataSource dataSource) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
    }

    /**
     * @param dryRun a dry run gets its own lifecycle but leaves {@code finding_state}, which every later run reads,
     *               as it was: a dry run changes nothing that other runs record
     */
    public void track(long runId, Instant asOf, OptionalLong previousRunId, boolean dryRun) {
        prepare();
        MapSqlParameterSource run = new MapSqlParameterSource("run", runId)
                .addValue("previous", previousRunId.orElse(-1))
                .addValue("at", Timestamp.from(asOf));
        jdbc.update(dryRun ? GIVE_LIFECYCLES : RECORD_FIRST_SEEN, run);
        jdbc.update("DELETE FROM resolved_finding WHERE run_id = :run", run);
        jdbc.update(RECORD_RESOLVED, run);
    }

    /**
     * For the rest of this step's transaction (SET LOCAL). The evaluate step has just copied the run's findings in,
     * and autovacuum analyzes a table a minute later at best: without statistics the planner took a million new
     * rows for a handful. PostgreSQL's default 4 MB of {@code work_mem} spilled the run's hashes to temporary files
     * at 1,000,000 secrets. And as the update leaves none of the run's pages all-visible, an index-only scan of them
     * (which the statistics taken just before make look cheap) fetches every row from the heap in key order: 16 s
     * for the resolved findings and 15 s for the step's count at 1,000,000, against 1–2 s for a sequential read.
     */
    private void prepare() {
        jdbc.getJdbcOperations().execute("ANALYZE finding");
        jdbc.getJdbcOperations().execute("SET LOCAL work_mem = '64MB'");
        jdbc.getJdbcOperations().execute("SET LOCAL enable_indexonlyscan = off");
    }
}
