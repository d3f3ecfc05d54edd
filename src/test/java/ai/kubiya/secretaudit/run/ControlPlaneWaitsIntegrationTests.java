package ai.kubiya.secretaudit.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.TestFiles;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A run waiting on the Control Plane — for response headers that do not come, or out a {@code Retry-After: 30} —
 * ends at its deadline, or 5 s after a stop request, with its reason: not after {@code kubiya.read-timeout} ×
 * attempts, and not abandoned {@code audit.run.stop-timeout} later (30 s here, so an abandoned run fails the
 * time bounds). The client's settings are the defaults: 60 s read timeout, 5 attempts, backoff capped at 30 s.
 */
@SpringBootTest(properties = {"audit.chunk-size=500", "audit.run.deadline=8s", "audit.run.stop-timeout=30s",
        "kubiya.api-key=kubiya-test-key-waits", "kubiya.read-timeout=60s", "kubiya.max-attempts=5",
        "kubiya.max-backoff=30s"})
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a regression hangs: fail instead
class ControlPlaneWaitsIntegrationTests {

    static final Path WORK = TestFiles.directory("cp-waits-it");
    static final WireMockServer CONTROL_PLANE = new WireMockServer(wireMockConfig().dynamicPort());
    static final String SECRETS = "/api/v1/secrets";
    static final String DEADLINE = "the run exceeded audit.run.deadline (8s) in step evaluateSecretsStep; it was"
            + " stopped there, and the next run of the same as-of and source restarts it";
    /** Under the read timeout, far over the deadline. */
    static final int HELD_MILLIS = 50_000;

    static {
        CONTROL_PLANE.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", () -> WORK.resolve("reports").toString());
        registry.add("kubiya.base-url", CONTROL_PLANE::baseUrl);
    }

    @AfterAll
    static void stopServer() {
        CONTROL_PLANE.stop();
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void reset() {
        CONTROL_PLANE.resetAll();
    }

    @Test
    void aControlPlaneThatHoldsItsHeadersFailsTheRunAtItsDeadlineAndTheNextRunRestartsIt() throws Exception {
        // given
        Instant asOf = Instant.parse("2026-10-01T00:00:00Z");
        CONTROL_PLANE.stubFor(get(SECRETS).willReturn(okJson("[]").withFixedDelay(HELD_MILLIS)));

        // when
        long started = System.nanoTime();
        AuditRun stopped = inBackground(() -> launcher.launch(asOf, "control-plane", false)).get(60, TimeUnit.SECONDS);

        // then: at the deadline, not 50 s later when the headers come, nor abandoned 30 s after the deadline
        assertThat(since(started)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(15));
        assertStoppedWith(stopped, DEADLINE);
        CONTROL_PLANE.verify(1, getRequestedFor(urlEqualTo(SECRETS)));

        // and the next run, the Control Plane answering again, restarts it and completes
        CONTROL_PLANE.stubFor(get(SECRETS).willReturn(okJson(
                new Inventory(asOf).generated(20, "held.example").json())));
        AuditRun resumed = launcher.launch(asOf, "control-plane", false);
        assertThat(resumed.id()).isEqualTo(stopped.id());
        assertThat(resumed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(resumed.read()).isEqualTo(20);
    }

    @Test
    void aRetryAfterLongerThanWhatIsLeftOfTheDeadlineFailsTheRunAtItsDeadline() throws Exception {
        // given: 503, Retry-After: 30, for ever
        CONTROL_PLANE.stubFor(get(SECRETS).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));

        // when
        long started = System.nanoTime();
        AuditRun stopped = inBackground(() -> launcher.launch(Instant.parse("2026-10-02T00:00:00Z"), "control-plane",
                false)).get(60, TimeUnit.SECONDS);

        // then: the pause ended at the deadline, and no attempt after it
        assertThat(since(started)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(15));
        assertStoppedWith(stopped, DEADLINE);
        CONTROL_PLANE.verify(1, getRequestedFor(urlEqualTo(SECRETS)));
    }

    @Test
    void aStopRequestEndsARunPausingForTheServersRetryAfter() throws Exception {
        // given: a run pausing 30 s after a 503
        CONTROL_PLANE.stubFor(get(SECRETS).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));
        CompletableFuture<AuditRun> run = inBackground(() -> launcher.launch(Instant.parse("2026-10-03T00:00:00Z"),
                "control-plane", false));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> CONTROL_PLANE.countRequestsMatching(getRequestedFor(urlEqualTo(SECRETS)).build())
                        .getCount() == 1);

        // when: SIGTERM's stop request
        long signalled = System.nanoTime();
        assertThat(launcher.stopCurrentRun()).isTrue();
        AuditRun stopped = run.get(60, TimeUnit.SECONDS);

        // then: aborted after the 5 s grace for a chunk boundary, before the deadline (8 s) and the pause's end
        assertThat(since(signalled)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertStoppedWith(stopped, "stopped on request (shutdown) in step evaluateSecretsStep, where a source read"
                + " that did not reach a chunk boundary within 5s was aborted; the next run of the same as-of and"
                + " source resumes it");
        CONTROL_PLANE.verify(1, getRequestedFor(urlEqualTo(SECRETS)));
    }

    private void assertStoppedWith(AuditRun run, String failure) {
        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.failure()).isEqualTo(failure);
        assertThat(run.workbookPath()).as("nothing reported").isNull();
        assertThat(jdbc.sql("SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1")
                .query(String.class).single()).as("restartable").isEqualTo("STOPPED");
    }

    private static CompletableFuture<AuditRun> inBackground(java.util.concurrent.Callable<AuditRun> launch) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return launch.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
