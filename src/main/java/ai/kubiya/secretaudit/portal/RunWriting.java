package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.run.AuditRunLauncher;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether a run is writing: an {@code audit_run} row STARTED that was launched (started, or restarted) within
 * {@code audit.run.deadline}, from any process on the database (a {@code run} beside {@code serve}). A run killed with
 * -9 stays STARTED forever, and the deadline bounds it: no launch writes for longer. Asked of the database at most
 * once per {@link #POLL}, whatever the number of downloads asking, and never while a download waits on a lock: the
 * others take the latest answer meanwhile, and a failed poll keeps it (a database gone for a moment must not stop
 * downloads of stored files). A {@code run} process is seen from its first connection (its sessions' name,
 * {@link AuditRunLauncher#RUN_COMMAND_SESSIONS}, before its run's row exists: under 50 auditors at 1,000,000 secrets its
 * JVM took 38 s to reach its run, unpaced) to its last; its first is opened once it has read its configuration
 * (cli/EarlyRunSession). A {@code daemon}'s sessions are named otherwise: they stay open between its runs, whose rows
 * say when they write.
 */
final class RunWriting {

    static final Duration POLL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(RunWriting.class);

    private final JdbcTemplate jdbc;
    private final Duration deadline;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private long polledAt;
    private boolean polled;
    private volatile boolean writing;
    private boolean failing;

    RunWriting(JdbcTemplate jdbc, Duration deadline, Clock clock, LongSupplier nanoTime) {
        this.jdbc = jdbc;
        this.deadline = deadline;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** As of the latest poll, at most {@link #POLL} old (or the last answer while the database does not answer). */
    boolean now() {
        long now = nanoTime.getAsLong();
        synchronized (this) {
            if (polled && now - polledAt < POLL.toNanos()) {
                return writing;
            }
            polled = true;
            polledAt = now;
        }
        try {
            boolean answer = Boolean.TRUE.equals(jdbc.queryForObject("""
                            SELECT EXISTS (SELECT 1 FROM audit_run WHERE status = 'STARTED' AND launched_at > ?)
                                OR EXISTS (SELECT 1 FROM pg_stat_activity
                                           WHERE datname = current_database() AND application_name = ?)""",
                    Boolean.class, Timestamp.from(clock.instant().minus(deadline)),
                    AuditRunLauncher.RUN_COMMAND_SESSIONS));
            answered(answer);
            return answer;
        } catch (DataAccessException e) {
            failed(e);
            return writing;
        }
    }

    private synchronized void answered(boolean answer) {
        if (answer != writing || failing) {
            log.info(answer ? "A run is writing: downloads share audit.portal.downloads.rate-while-running"
                    : "No run is writing: downloads are not paced");
        }
        writing = answer;
        failing = false;
    }

    private synchronized void failed(DataAccessException e) {
        if (!failing) {
            log.warn("Cannot tell whether a run is writing ({}); downloads keep the last answer: {}paced",
                    e.getClass().getSimpleName(), writing ? "" : "not ");
        }
        failing = true;
    }
}
