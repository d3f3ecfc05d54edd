package ai.kubiya.secretaudit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.kubiya.secretaudit.SecretRotationAuditApplication;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.run.RunLock;
import ai.kubiya.secretaudit.support.ChunkGate;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestFiles;
import ai.kubiya.secretaudit.support.TestMail;
import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A run that failed or was killed is completed by the next run of the same as-of and source, under the same
 * run id, with Spring Batch restart semantics: nothing lost, nothing duplicated, nobody emailed twice.
 */
// the tests share one history with inventories of different sizes; the shrink guard has tests of its own
@SpringBootTest(properties = {"audit.chunk-size=500", "audit.guard.max-shrink-percent=100"})
class AuditRunRestartIntegrationTests {

    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    static final GreenMail SMTP = TestMail.startSmtp();
    static final Path WORK = TestFiles.directory("restart-it");

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestMail.registerRun(registry, SMTP, WORK);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditRunRepository runs;

    @Autowired
    DataSource dataSource;

    @Autowired
    Environment environment;

    @Test
    void aFailureMidChunkIsResumedAfterTheLastCommittedChunkAndEndsLikeACleanRun() throws Exception {
        // given: 3,000 secrets, chunks of 500, and a transfer cut off inside record 1,251 (the third chunk)
        Instant asOf = Instant.parse("2026-10-01T00:00:00Z");
        Inventory inventory = new Inventory(asOf).generated(3_000, "mid-chunk.example");
        Path file = WORK.resolve("mid-chunk.json");
        Files.writeString(file, inventory.truncatedAfter(1_250));
        AuditRun failed = launcher.launch(asOf, "file:" + file, false);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(count("SELECT count(*) FROM run_secret WHERE run_id = ?", failed.id())).isEqualTo(1_000);
        assertThat(mailsTo("mid-chunk.example")).isEmpty();

        // when: the same as-of and source again, now whole
        Files.writeString(file, inventory.json());
        AuditRun resumed = launcher.launch(asOf, "file:" + file, false);

        // then: the same run, completed, each secret and finding exactly once
        assertThat(resumed.id()).isEqualTo(failed.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.failure()).isNull();
        assertThat(resumed.read()).isEqualTo(3_000);
        assertThat(count("SELECT count(DISTINCT position) FROM run_secret WHERE run_id = ?", resumed.id()))
                .isEqualTo(count("SELECT count(*) FROM run_secret WHERE run_id = ?", resumed.id()))
                .isEqualTo(3_000);
        assertThat(lastEvaluateStepReadCount()).as("the restart read only what was not committed").isEqualTo(2_000);

        // and its findings are those of a clean run of the same input (a rerun of a completed as-of is a new run)
        AuditRun clean = launcher.launch(asOf, "file:" + file, false);
        assertThat(clean.id()).isNotEqualTo(resumed.id());
        assertThat(findings(resumed.id())).hasSize((int) clean.findings()).isEqualTo(findings(clean.id()));
        assertThat(resumed.findings()).isEqualTo(clean.findings()).isPositive();

        // and every owner with something to do got exactly one email
        List<String> recipients = mailsTo("mid-chunk.example");
        assertThat(recipients).doesNotHaveDuplicates().hasSize(12);
    }

    @Test
    void aFailureAfterTheEmailsWereSentIsCompletedWithoutSendingThemAgain() throws Exception {
        // given: a run that sent its emails and then failed in its last step
        Instant asOf = Instant.parse("2026-10-02T00:00:00Z");
        Path file = WORK.resolve("after-send.json");
        Files.writeString(file, new Inventory(asOf).generated(500, "after-send.example").json());
        jdbc.sql("""
                CREATE FUNCTION refuse_completion() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.status = 'COMPLETED' THEN RAISE EXCEPTION 'injected failure in finishRunStep'; END IF;
                    RETURN NEW;
                END $$""").update();
        jdbc.sql("CREATE TRIGGER refuse_completion BEFORE UPDATE ON audit_run FOR EACH ROW"
                + " EXECUTE FUNCTION refuse_completion()").update();
        AuditRun failed;
        try {
            failed = launcher.launch(asOf, "file:" + file, false);
        } finally {
            jdbc.sql("DROP TRIGGER refuse_completion ON audit_run").update();
            jdbc.sql("DROP FUNCTION refuse_completion()").update();
        }
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.failure()).contains("injected failure");
        List<String> sent = mailsTo("after-send.example");
        assertThat(sent).hasSize(12);

        // when
        AuditRun resumed = launcher.launch(asOf, "file:" + file, false);

        // then: completed, only the failed step ran again, and nobody got a second email
        assertThat(resumed.id()).isEqualTo(failed.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stepsOfLastExecution()).containsExactly("finishRunStep");
        assertThat(mailsTo("after-send.example")).isEqualTo(sent);
        assertThat(jdbc.sql("SELECT DISTINCT state || ' ' || attempts FROM mail_outbox WHERE run_id = ?")
                .param(resumed.id()).query(String.class).list()).containsExactly("SENT 1");
    }

    @Test
    void aRunWhoseProcessIsKilledMidChunkIsResumedByTheNextRun() throws Exception {
        // given: `run` in a process of its own, held inside its second chunk after committing the first
        Instant asOf = Instant.parse("2026-10-03T00:00:00Z");
        Inventory inventory = new Inventory(asOf).generated(1_500, "killed.example");
        Path file = WORK.resolve("killed.json");
        Files.writeString(file, inventory.json());
        Process child;
        try (ChunkGate gate = new ChunkGate(dataSource, 500)) {
            child = runInAnotherProcess("--source=file:" + file, "--as-of=2026-10-03");
            await().atMost(Duration.ofSeconds(60)).until(() -> !child.isAlive()
                    || committedChunks() == 1 && gate.holding());

            assertThat(child.isAlive()).as("the run process (see killed-process.log)").isTrue();

            // when: kill -9
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        AuditRun killed = runs.latest(1).get(0);
        assertThat(killed.status()).as("what the dead process left").isEqualTo(RunStatus.STARTED);
        assertThat(count("SELECT count(*) FROM run_secret WHERE run_id = ?", killed.id())).isEqualTo(500);
        await().atMost(Duration.ofSeconds(30)).until(this::runLockIsFree); // released by PostgreSQL, no timeout
        AuditRun resumed = launcher.launch(asOf, "file:" + file, false);

        // then: the next run completed it, from the last committed chunk, everything exactly once
        assertThat(resumed.id()).isEqualTo(killed.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(count("SELECT count(DISTINCT position) FROM run_secret WHERE run_id = ?", resumed.id()))
                .isEqualTo(count("SELECT count(*) FROM run_secret WHERE run_id = ?", resumed.id()))
                .isEqualTo(1_500);
        assertThat(lastEvaluateStepReadCount()).isEqualTo(1_000);
        assertThat(mailsTo("killed.example")).doesNotHaveDuplicates().hasSize(12);
    }

    @Test
    void aRunWhoseFailureCouldNotBeRolledBackIsRestartedToo() throws Exception {
        // given: a failed run whose job execution Spring Batch left UNKNOWN, as it does when the database goes away
        // under a step and the rollback fails (found by the chaos suite's database restart)
        Instant asOf = Instant.parse("2026-10-06T00:00:00Z");
        Inventory inventory = new Inventory(asOf).generated(1_200, "unknown.example");
        Path file = WORK.resolve("unknown.json");
        Files.writeString(file, inventory.truncatedAfter(700));
        AuditRun failed = launcher.launch(asOf, "file:" + file, false);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        long execution = lastJobExecutionId();
        jdbc.sql("UPDATE batch_job_execution SET status = 'UNKNOWN' WHERE job_execution_id = ?").param(execution).update();
        jdbc.sql("UPDATE batch_step_execution SET status = 'UNKNOWN' WHERE job_execution_id = ? AND status = 'FAILED'")
                .param(execution).update();
        Files.writeString(file, inventory.json());

        // when
        AuditRun resumed = launcher.launch(asOf, "file:" + file, false);

        // then: the same run, resumed and completed
        assertThat(resumed.id()).isEqualTo(failed.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.read()).isEqualTo(1_200);
        assertThat(jdbc.sql("SELECT status FROM batch_job_execution WHERE job_execution_id = ?").param(execution)
                .query(String.class).single()).isEqualTo("FAILED");
    }

    @Test
    void withoutAnAsOfTodaysUnfinishedRunIsResumedButNotAnEarlierDays() throws Exception {
        // given: a failed run of yesterday and a failed run of today (as of now), same source
        Inventory inventory = new Inventory(NOW).generated(1_200, "today.example");
        Path file = WORK.resolve("today.json");
        Files.writeString(file, inventory.truncatedAfter(700));
        AuditRun yesterday = launcher.launch(NOW.minus(Duration.ofDays(1)), "file:" + file, false);
        AuditRun today = launcher.launchNow("file:" + file, false);
        assertThat(today.id()).isNotEqualTo(yesterday.id());
        assertThat(today.status()).isEqualTo(RunStatus.FAILED);
        assertThat(today.asOf()).isEqualTo(NOW);

        // when: the CronJob's retry, or the scheduler's next fire: no --as-of
        Files.writeString(file, inventory.json());
        AuditRun resumed = launcher.launchNow("file:" + file, false);

        // then: today's run completes; yesterday's is left alone
        assertThat(resumed.id()).isEqualTo(today.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.read()).isEqualTo(1_200);
        assertThat(statusOf(yesterday.id())).isEqualTo("FAILED");
    }

    @Test
    void aFailedRunOfAnotherPolicyIsNotResumedButRunAgainFromTheStart() throws Exception {
        Instant asOf = Instant.parse("2026-10-05T00:00:00Z");
        Inventory inventory = new Inventory(asOf).generated(1_200, "policy.example");
        Path file = WORK.resolve("policy.json");
        Files.writeString(file, inventory.truncatedAfter(700));
        AuditRun failed = launcher.launch(asOf, "file:" + file, false);
        jdbc.sql("UPDATE audit_run SET policy_version = 'an-older-policy' WHERE id = ?").param(failed.id()).update();
        Files.writeString(file, inventory.json());

        AuditRun next = launcher.launch(asOf, "file:" + file, false);

        assertThat(next.id()).isNotEqualTo(failed.id());
        assertThat(next.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(next.read()).isEqualTo(1_200);
        assertThat(statusOf(failed.id())).isEqualTo("FAILED");
    }

    /** The application's {@code run} command in a JVM of its own, on this test's database. */
    private Process runInAnotherProcess(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", // starts faster; this process never gets far
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dspring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "-Dspring.datasource.username=postgres", "-Dspring.datasource.password=",
                "-Daudit.reports.dir=" + WORK.resolve("reports"), "-Daudit.chunk-size=500",
                "-cp", System.getProperty("java.class.path"), SecretRotationAuditApplication.class.getName(), "run"));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(WORK.resolve("killed-process.log").toFile()).start();
    }

    private boolean runLockIsFree() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet free = statement.executeQuery("SELECT pg_try_advisory_lock(" + RunLock.LOCK_KEY + ")")) {
            free.next();
            if (free.getBoolean(1)) {
                statement.execute("SELECT pg_advisory_unlock(" + RunLock.LOCK_KEY + ")");
                return true;
            }
            return false;
        }
    }

    private long committedChunks() {
        return jdbc.sql("SELECT coalesce(max(commit_count), 0) FROM batch_step_execution"
                + " WHERE step_name = 'evaluateSecretsStep' AND status = 'STARTED'").query(Long.class).single();
    }

    private long count(String sql, long runId) {
        return jdbc.sql(sql).param(runId).query(Long.class).single();
    }

    private String statusOf(long runId) {
        return jdbc.sql("SELECT status FROM audit_run WHERE id = ?").param(runId).query(String.class).single();
    }

    private List<String> findings(long runId) {
        return jdbc.sql("""
                        SELECT concat_ws('|', secret, rule, status, severity, due_date, age_days, message, owner,
                                         type, scope, integration, policy_version)
                        FROM finding WHERE run_id = ? ORDER BY secret, rule""")
                .param(runId).query(String.class).list();
    }

    private long lastJobExecutionId() {
        return jdbc.sql("SELECT max(job_execution_id) FROM batch_job_execution").query(Long.class).single();
    }

    private List<String> stepsOfLastExecution() {
        return jdbc.sql("SELECT step_name FROM batch_step_execution WHERE job_execution_id = ? ORDER BY step_execution_id")
                .param(lastJobExecutionId()).query(String.class).list();
    }

    private long lastEvaluateStepReadCount() {
        return jdbc.sql("SELECT read_count FROM batch_step_execution WHERE step_name = 'evaluateSecretsStep'"
                        + " ORDER BY step_execution_id DESC LIMIT 1")
                .query(Long.class).single();
    }

    private static List<String> mailsTo(String domain) {
        return TestMail.recipientsAt(SMTP, domain);
    }
}
