package ai.kubiya.secretaudit.portal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Whether a run is writing: an {@code audit_run} row STARTED (running) that started within {@code audit.run.deadline}. A run
 * killed with -9 stays STARTED forever, and the deadline bounds it: no launch writes for longer. Asked of the database
 * at most once per {@link #POLL} whatever the number of downloads asking, from any process sharing it (a {@code run}
 * beside {@code serve}).
 */
final class RunWriting {

    static final Duration POLL = Duration.ofSeconds(2);

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
            writing = Boolean.TRUE.equals(jdbc.queryForObject("""
                            SELECT EXISTS (SELECT 1 FROM audit_run WHERE status = 'STARTED' AND started_at > ?)""",
                    Boolean.class, Timestamp.from(clock.instant().minus(deadline))));
            polledAt = now;
            polled = true;
        }
        return writing;
    }
}
