package ai.kubiya.secretaudit.chaos;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.RawHttpServer;
import ai.kubiya.secretaudit.support.RawHttpServer.Mode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to {@code run} in a JVM of its own while its source read is blocked — a FIFO that nobody writes, a
 * Control Plane that sends whitespace for ever, or one whose {@code Retry-After} the client waits out — ends the
 * process within 30 s with exit code 143 (before, the read held it until SIGKILL), and the next run resumes the run.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS) // a regression hangs: fail instead
class BlockedReadSigtermIntegrationTests {

    private static final List<String> STEP_LOG = List.of(
            "logging.level.org.springframework.batch.core.step.AbstractStep=DEBUG");
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    Path work;

    @Test
    void sigtermEndsARunBlockedOnAFifoAndTheNextRunResumesIt() throws Exception {
        // given: a run whose inventory is a FIFO that nobody opens for writing
        Path inventory = work.resolve("inventory.json");
        Assumptions.assumeTrue(new ProcessBuilder("mkfifo", inventory.toString()).start().waitFor() == 0,
                "mkfifo is not available here");
        String[] arguments = {"--source=file:" + inventory, "--as-of=2026-11-26"};
        Path firstLog = work.resolve("first.log");
        Process first = start(firstLog, Map.of(), arguments);

        // when / then
        assertSigtermEndsItWith143(first, firstLog);

        // and with a file there, the next run resumes the same run and completes it
        Files.delete(inventory);
        Files.writeString(inventory, "[{\"name\": \"github-api-token\", \"type\": \"token\","
                + " \"created_at\": \"2026-01-01T00:00:00Z\", \"created_by\": \"dev@acme.example\"}]");
        Path secondLog = work.resolve("second.log");
        Process second = start(secondLog, Map.of(), arguments);
        assertThat(second.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(secondLog)).isZero();
        assertThat(Files.readString(secondLog)).contains("Restarting run 1").contains("Run 1 COMPLETED");
    }

    @Test
    void sigtermEndsARunReadingABodyOfEndlessWhitespace() throws Exception {
        try (RawHttpServer controlPlane = new RawHttpServer(Mode.ENDLESS_WHITESPACE)) {
            // given
            Path log = work.resolve("endless.log");
            Process run = start(log, Map.of("KUBIYA_API_KEY", "kubiya-test-key-sigterm",
                    "KUBIYA_BASE_URL", controlPlane.baseUrl()), "--source=control-plane", "--as-of=2026-11-26");

            // when / then
            assertSigtermEndsItWith143(run, log);
        }
    }

    @Test
    void sigtermEndsARunPausingForTheServersRetryAfterWithoutAbandoningIt() throws Exception {
        WireMockServer controlPlane = new WireMockServer(wireMockConfig().dynamicPort());
        controlPlane.start();
        try {
            // given: a Control Plane answering 503 with Retry-After: 30, which the client waits out
            controlPlane.stubFor(get("/api/v1/secrets").willReturn(aResponse().withStatus(503)
                    .withHeader("Retry-After", "30")));
            Path log = work.resolve("retry-after.log");
            Process run = start(log, Map.of("KUBIYA_API_KEY", "kubiya-test-key-sigterm",
                    "KUBIYA_BASE_URL", controlPlane.baseUrl()), "--source=control-plane", "--as-of=2026-11-26");

            // when / then: the pause is aborted after the 5 s grace; before, the run was abandoned after 25 s
            Duration took = assertSigtermEndsItWith143(run, log);
            assertThat(took).isLessThan(Duration.ofSeconds(15));
            assertThat(Files.readString(log)).doesNotContain("abandoned");
        } finally {
            controlPlane.stop();
        }
    }

    /** @return how long the process took to exit after SIGTERM */
    private Duration assertSigtermEndsItWith143(Process run, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (run.isAlive() && System.nanoTime() < deadline
                && !Files.readString(log).contains("Executing step: [evaluateSecretsStep]")) {
            Thread.sleep(50);
        }
        Thread.sleep(1_000); // inside the blocked read
        assertThat(run.isAlive()).as(Files.readString(log)).isTrue();

        long signalled = System.nanoTime();
        run.destroy(); // SIGTERM

        assertThat(run.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("exited within %s", BOUND).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        assertThat(took).isLessThan(BOUND);
        String output = Files.readString(log);
        assertThat(run.exitValue()).as(output).isEqualTo(143); // 128 + SIGTERM
        assertThat(output).contains("a source read did not reach a chunk boundary within 5s of the stop request")
                .contains("evaluateSecretsStep STOPPED")
                .contains("Failure: stopped on request (shutdown) in step evaluateSecretsStep");
        return took;
    }

    private Process start(Path log, Map<String, String> environment, String... arguments) throws Exception {
        return new ChaosChild(null, true).start(work.resolve("db"), work.resolve("reports"), null, log, STEP_LOG,
                environment, arguments);
    }
}
