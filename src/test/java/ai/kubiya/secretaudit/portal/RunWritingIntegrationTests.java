package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** "A run is writing", asked of real audit_run rows in PostgreSQL. */
class RunWritingIntegrationTests {

    private static final Instant NOW = Instant.parse("2026-11-30T03:00:00Z");
    private static final String url = TestDatabases.newDatabase();
    private static final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));

    private final AtomicLong nanoTime = new AtomicLong();
    private final RunWriting writing = new RunWriting(jdbc, Duration.ofHours(2), Clock.fixed(NOW, ZoneOffset.UTC),
            nanoTime::get);

    @BeforeEach
    void noRuns() {
        jdbc.update("DELETE FROM audit_run");
    }

    @Test
    void aRunStartedWithinTheDeadlineAndNotEndedIsWriting() {
        run("STARTED", NOW.minus(Duration.ofMinutes(10)));

        assertThat(writing.now()).isTrue();
    }

    @Test
    void noRunCompletedRunsAndFailedRunsAreNotWriting() {
        assertThat(writing.now()).isFalse();
        run("COMPLETED", NOW.minus(Duration.ofMinutes(10)));
        run("FAILED", NOW.minus(Duration.ofMinutes(5)));
        nanoTime.addAndGet(RunWriting.POLL.toNanos());

        assertThat(writing.now()).isFalse();
    }

    @Test
    void aRunKilledWithMinus9LongerAgoThanTheDeadlineIsNotWritingThoughItStaysStarted() {
        run("STARTED", NOW.minus(Duration.ofHours(2)).minusSeconds(1));

        assertThat(writing.now()).isFalse();
    }

    @Test
    void theDatabaseIsAskedAtMostOncePerPollWhateverTheNumberOfSlices() {
        assertThat(writing.now()).isFalse();
        run("STARTED", NOW.minusSeconds(1));

        nanoTime.addAndGet(RunWriting.POLL.toNanos() - 1);
        assertThat(writing.now()).isFalse(); // still the first answer
        nanoTime.addAndGet(1);

        assertThat(writing.now()).isTrue();
    }

    @Test
    void aRunRestartedWithinTheDeadlineIsWritingThoughItFirstStartedDaysAgo() {
        run("STARTED", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofMinutes(1)));

        assertThat(writing.now()).isTrue();
    }

    @Test
    void aPollTheDatabaseDoesNotAnswerKeepsTheLastAnswerInsteadOfFailingTheDownload() {
        run("STARTED", NOW.minusSeconds(1));
        assertThat(writing.now()).isTrue();
        jdbc.execute("ALTER TABLE audit_run RENAME TO audit_run_away");
        try {
            nanoTime.addAndGet(RunWriting.POLL.toNanos());

            assertThat(writing.now()).isTrue();
        } finally {
            jdbc.execute("ALTER TABLE audit_run_away RENAME TO audit_run");
        }
        jdbc.update("UPDATE audit_run SET status = 'COMPLETED'");
        nanoTime.addAndGet(RunWriting.POLL.toNanos());
        assertThat(writing.now()).isFalse();
    }

    @Test
    void aRunProcessConnectedBeforeItsRunsRowExistsIsWritingUntilItsLastSessionCloses() throws Exception {
        Properties named = new Properties();
        named.setProperty("user", "postgres");
        named.setProperty("ApplicationName", AuditRunLauncher.RUN_COMMAND_SESSIONS);
        try (Connection session = DriverManager.getConnection(url, named)) {
            assertThat(writing.now()).isTrue();
        }
        Properties otherName = new Properties();
        otherName.setProperty("user", "postgres");
        otherName.setProperty("ApplicationName", "secret-rotation-audit daemon");
        try (Connection daemon = DriverManager.getConnection(url, otherName)) {
            nanoTime.addAndGet(RunWriting.POLL.toNanos());

            assertThat(writing.now()).as("a daemon's sessions, open between its runs").isFalse();
        }
    }

    private static void run(String status, Instant startedAt) {
        run(status, startedAt, startedAt);
    }

    private static void run(String status, Instant startedAt, Instant launchedAt) {
        jdbc.update("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, launched_at, policy_version, policy,
                                       app_version)
                VALUES (?, 'synthetic', false, ?, ?, ?, 'policy-v1', '{}', 'test')""",
                Timestamp.from(startedAt), status, Timestamp.from(startedAt), Timestamp.from(launchedAt));
    }
}
