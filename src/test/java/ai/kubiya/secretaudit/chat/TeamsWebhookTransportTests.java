package ai.kubiya.secretaudit.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Teams transport against a local HTTP server answering as Teams does: legacy incoming webhooks (200, body
 * {@code 1}), Workflows (202), rate limits, outages, webhooks that are gone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TeamsWebhookTransportTests {

    /** The shape of a Workflows URL: its {@code sig} is the credential. */
    private static final String PATH = "/workflows/abc/triggers/manual/paths/invoke";
    private static final String QUERY = "?api-version=2016-06-01&sig=S3cr3tSignature";
    private static final byte[] CARD = "{\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static WireMockExtension teams = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aLegacyWebhookAnswering200WithOneTakesTheCardPostedAsJson() throws ChatFailure {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody("1")));

        postCard();

        teams.verify(1, postRequestedFor(urlPathEqualTo(PATH))
                .withQueryParam("sig", equalTo("S3cr3tSignature"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalTo("{\"type\":\"message\"}")));
    }

    @Test
    void aWorkflowAnswering202TakesTheCard() throws ChatFailure {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(202)));

        postCard();

        teams.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a429IsWaitedOutForItsRetryAfterAndTheCardPostedAgain() throws ChatFailure {
        teams.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("waited"));
        teams.stubFor(post(urlPathEqualTo(PATH)).inScenario("limit").whenScenarioStateIs("waited")
                .willReturn(aResponse().withStatus(202)));

        long start = System.nanoTime();
        postCard();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        teams.verify(2, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a429ThatOutlastsThreeWaitsEndsTheDeliveryForThisRun() {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

        ChatFailure failure = failure();

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure).hasMessage("Teams is still rate-limiting (429) after 3 waits");
        teams.verify(1 + TeamsWebhookTransport.MAX_WAITS, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aRetryAfterLongerThanTheCapIsNotWaitedFor() {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));

        long start = System.nanoTime();
        ChatFailure failure = failure();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure).hasMessageContaining("audit.teams.max-retry-after (30s)");
        teams.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void a500FailsThisCardForNowAndTheRestWaitForTheNextRun() {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500).withBody(QUERY)));

        ChatFailure failure = failure();

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure).hasMessage("Teams failed (HTTP 500); tried again next run");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403, 404, 410})
    void aWebhookThatIsGoneOrNotAuthorisedFailsForGood(int status) {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status).withBody(QUERY)));

        ChatFailure failure = failure();

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.stopsDelivery()).isFalse();
        assertThat(failure).hasMessage("the Teams webhook was removed or is not authorised (HTTP " + status + ")");
    }

    @Test
    void aRefusedCardFailsForGoodWithoutRepeatingTeamsAnswer() {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withBody("Bad payload: secret-named-thing " + QUERY)));

        ChatFailure failure = failure();

        assertThat(failure.permanent()).isTrue();
        assertThat(failure).hasMessage("Teams refused the card (HTTP 400)");
    }

    @Test
    void aLegacy200ThatSaysDeliveryFailedIsTriedAgainNextRun() {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(
                "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 502")));

        ChatFailure failure = failure();

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isFalse();
        assertThat(failure).hasMessageNotContaining("502");
    }

    @Test
    void aLegacy200ThatSaysTeamsIsRateLimitingEndsTheDeliveryForThisRun() {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200).withBody(
                "Webhook message delivery failed with error: Microsoft Teams endpoint returned HTTP error 429")));

        ChatFailure failure = failure();

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure).hasMessage("Teams answered 200 but said the message was not delivered (rate-limited)");
    }

    @Test
    void aRedirectIsNotFollowed() {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "https://elsewhere.example/collect")));

        ChatFailure failure = failure();

        assertThat(failure.permanent()).isTrue();
        assertThat(failure).hasMessage("Teams did not take the message (HTTP 302)");
        teams.verify(1, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void aResetConnectionEndsTheDeliveryForThisRun() {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ChatFailure failure = failure();

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure).hasMessageStartingWith("Teams could not be reached: ");
    }

    @Test
    void aStoppedServerEndsTheDeliveryForThisRun() {
        WireMockServer stopped = new WireMockServer(wireMockConfig().dynamicPort());
        stopped.start();
        String url = stopped.baseUrl() + PATH + QUERY;
        stopped.stop();

        ChatFailure failure = catchThrowableOfType(ChatFailure.class, () -> transport(url).post(
                TeamsWebhooks.reference(url), CARD));

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure).hasMessage("Teams could not be reached: the connection was refused");
    }

    @Test
    void aSilentServerEndsTheDeliveryAfterTheReadTimeout() {
        teams.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(202).withFixedDelay(5_000)));
        String url = teams.baseUrl() + PATH + QUERY;
        TeamsProperties properties = new TeamsProperties(null, Duration.ofSeconds(2), Duration.ofMillis(300),
                Duration.ofSeconds(30));

        ChatFailure failure = catchThrowableOfType(ChatFailure.class, () -> new TeamsWebhookTransport(properties,
                new TeamsWebhooks(List.of(url))).post(TeamsWebhooks.reference(url), CARD));

        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure).hasMessageContaining("no answer within 0.3s (audit.teams.read-timeout)");
    }

    @Test
    void aReferenceNoLongerConfiguredFailsForNowWithoutARequest() {
        assertThatThrownBy(() -> transport(url()).post(TeamsWebhooks.reference(url() + "&old=1"), CARD))
                .isInstanceOfSatisfying(ChatFailure.class, failure -> {
                    assertThat(failure.permanent()).isFalse();
                    assertThat(failure.stopsDelivery()).isFalse();
                })
                .hasMessage("the Teams webhook is no longer configured (its URL was changed or removed)");
        teams.verify(0, postRequestedFor(urlPathEqualTo(PATH)));
    }

    @Test
    void itDescribesItselfWithoutAUrl() {
        assertThat(transport(url()).describe()).isEqualTo("Microsoft Teams webhook(s)");
    }

    private static String url() {
        return teams.baseUrl() + PATH + QUERY;
    }

    private static TeamsWebhookTransport transport(String url) {
        return new TeamsWebhookTransport(new TeamsProperties(null, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(30)), new TeamsWebhooks(List.of(url)));
    }

    private static void postCard() throws ChatFailure {
        try (TeamsWebhookTransport transport = transport(url())) {
            transport.post(TeamsWebhooks.reference(url()), CARD);
        }
    }

    /** The failure of one post, which never names the webhook, its host or its signature. */
    private static ChatFailure failure() {
        ChatFailure failure = catchThrowableOfType(ChatFailure.class, TeamsWebhookTransportTests::postCard);
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).doesNotContain("S3cr3t", "workflows", "localhost", "127.0.0.1",
                String.valueOf(teams.getPort()));
        return failure;
    }
}
