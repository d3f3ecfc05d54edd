package ai.kubiya.secretaudit.source.controlplane;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.kubiya.secretaudit.source.ReadAbortedException;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.Sleeper;
import ai.kubiya.secretaudit.source.SourceException;
import ai.kubiya.secretaudit.source.SourceReads;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Control Plane request ends when another thread aborts the reads ({@link SourceReads#abort}: a stop, the run's
 * deadline) at any point — waiting for its response, pausing between attempts, reading a certificate value —
 * with the reason, and is not tried again. Before, only response bodies could be aborted: a server that held its
 * headers kept the run for {@code kubiya.read-timeout} × attempts, a {@code Retry-After} for up to 30 s a pause.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a regression hangs: fail instead
class AbortedRequestsTests {

    private static final Instant AS_OF = Instant.parse("2026-11-26T02:00:00Z");
    private static final String REASON = "the run exceeded audit.run.deadline (3s)";
    private static final String SECRETS = ControlPlaneSecretSource.SECRETS_PATH;
    /** Longer than the test's bound on an abort (3 s), far shorter than its timeout. */
    private static final int HELD_MILLIS = 20_000;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final SourceReads reads = new SourceReads();
    final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @Test
    void aRequestWaitingForItsResponseIsEndedByAnAbortAndNotRetried() throws Exception {
        // given: a server that holds its headers, a read timeout of 60 s and 5 attempts (5 minutes before)
        server.stubFor(get(SECRETS).willReturn(okJson("[]").withFixedDelay(HELD_MILLIS)));

        // when / then
        assertAbortEnds(() -> source(false).open(AS_OF).hasNext())
                .hasMessage("GET " + server.baseUrl() + SECRETS + " was aborted: " + REASON);
        assertThat(pauses).as("the cancelled request is not taken for a failed attempt").isEmpty();
        server.verify(1, getRequestedFor(urlEqualTo(SECRETS)));
    }

    @Test
    void aPauseForTheServersRetryAfterIsEndedByAnAbort() throws Exception {
        // given: 503 with Retry-After: 30, which the client honours (kubiya.max-backoff 30 s)
        server.stubFor(get(SECRETS).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));

        // when / then
        assertAbortEnds(() -> source(false).open(AS_OF).hasNext());
        assertThat(pauses).containsExactly(Duration.ofSeconds(30));
        server.verify(1, getRequestedFor(urlEqualTo(SECRETS)));
    }

    @Test
    void aRequestStartedAfterAnAbortIsNeverSent() {
        // given
        server.stubFor(get(SECRETS).willReturn(okJson("[]")));
        reads.abort(REASON);

        // when / then
        assertThatThrownBy(() -> source(false).open(AS_OF)).isInstanceOf(SourceException.class)
                .hasMessageContaining(REASON).hasRootCauseInstanceOf(ReadAbortedException.class);
        server.verify(0, getRequestedFor(urlEqualTo(SECRETS)));
    }

    @Test
    void aCertificateValueRequestWaitingForItsResponseStopsTheReadInsteadOfBecomingAProblem() throws Exception {
        // given: the list at once, the certificate's value held
        server.stubFor(get(SECRETS).willReturn(okJson("[{\"name\": \"ingress-tls\", \"type\": \"certificate\"}]")));
        server.stubFor(get(urlPathMatching("/api/v1/secrets/value/.*"))
                .willReturn(okJson("{\"value\": \"\"}").withFixedDelay(HELD_MILLIS)));
        SecretCursor cursor = source(true).open(AS_OF);

        // when / then: not a record with "expires_at: … could not be fetched", but the abort
        try (cursor) {
            assertAbortEnds(() -> cursor.next() != null).hasMessageContaining("was aborted: " + REASON);
        }
        assertThat(pauses).isEmpty();
    }

    @Test
    void aCertificateValueThatDripsStopsTheReadInsteadOfBecomingAProblem() throws Exception {
        // given: the value's body in 100 pieces over 20 s (each far sooner than the read timeout); the headers come
        // with the first
        server.stubFor(get(SECRETS).willReturn(okJson("[{\"name\": \"ingress-tls\", \"type\": \"certificate\"}]")));
        server.stubFor(get(urlPathMatching("/api/v1/secrets/value/.*"))
                .willReturn(okJson("{\"value\": \"" + "A".repeat(1_000) + "\"}")
                        .withChunkedDribbleDelay(100, HELD_MILLIS)));
        SecretCursor cursor = source(true).open(AS_OF);

        // when / then: not "expires_at: the certificate value response is not valid JSON", but the abort
        try (cursor) {
            assertAbortEnds(() -> cursor.next() != null).hasMessageContaining("certificate value was aborted");
        }
    }

    /** The read blocks until aborted from this thread, then fails with the reason, within a few seconds. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertAbortEnds(Callable<Boolean> read) throws Exception {
        CompletableFuture<Boolean> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return read.call();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Thread.sleep(700);
        assertThat(reading).as("the read is blocked").isNotDone();

        long aborted = System.nanoTime();
        assertThat(reads.abort(REASON)).as("a request was waiting to abort").isTrue();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> reading.get(10, TimeUnit.SECONDS));
        assertThat(Duration.ofNanos(System.nanoTime() - aborted)).isLessThan(Duration.ofSeconds(3));
        return assertThat(failure.getCause()).isInstanceOf(SourceException.class).hasMessageContaining(REASON)
                .hasRootCauseInstanceOf(ReadAbortedException.class);
    }

    /** Production's waits: a read timeout of 60 s, 5 attempts, backoff up to 30 s, pauses through the reads (noted). */
    private ControlPlaneSecretSource source(boolean inspectCertificates) {
        ControlPlaneProperties settings = new ControlPlaneProperties("kubiya-test-key-aborted-requests",
                server.baseUrl(), Duration.ofSeconds(2), Duration.ofSeconds(60), 5, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
        RetryDelays delays = new RetryDelays(settings.initialBackoff(), settings.maxBackoff(), () -> 1.0,
                Clock.fixed(AS_OF, ZoneOffset.UTC));
        Sleeper recorded = delay -> {
            pauses.add(delay);
            reads.pause(delay);
        };
        ControlPlaneClient client = new ControlPlaneClient(settings, "test", delays, recorded, reads);
        return new ControlPlaneSecretSource(client, inspectCertificates ? new CertificateExpiries(client) : null);
    }
}
