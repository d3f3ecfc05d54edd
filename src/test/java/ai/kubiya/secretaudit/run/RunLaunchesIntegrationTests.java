package ai.kubiya.secretaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.TestDatabases;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A run's first start and its latest launch, on real audit_run rows (V18). */
class RunLaunchesIntegrationTests {

    private static final JdbcClient jdbc = JdbcClient.create(
            new DriverManagerDataSource(TestDatabases.newDatabase(), "postgres", ""));
    private final AuditRunRepository runs = new AuditRunRepository(jdbc);

    @Test
    void aRestartRecordsItsLaunchAndKeepsTheRunsFirstStart() {
        Instant started = Instant.parse("2026-11-27T02:00:00Z");
        Instant restarted = started.plus(Duration.ofDays(3));
        long id = runs.create(started, "synthetic", false, "policy-v1", "{}", "test", started);
        assertThat(launchedAt(id)).isEqualTo(started);
        runs.finish(id, AuditRun.RunStatus.FAILED, "interrupted", started.plusSeconds(60));

        runs.restart(id, restarted);

        assertThat(launchedAt(id)).isEqualTo(restarted);
        AuditRun run = runs.find(id).orElseThrow();
        assertThat(run.startedAt()).isEqualTo(started);
        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.STARTED);
    }

    private static Instant launchedAt(long id) {
        return jdbc.sql("SELECT launched_at FROM audit_run WHERE id = ?").param(id).query(Timestamp.class).single()
                .toInstant();
    }
}
