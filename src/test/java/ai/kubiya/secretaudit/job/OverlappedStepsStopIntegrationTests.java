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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A run whose deadline passes while the lifecycle and the owner reminders run side by side: both are let finish
 * what they hold, no later step starts, and the run's failure names both steps.
 */
@SpringBootTest(properties = {"audit.run.deadline=6s", "audit.run.stop-timeout=60s"})
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a regression hangs: fail instead
class OverlappedStepsStopIntegrationTests {

    static final GreenMail SMTP = TestMail.startSmtp();
    static final Path WORK = TestFiles.directory("overlapped-stop-it");

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
    void aDeadlinePassedInsideTheSplitStopsBothFlowsAndTheFailureNamesBothSteps() throws Exception {
        // given: both flows held at their first read (the lifecycle's finding_state, the reminders' outbox)
        Instant asOf = Instant.parse("2026-09-01T00:00:00Z");
        Path file = WORK.resolve("held.json");
        Files.writeString(file, new Inventory(asOf).generated(500, "held.example").json());
        CompletableFuture<AuditRun> run;
        try (Connection holder = dataSource.getConnection(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE finding_state, mail_outbox IN ACCESS EXCLUSIVE MODE");

            // when: the deadline passes while both steps wait
            run = CompletableFuture.supplyAsync(() -> {
                try {
                    return launcher.launch(asOf, "file:" + file, false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> run.isDone() || "STOPPING".equals(jobStatus()));
            holder.rollback();
        }

        // then
        AuditRun stopped = run.get(60, TimeUnit.SECONDS);
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.failure()).matches("the run exceeded audit\\.run\\.deadline \\(6s\\) in steps"
                + " (trackLifecycleStep and queueOwnerRemindersStep|queueOwnerRemindersStep and trackLifecycleStep);"
                + " it was stopped there, and the next run of the same as-of and source restarts it");
        assertThat(jobStatus()).isEqualTo("STOPPED");
        assertThat(jdbc.sql("SELECT step_name || ' ' || status FROM batch_step_execution"
                + " WHERE step_name IN ('trackLifecycleStep', 'queueOwnerRemindersStep', 'sendOwnerRemindersStep',"
                + " 'writeAuditWorkbookStep') ORDER BY step_name").query(String.class).list())
                .containsExactly("queueOwnerRemindersStep STOPPED", "trackLifecycleStep STOPPED");
        assertThat(stopped.workbookPath()).isNull();
        assertThat(jdbc.sql("SELECT DISTINCT state || ' ' || attempts FROM mail_outbox WHERE run_id = ?")
                .param(stopped.id()).query(String.class).list()).allMatch(state -> state.endsWith(" 1"));
    }

    private String jobStatus() {
        return jdbc.sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1")
                .query(String.class).optional().orElse(null);
    }
}
