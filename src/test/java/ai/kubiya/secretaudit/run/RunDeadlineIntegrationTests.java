package ai.kubiya.secretaudit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.support.ChunkGate;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.RawHttpServer;
import ai.kubiya.secretaudit.support.RawHttpServer.Mode;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every run ends: whatever its source does — a body of endless whitespace, a body that drips faster than the
 * read timeout, a FIFO nobody writes — the run is stopped at {@code audit.run.deadline} and FAILED with a message
 * that says so, and the next run of the same as-of and source restarts it. A step that does not stop is abandoned
 * {@code audit.run.stop-timeout} later.
 */
@SpringBootTest(properties = {"audit.chunk-size=500", "audit.run.deadline=5s", "audit.run.stop-timeout=2s",
        "kubiya.api-key=kubiya-test-key-deadline", "kubiya.read-timeout=1s", "kubiya.max-attempts=1"})
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a regression hangs: fail instead
class RunDeadlineIntegrationTests {

    static final Path WORK = TestFiles.directory("deadline-it");
    static final RawHttpServer CONTROL_PLANE = start();
    static final String DEADLINE = "the run exceeded audit.run.deadline (5s) in step evaluateSecretsStep";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", () -> WORK.resolve("reports").toString());
        registry.add("kubiya.base-url", CONTROL_PLANE::baseUrl);
    }

    @AfterAll
    static void stopServer() throws IOException {
        CONTROL_PLANE.close();
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aBodyOfEndlessWhitespaceFailsTheRunAtItsDeadlineAndTheNextRunRestartsIt() throws Exception {
        // given: a Control Plane that answers `[` and then whitespace for ever
        Instant asOf = Instant.parse("2026-09-01T00:00:00Z");
        CONTROL_PLANE.mode(Mode.ENDLESS_WHITESPACE);

        // when
        AuditRun stopped = timed(() -> launcher.launch(asOf, "control-plane", false));

        // then
        assertFailedAtTheDeadline(stopped);

        // and the next run, the body whole again, restarts it and completes
        CONTROL_PLANE.serve(new Inventory(asOf).generated(20, "endless.example").json());
        AuditRun resumed = launcher.launch(asOf, "control-plane", false);
        assertThat(resumed.id()).isEqualTo(stopped.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.read()).isEqualTo(20);
    }

    @Test
    void aBodyThatDripsFasterThanTheReadTimeoutFailsTheRunAtItsDeadline() throws Exception {
        // given: one byte every 100 ms, so the 1 s read timeout never fires
        CONTROL_PLANE.mode(Mode.DRIP);

        // when
        AuditRun stopped = timed(() -> launcher.launch(Instant.parse("2026-09-02T00:00:00Z"), "control-plane", false));

        // then
        assertFailedAtTheDeadline(stopped);
    }

    @Test
    void aFifoThatNobodyWritesFailsTheRunAtItsDeadlineAndAFileThereLaterCompletesIt() throws Exception {
        // given
        Instant asOf = Instant.parse("2026-09-03T00:00:00Z");
        Path inventory = WORK.resolve("inventory.fifo");
        Files.deleteIfExists(inventory);
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", inventory.toString()).start().waitFor() == 0,
                "mkfifo is not available here");

        // when
        AuditRun stopped = timed(() -> launcher.launch(asOf, "file:" + inventory, false));

        // then
        assertFailedAtTheDeadline(stopped);

        // and a file in its place: the same source, restarted
        Files.delete(inventory);
        Files.writeString(inventory, new Inventory(asOf).generated(20, "fifo.example").json());
        AuditRun resumed = launcher.launch(asOf, "file:" + inventory, false);
        assertThat(resumed.id()).isEqualTo(stopped.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void aStepThatDoesNotStopIsAbandonedAndKeepsTheRunLockUntilItEnds() throws Exception {
        // given: a run held inside the COPY of its second chunk (a database that hangs), past its deadline
        Instant asOf = Instant.parse("2026-09-04T00:00:00Z");
        Path inventory = WORK.resolve("held.json");
        Files.writeString(inventory, new Inventory(asOf).generated(1_000, "held.example").json());
        AuditRun abandoned;
        try (ChunkGate gate = new ChunkGate(dataSource, 500)) {
            // when
            abandoned = timed(() -> launcher.launch(asOf, "file:" + inventory, false));

            // then: FAILED, saying why, while its thread still waits in the step
            assertThat(abandoned.status()).isEqualTo(RunStatus.FAILED);
            assertThat(abandoned.failure()).startsWith(DEADLINE)
                    .contains("step evaluateSecretsStep did not end within 2s of being asked to stop"
                            + " (audit.run.stop-timeout) and was abandoned");
            assertThat(gate.holding()).isTrue();
            assertThatThrownBy(() -> launcher.launch(asOf, "file:" + inventory, false))
                    .as("the abandoned run's thread still holds the run lock")
                    .isInstanceOf(RunLock.RunInProgressException.class);
            gate.open();
        }

        // and once that thread has ended, the next run restarts the run and completes it
        await().atMost(Duration.ofSeconds(30)).until(() -> lastJobStatus().equals("STOPPED"));
        AuditRun resumed = await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(
                RunLock.RunInProgressException.class).until(() -> launcher.launch(asOf, "file:" + inventory, false),
                run -> true);
        assertThat(resumed.id()).isEqualTo(abandoned.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.read()).isEqualTo(1_000);
    }

    private void assertFailedAtTheDeadline(AuditRun run) {
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failure()).isEqualTo(DEADLINE
                + "; it was stopped there, and the next run of the same as-of and source restarts it");
        assertThat(run.workbookPath()).as("nothing reported").isNull();
        assertThat(lastJobStatus()).as("restartable").isEqualTo("STOPPED");
    }

    /** The launch, which must return within a few seconds of its deadline. */
    private static AuditRun timed(java.util.concurrent.Callable<AuditRun> launch) throws Exception {
        long started = System.nanoTime();
        AuditRun run = CompletableFuture.supplyAsync(() -> {
            try {
                return launch.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(5),
                Duration.ofSeconds(25));
        return run;
    }

    private String lastJobStatus() {
        return jdbc.sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1")
                .query(String.class).single();
    }

    private static RawHttpServer start() {
        try {
            return new RawHttpServer(Mode.ENDLESS_WHITESPACE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
