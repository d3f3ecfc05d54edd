package ai.kubiya.secretaudit.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} in a JVM of its own, stopped with SIGTERM as Kubernetes stops a CronJob's pod: the chunk in
 * progress finishes, the run ends {@code STOPPED} with its embedded PostgreSQL shut down, and the next
 * {@code run} resumes it under the same id.
 */
class RunSigtermIntegrationTests {

    private static final String[] ARGUMENTS = {"--source=synthetic:20000", "--as-of=2026-11-26"};
    private static final List<String> SMALL_CHUNKS = List.of("audit.chunk-size=100",
            "logging.level.org.springframework.batch.core.step.AbstractStep=DEBUG");

    @TempDir
    Path work;

    @Test
    void sigtermStopsTheRunAfterItsChunkAndTheNextRunResumesIt() throws Exception {
        // given: a run in its evaluate step
        ChaosChild child = new ChaosChild(null, true);
        Path firstLog = work.resolve("first.log");
        Process first = child.start(work.resolve("db"), work.resolve("reports"), null, firstLog, SMALL_CHUNKS,
                Map.of(), ARGUMENTS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (first.isAlive() && System.nanoTime() < deadline
                && !Files.readString(firstLog).contains("Executing step: [evaluateSecretsStep]")) {
            Thread.sleep(20);
        }
        Thread.sleep(300);

        // when
        first.destroy(); // SIGTERM

        // then: it stops gracefully, STOPPED and not yet complete
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(firstLog);
        assertThat(log).contains("Stopping: the run finishes its current chunk");
        assertThat(log).containsPattern("\\w+Step STOPPED in \\d+ ms");
        assertThat(log).doesNotContain("finishRunStep COMPLETED");
        assertThat(first.exitValue()).isEqualTo(143); // 128 + SIGTERM

        // and the next run resumes it and completes
        Path secondLog = work.resolve("second.log");
        Process second = child.start(work.resolve("db"), work.resolve("reports"), null, secondLog, SMALL_CHUNKS,
                Map.of(), ARGUMENTS);
        assertThat(second.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(secondLog)).isZero();
        assertThat(Files.readString(secondLog)).contains("Restarting run 1").contains("finishRunStep COMPLETED");
    }
}
