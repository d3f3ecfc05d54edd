package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.IsoTimestamps;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes the detail (findings, inventory, outbox, stored workbook, …) of runs as of more than
 * {@code audit.retention.days} before today, and their files. Counted from the clock, never from a run's as-of:
 * a dry run as of 2099 removed every run before 2098 (issue 12). Never the latest completed run, never the
 * current one, never a run with mail still to deliver; and never applied by a dry run (the caller's duty).
 */
@Component
public class RunRetention {

    @ConfigurationProperties(prefix = "audit.retention")
    record RetentionProperties(int days) {
        RetentionProperties {
            if (days < 1) {
                throw new IllegalArgumentException("audit.retention.days must be a whole number of days, 1 or more"
                        + " (was " + days + ")");
            }
        }
    }

    /** What one retention removed; {@code before} is the first as-of date kept. */
    public record Removed(int runs, LocalDate before, int workbooks, int emails) {

        public String describe() {
            return "removed the detail of " + runs + " run(s) (as of before " + before + "): " + workbooks
                    + " workbook(s), " + emails + " email file(s)";
        }
    }

    private final JdbcClient jdbc;
    private final RetentionProperties properties;
    private final RunFiles files;
    private final Clock clock;

    RunRetention(JdbcClient jdbc, RetentionProperties properties, RunFiles files, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.files = files;
        this.clock = clock;
    }

    /**
     * Files first, rows second, in the caller's transaction: a crash in between leaves rows whose files are gone
     * (the next retention removes them), never files that no row attributes to a run any more. A run whose files
     * could not be deleted keeps its rows, to be tried again.
     */
    public Removed apply(AuditRun current) {
        LocalDate before = IsoTimestamps.utcDate(clock.instant()).minusDays(properties.days());
        List<Long> removed = new ArrayList<>();
        Set<Path> folders = new LinkedHashSet<>();
        int workbooks = 0;
        int emails = 0;
        for (RunFiles.Expired run : expired(current, before)) {
            RunFiles.Deleted deleted = files.delete(run, outboxIds(run.id()));
            folders.addAll(deleted.folders());
            workbooks += deleted.workbooks();
            emails += deleted.emails();
            if (deleted.complete()) {
                removed.add(run.id());
            }
        }
        files.removeEmptyFolders(folders);
        if (!removed.isEmpty()) {
            jdbc.sql("DELETE FROM audit_run WHERE id IN (:ids)").param("ids", removed).update();
        }
        return new Removed(removed.size(), before, workbooks, emails);
    }

    private List<RunFiles.Expired> expired(AuditRun current, LocalDate before) {
        return jdbc.sql("""
                        SELECT r.id, r.as_of, r.dry_run, r.workbook_path FROM audit_run r
                        WHERE r.as_of < ? AND r.id <> ? AND r.status <> 'STARTED'
                          AND r.id <> (SELECT id FROM audit_run WHERE status = 'COMPLETED' AND NOT dry_run
                                       ORDER BY as_of DESC, id DESC LIMIT 1)
                          AND NOT EXISTS (SELECT 1 FROM mail_outbox o
                                          WHERE o.run_id = r.id AND o.state IN ('PENDING', 'FAILED_TEMPORARY'))
                        ORDER BY r.id""")
                .params(Timestamp.from(before.atStartOfDay(ZoneOffset.UTC).toInstant()), current.id())
                .query((rs, n) -> new RunFiles.Expired(rs.getLong(1), AuditRunRepository.instant(rs, "as_of"),
                        rs.getBoolean(3), rs.getString(4)))
                .list();
    }

    private List<Long> outboxIds(long runId) {
        return jdbc.sql("SELECT id FROM mail_outbox WHERE run_id = ? ORDER BY id").param(runId).query(Long.class).list();
    }
}
