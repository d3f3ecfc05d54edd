package ai.kubiya.secretaudit.source.controlplane;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.source.ReadProgress;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.SecretSource;
import ai.kubiya.secretaudit.source.SourceException;
import ai.kubiya.secretaudit.source.SourceReads;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control-plane source against a real HTTP server (WireMock): the happy path and a bad night. */
class ControlPlaneSecretSourceTests {

    static final String API_KEY = "kubiya-test-key-4f1e9d";
    static final String SECRETS = ControlPlaneSecretSource.SECRETS_PATH;
    static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");
    static final String TWO_SECRETS = """
            [{"name": "github-api-token", "type": "token", "created_at": "2026-01-01T00:00:00Z",
              "created_by": "alice@acme.example"},
             {"name": "slack-webhook-url", "type": "url", "created_at": "2026-02-01T00:00:00Z"}]""";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    final List<Duration> sleeps = new ArrayList<>();

    @Test
    void readsTheSecretsWithTheApiKeyAndProductUserAgent() {
        // given
        server.stubFor(get(SECRETS).willReturn(okJson(TWO_SECRETS)));

        // when
        List<SecretMetadata> records = readAll(source(settings()));

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly("github-api-token", "slack-webhook-url");
        assertThat(records.get(0).createdBy()).isEqualTo("alice@acme.example");
        server.verify(1, getRequestedFor(urlEqualTo(SECRETS))
                .withHeader("Authorization", equalTo("UserKey " + API_KEY))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("User-Agent", equalTo("secret-rotation-audit/1.2.3")));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void itsProgressIsTheBytesReceivedOfAnUnknownTotalForTheListIsStreamed() {
        server.stubFor(get(SECRETS).willReturn(okJson(TWO_SECRETS)));

        try (SecretCursor cursor = source(settings()).open(NOW)) {
            cursor.forEachRemaining(secret -> { });

            assertThat(cursor.progress()).isEqualTo(new ReadProgress(TWO_SECRETS.length(), ReadProgress.UNKNOWN_TOTAL,
                    ReadProgress.Unit.BYTES));
        }
    }

    @Test
    void describesItselfByBaseUrlWithoutTheKey() {
        ControlPlaneSecretSource source = source(settings());

        assertThat(source.describe()).isEqualTo("control-plane " + server.baseUrl()).doesNotContain(API_KEY);
        assertThat(settings().toString()).doesNotContain(API_KEY).contains("apiKey=****");
    }

    @Test
    void a429IsRetriedAfterTheServersRetryAfterSeconds() {
        // given
        sequence(aResponse().withStatus(429).withHeader("Retry-After", "2"), okJson(TWO_SECRETS));

        // when
        List<SecretMetadata> records = readAll(source(settings()));

        // then
        assertThat(records).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        server.verify(2, getRequestedFor(urlEqualTo(SECRETS)));
    }

    @Test
    void aRetryAfterDateIsHonouredAndCappedAtTheMaximumBackoff() {
        // given: 7 s from now, then 10 minutes from now (above the 5 s cap)
        DateTimeFormatter http = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
        sequence(aResponse().withStatus(503).withHeader("Retry-After", http.format(NOW.plusSeconds(7))),
                aResponse().withStatus(429).withHeader("Retry-After", http.format(NOW.plusSeconds(600))),
                okJson(TWO_SECRETS));

        // when
        List<SecretMetadata> records = readAll(source(settings(5, Duration.ofSeconds(5))));

        // then
        assertThat(records).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @Test
    void gatewayErrorsAreRetriedWithExponentialJitteredBackoffThenSucceed() {
        // given: 503, 502, 500, 504, then the list; the jitter draws 0.5 of each ceiling (100, 200, 400, 800 ms)
        sequence(aResponse().withStatus(503), aResponse().withStatus(502), aResponse().withStatus(500),
                aResponse().withStatus(504), okJson(TWO_SECRETS));

        // when
        List<SecretMetadata> records = readAll(source(settings(5, Duration.ofSeconds(30))));

        // then
        assertThat(records).hasSize(2);
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200),
                Duration.ofMillis(400));
        server.verify(5, getRequestedFor(urlEqualTo(SECRETS)));
    }

    @Test
    void whenEveryAttemptFailsTheSourceFailsSayingWhatHappened() {
        // given
        server.stubFor(get(SECRETS).willReturn(aResponse().withStatus(503)));

        // when / then
        assertThatThrownBy(() -> source(settings(3, Duration.ofSeconds(30))).open(NOW))
                .isInstanceOf(SourceException.class)
                .hasMessage("GET " + server.baseUrl() + SECRETS + " failed after 3 attempts (last: HTTP 503)")
                .message().doesNotContain(API_KEY);
        server.verify(3, getRequestedFor(urlEqualTo(SECRETS)));
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void aResetConnectionIsRetried() {
        sequence(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), aResponse().withFault(Fault.EMPTY_RESPONSE),
                okJson(TWO_SECRETS));

        assertThat(readAll(source(settings()))).hasSize(2);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void aRefusedConnectionIsRetriedThenFails() throws Exception {
        // given: a port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ControlPlaneProperties settings = new ControlPlaneProperties(API_KEY, "http://127.0.0.1:" + port,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(100), Duration.ofSeconds(1));

        // when / then
        assertThatThrownBy(() -> source(settings).open(NOW))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("failed after 3 attempts (last: cannot connect (refused or unreachable))");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void a401FailsAtOnceSayingTheKeyWasRejected() {
        server.stubFor(get(SECRETS).willReturn(aResponse().withStatus(401).withBody("bad key " + API_KEY)));

        assertThatThrownBy(() -> source(settings()).open(NOW))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("rejected the API key (HTTP 401)")
                .hasMessageContaining("KUBIYA_API_KEY")
                .message().doesNotContain(API_KEY);
        server.verify(1, getRequestedFor(urlEqualTo(SECRETS)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void a403FailsAtOnceSayingTheKeyWasRejected() {
        server.stubFor(get(SECRETS).willReturn(aResponse().withStatus(403)));

        assertThatThrownBy(() -> source(settings()).open(NOW))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("rejected the API key (HTTP 403)")
                .message().doesNotContain(API_KEY);
        server.verify(1, getRequestedFor(urlEqualTo(SECRETS)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void otherClientErrorsAndRedirectsFailWithoutRetry() {
        server.stubFor(get(SECRETS).willReturn(aResponse().withStatus(404)));
        assertThatThrownBy(() -> source(settings()).open(NOW)).hasMessageContaining("returned HTTP 404; check KUBIYA_BASE_URL");

        server.stubFor(get(SECRETS).willReturn(aResponse().withStatus(301).withHeader("Location", "http://elsewhere.example/")));
        assertThatThrownBy(() -> source(settings()).open(NOW)).hasMessageContaining("HTTP 301; redirects are not followed");

        server.verify(2, getRequestedFor(urlEqualTo(SECRETS)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aTruncatedBodyFailsTheSource() {
        server.stubFor(get(SECRETS).willReturn(okJson("[{\"name\": \"a\"}, {\"name\": \"b")));

        try (SecretCursor cursor = source(settings()).open(NOW)) {
            assertThat(cursor.next().name()).isEqualTo("a");
            assertThatThrownBy(cursor::next).isInstanceOf(SourceException.class).hasMessageContaining("is truncated");
        }
    }

    @Test
    void aBodyThatIsNotAnArrayFailsTheSource() {
        server.stubFor(get(SECRETS).willReturn(okJson("{\"secrets\": []}")));

        assertThatThrownBy(() -> source(settings()).open(NOW))
                .isInstanceOf(SourceException.class)
                .hasMessage("control-plane " + server.baseUrl() + " is not a JSON array (it starts with an object)");
    }

    @Test
    void aMalformedRecordInAValidArrayIsJustAProblemOnThatRecord() {
        server.stubFor(get(SECRETS).willReturn(okJson("[{\"name\": \"a\", \"created_at\": 42}, 7, {\"name\": \"b\"}]")));

        List<SecretMetadata> records = readAll(source(settings()));

        assertThat(records).extracting(SecretMetadata::name).containsExactly("a", null, "b");
        assertThat(records.get(0).problems()).containsExactly("created_at: expected a string but found a number");
        assertThat(records.get(1).isMalformed()).isTrue();
    }

    @Test
    void aServerSlowerThanTheReadTimeoutIsRetried() {
        // given: the first response starts after 1.5 s, past the 300 ms read timeout
        sequence(okJson(TWO_SECRETS).withFixedDelay(1500), okJson(TWO_SECRETS));

        // when
        List<SecretMetadata> records = readAll(source(settings(3, Duration.ofSeconds(1), Duration.ofMillis(300))));

        // then
        assertThat(records).hasSize(2);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void aServerAlwaysSlowerThanTheReadTimeoutFailsTheSource() {
        server.stubFor(get(SECRETS).willReturn(okJson(TWO_SECRETS).withFixedDelay(1500)));

        assertThatThrownBy(() -> source(settings(2, Duration.ofSeconds(1), Duration.ofMillis(300))).open(NOW))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("failed after 2 attempts (last: no response within 300 ms (kubiya.read-timeout))");
    }

    @Test
    void retriesReallyWaitWhenNobodyStubsTheSleep() {
        // given: the one test with real delays; the jitter draws the full ceiling of 200 ms
        sequence(aResponse().withStatus(503), okJson(TWO_SECRETS));
        ControlPlaneProperties settings = settings(3, Duration.ofMillis(200));
        RetryDelays delays = new RetryDelays(settings.initialBackoff(), settings.maxBackoff(), () -> 1.0,
                Clock.fixed(NOW, ZoneOffset.UTC));
        SourceReads reads = new SourceReads();
        ControlPlaneSecretSource source = new ControlPlaneSecretSource(
                new ControlPlaneClient(settings, "1.2.3", delays, reads::pause, reads), null);
        long started = System.nanoTime();

        // when
        List<SecretMetadata> records = readAll(source);

        // then
        assertThat(records).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void withoutAnApiKeyTheSourceCannotBeCreated() {
        ControlPlaneProperties noKey = new ControlPlaneProperties(" ", server.baseUrl(), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Duration.ofMillis(1), Duration.ofMillis(1));

        assertThatThrownBy(() -> source(noKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KUBIYA_API_KEY");
    }

    ControlPlaneProperties settings() {
        return settings(5, Duration.ofSeconds(30));
    }

    ControlPlaneProperties settings(int maxAttempts, Duration maxBackoff) {
        return settings(maxAttempts, maxBackoff, Duration.ofSeconds(5));
    }

    ControlPlaneProperties settings(int maxAttempts, Duration maxBackoff, Duration readTimeout) {
        return new ControlPlaneProperties(API_KEY, server.baseUrl() + "/", Duration.ofSeconds(2), readTimeout,
                maxAttempts, Duration.ofMillis(100), maxBackoff);
    }

    ControlPlaneSecretSource source(ControlPlaneProperties settings) {
        RetryDelays delays = new RetryDelays(settings.initialBackoff(), settings.maxBackoff(), () -> 0.5,
                Clock.fixed(NOW, ZoneOffset.UTC));
        return new ControlPlaneSecretSource(
                new ControlPlaneClient(settings, "1.2.3", delays, sleeps::add, new SourceReads()), null);
    }

    /** The secrets list answers with each response in turn. */
    static void sequence(ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            server.stubFor(get(SECRETS).inScenario("sequence")
                    .whenScenarioStateIs(i == 0 ? STARTED : "after " + i)
                    .willSetStateTo("after " + (i + 1))
                    .willReturn(responses[i]));
        }
    }

    static List<SecretMetadata> readAll(SecretSource source) {
        List<SecretMetadata> records = new ArrayList<>();
        try (SecretCursor cursor = source.open(NOW)) {
            cursor.forEachRemaining(records::add);
        }
        return records;
    }
}
