package ai.kubiya.secretaudit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestFiles;
import ai.kubiya.secretaudit.support.TestMail;
import com.icegreen.greenmail.util.GreenMail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The lifecycle runs beside the owner reminders (AuditJobConfiguration): the reminders need nothing the lifecycle
 * writes, the auditor workbook waits for both, and a flow that fails fails the run once the other has ended; its
 * restart runs only what did not complete, and sends nothing twice.
 */
@SpringBootTest
class OverlappedStepsIntegrationTests {

    static final GreenMail SMTP = TestMail.startSmtp();
    static final Path WORK = TestFiles.directory("overlapped-steps-it");
    static final List<String> REMINDER_STEPS = List.of("queueOwnerRemindersStep", "sendOwnerRemindersStep",
            "sendSlackRemindersStep", "sendTeamsRemindersStep");

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
    DataSource dataSource;

    @Test
    void theOwnerRemindersAreAllDeliveredWhileTheLifecycleIsStillHeldAndTheWorkbookWaitsForIt() throws Exception {
        Instant asOf = Instant.parse("2026-09-01T00:00:00Z");
        Path file = inventory(asOf, "beside.example");
        CompletableFuture<AuditRun> run;
        try (Connection holder = dataSource.getConnection()) {
            // given: the lifecycle held at its first statement that reads finding_state (no reminder reads it)
            holder.setAutoCommit(false);
            holder.createStatement().execute("LOCK TABLE finding_state IN ACCESS EXCLUSIVE MODE");

            // when
            run = CompletableFuture.supplyAsync(() -> launch(asOf, file));

            // then: every owner is emailed, every reminder step completes, and nothing has a lifecycle yet
            await().atMost(Duration.ofSeconds(90)).until(() -> run.isDone()
                    || REMINDER_STEPS.stream().allMatch(step -> "COMPLETED".equals(status(step))));
            assertThat(run).isNotDone();
            assertThat(status("trackLifecycleStep")).isEqualTo("STARTED");
            assertThat(status("writeAuditWorkbookStep")).as("the auditor workbook waits for the lifecycle").isNull();
            assertThat(mailsTo("beside.example")).hasSize(12).doesNotHaveDuplicates();
            assertThat(jdbc.sql("SELECT count(*) FROM finding WHERE lifecycle IS NOT NULL").query(Long.class).single())
                    .isZero();
            holder.rollback();
        }

        AuditRun completed = run.get(90, TimeUnit.SECONDS);
        assertThat(completed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT count(*) FROM finding WHERE run_id = ? AND lifecycle IS NULL")
                .param(completed.id()).query(Long.class).single()).isZero();
        assertThat(completed.workbookPath()).isNotNull();
        assertThat(mailsTo("beside.example")).hasSize(12).doesNotHaveDuplicates();
    }

    @Test
    void aLifecycleThatFailsBesideTheRemindersFailsTheRunAndItsRestartRunsTheRestSendingNothingTwice()
            throws Exception {
        // given: the lifecycle fails at its first write
        Instant asOf = Instant.parse("2026-09-02T00:00:00Z");
        Path file = inventory(asOf, "fails-beside.example");
        jdbc.sql("""
                CREATE FUNCTION refuse_first_seen() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'injected failure in trackLifecycleStep';
                END $$""").update();
        jdbc.sql("CREATE TRIGGER refuse_first_seen BEFORE INSERT ON finding_state FOR EACH STATEMENT"
                + " EXECUTE FUNCTION refuse_first_seen()").update();
        AuditRun failed;
        try {
            failed = launch(asOf, file);
        } finally {
            jdbc.sql("DROP TRIGGER refuse_first_seen ON finding_state").update();
            jdbc.sql("DROP FUNCTION refuse_first_seen()").update();
        }

        // then: the reminders went out beside it, the run failed after them, and no workbook was written
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.failure()).contains("injected failure in trackLifecycleStep");
        assertThat(status("trackLifecycleStep")).isEqualTo("FAILED");
        assertThat(REMINDER_STEPS).allMatch(step -> "COMPLETED".equals(status(step)));
        assertThat(status("writeAuditWorkbookStep")).isNull();
        assertThat(failed.workbookPath()).isNull();
        List<String> sent = mailsTo("fails-beside.example");
        assertThat(sent).hasSize(12).doesNotHaveDuplicates();

        // when
        AuditRun resumed = launch(asOf, file);

        // then: the same run, completed by the lifecycle and the steps after the split only; nobody emailed twice
        assertThat(resumed.id()).isEqualTo(failed.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(stepsOfLastExecution()).containsExactly("trackLifecycleStep", "writeAuditWorkbookStep",
                "sendAuditorWorkbookStep", "finishRunStep");
        assertThat(mailsTo("fails-beside.example")).isEqualTo(sent);
        assertThat(jdbc.sql("SELECT DISTINCT state || ' ' || attempts FROM mail_outbox WHERE run_id = ?")
                .param(resumed.id()).query(String.class).list()).containsExactly("SENT 1");
    }

    private AuditRun launch(Instant asOf, Path file) {
        try {
            return launcher.launch(asOf, "file:" + file, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path inventory(Instant asOf, String domain) throws Exception {
        Path file = WORK.resolve(domain + ".json");
        Files.writeString(file, new Inventory(asOf).generated(500, domain).json());
        return file;
    }

    /** The status of the step in the latest job execution, or null when that execution has not run it. */
    private String status(String step) {
        return jdbc.sql("SELECT status FROM batch_step_execution WHERE step_name = ? AND job_execution_id ="
                        + " (SELECT max(job_execution_id) FROM batch_job_execution)")
                .param(step).query(String.class).optional().orElse(null);
    }

    private List<String> stepsOfLastExecution() {
        return jdbc.sql("SELECT step_name FROM batch_step_execution WHERE job_execution_id ="
                        + " (SELECT max(job_execution_id) FROM batch_job_execution) ORDER BY step_execution_id")
                .query(String.class).list();
    }

    private static List<String> mailsTo(String domain) {
        return TestMail.recipientsAt(SMTP, domain);
    }
}
