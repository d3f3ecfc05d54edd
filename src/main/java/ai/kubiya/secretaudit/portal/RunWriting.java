package ai.kubiya.secretaudit.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether a run is writing: an {@code audit_run} row STARTED that started within {@code audit.run.deadline}, from
 * any process on the database (a {@code run} beside {@code serve}). A run killed with -9 stays STARTED forever, and
 * the deadline bounds it: no launch writes for longer. Asked of the database at most once per {@link #POLL}, whatever
 * the number of downloads asking. It cannot see a {@code run} JVM starting (its context and Flyway, ~5 s on a quiet
 * machine) or exiting: only the run itself.
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
    private boolean writing;

    RunWriting(JdbcTemplate jdbc, Duration deadline, Clock clock, LongSupplier nanoTime) {
        this.jdbc = jdbc;
        this.deadline = deadline;
        this.clock = clock;
        this.nanoTime = nanoTime;
    }

    /** As of the latest poll, at most {@link #POLL} old. */
    synchronized boolean now() {
        long now = nanoTime.getAsLong();
        if (!polled || now - polledAt >= POLL.toNanos()) {
            boolean was = writing;
            writing = Boolean.TRUE.equals(jdbc.queryForObject("""
                            SELECT EXISTS (SELECT 1 FROM audit_run WHERE status = 'STARTED' AND started_at > ?)""",
                    Boolean.class, Timestamp.from(clock.instant().minus(deadline))));
            if (writing != was) {
                log.info(writing ? "A run is writing: downloads share audit.portal.downloads.rate-while-running"
                        : "No run is writing: downloads are not paced");
            }
            polledAt = now;
            polled = true;
        }
        return writing;
    }
}
