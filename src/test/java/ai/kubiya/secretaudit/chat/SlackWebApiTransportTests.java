package ai.kubiya.secretaudit.chat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Slack client against a local HTTP server that answers as the Web API does (WireMock): HTTP 200 with
 * {@code "ok": false} for most errors, 429 with {@code Retry-After}, 5xx, a connection reset. Each answer becomes
 * delivered, failed for good, or failed for now, and says whether the rest of the run's messages may go on.
 */
class SlackWebApiTransportTests {

    static final String TOKEN = "xoxb-test-token-4c1d9e";
    static final WireMockServer SLACK = new WireMockServer(wireMockConfig().dynamicPort());
    static final byte[] PAYLOAD = SlackMessage.render(new ChatReminder("[Secret rotation] 1 secret overdue",
            "intro", List.of(), 0, "waiver", null));

    @BeforeAll
    static void startSlack() {
        SLACK.start();
    }

    @AfterAll
    static void stopSlack() {
        SLACK.stop();
    }

    @BeforeEach
    void reset() {
        SLACK.resetAll();
    }

    static SlackProperties properties(Duration maxRetryAfter) {
        return new SlackProperties(TOKEN, SLACK.baseUrl() + "/api/", null, Duration.ofSeconds(2),
                Duration.ofSeconds(5), maxRetryAfter);
    }

    static SlackWebApiTransport transport() {
        return new SlackWebApiTransport(properties(Duration.ofSeconds(30)));
    }

    static void answer(String method, String json) {
        SLACK.stubFor(post(urlEqualTo("/api/" + method)).willReturn(okJson(json)));
    }

    @Test
    void aDirectMessageLooksTheOwnerUpByEmailOnceAndPostsToTheirUserIdWithTheBotToken() throws Exception {
        answer("users.lookupByEmail", "{\"ok\":true,\"user\":{\"id\":\"U0DANA\"}}");
        answer("chat.postMessage", "{\"ok\":true,\"channel\":\"D0DANA\",\"ts\":\"1.2\"}");

        try (SlackWebApiTransport slack = transport()) {
            slack.post("user:dana@acme.example", PAYLOAD);
            slack.post("user:dana@acme.example", PAYLOAD);
        }

        SLACK.verify(1, postRequestedFor(urlEqualTo("/api/users.lookupByEmail"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(equalTo("email=dana%40acme.example")));
        SLACK.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("U0DANA")))
                .withRequestBody(matchingJsonPath("$.text", equalTo("[Secret rotation] 1 secret overdue"))));
    }

    @Test
    void aChannelTargetIsPostedToAsWrittenWithoutALookup() throws Exception {
        answer("chat.postMessage", "{\"ok\":true}");

        try (SlackWebApiTransport slack = transport()) {
            slack.post("#payments", PAYLOAD);
        }

        SLACK.verify(postRequestedFor(urlEqualTo("/api/chat.postMessage"))
                .withRequestBody(matchingJsonPath("$.channel", equalTo("#payments"))));
        SLACK.verify(0, postRequestedFor(urlEqualTo("/api/users.lookupByEmail")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "invalid_blocks"})
    void anErrorAboutTheMessageFailsItForGoodAndLetsTheOthersGoOn(String error) {
        answer("chat.postMessage", "{\"ok\":false,\"error\":\"" + error + "\"}");

        ChatFailure failure = failure("#gone");

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.stopsDelivery()).isFalse();
        assertThat(failure).hasMessage("Slack refused the message: " + error);
    }

    @Test
    void anOwnerWithoutASlackAccountFailsForGoodAsUsersNotFound() {
        answer("users.lookupByEmail", "{\"ok\":false,\"error\":\"users_not_found\"}");

        ChatFailure failure = failure("user:nobody@acme.example");

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.stopsDelivery()).isFalse();
        assertThat(failure.getMessage()).startsWith("users_not_found").doesNotContain("nobody@acme.example");
        SLACK.verify(0, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"invalid_auth", "not_authed", "token_revoked", "account_inactive", "missing_scope"})
    void aRefusedTokenStopsTheDeliveryAndKeepsTheMessageForTheNextRun(String error) {
        answer("chat.postMessage", "{\"ok\":false,\"error\":\"" + error + "\"}");

        ChatFailure failure = failure("#payments");

        assertThat(failure).hasMessage("Slack rejected the bot token (" + error + ")");
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure.permanent()).isFalse();
    }

    @Test
    void aRateLimitIsWaitedOutForItsRetryAfterAndTheMessageIsPostedOnce() throws Exception {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson("{\"ok\":true}")));

        long started = System.nanoTime();
        try (SlackWebApiTransport slack = transport()) {
            slack.post("#payments", PAYLOAD);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        SLACK.verify(2, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @Test
    void aRetryAfterLongerThanTheCapIsNotWaitedForAndStopsTheDelivery() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        long started = System.nanoTime();
        ChatFailure failure = failure("#payments");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure.getMessage()).contains("429", "120 s", "audit.slack.max-retry-after");
    }

    @Test
    void aRateLimitThatOutlastsThreeWaitsStopsTheDelivery() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

        ChatFailure failure = failure("#payments");

        assertThat(failure.stopsDelivery()).isTrue();
        SLACK.verify(1 + SlackWebApiTransport.MAX_WAITS, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {500, 502, 503})
    void aServerErrorFailsTheMessageForNowAndStopsTheDeliveryForThisRun(int status) {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(status)));

        ChatFailure failure = failure("#payments");

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
    }

    @Test
    void slacksOwnInternalErrorIsTemporaryToo() {
        answer("chat.postMessage", "{\"ok\":false,\"error\":\"internal_error\"}");

        ChatFailure failure = failure("#payments");

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
    }

    @Test
    void aResetConnectionFailsForNowAndStopsTheDelivery() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        ChatFailure failure = failure("#payments");

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure.getMessage()).startsWith("Slack API unreachable on chat.postMessage");
    }

    @Test
    void anErrorCodeThatIsNotOneOfSlacksWordsIsNotRepeated() {
        answer("chat.postMessage", "{\"ok\":false,\"error\":\"<!channel> " + TOKEN + "\"}");

        ChatFailure failure = failure("#payments");

        assertThat(failure).hasMessage("Slack refused the message: an error code not shown");
    }

    @Test
    void anAnswerThatIsNotSlacksStopsTheDeliveryWithoutFailingTheMessageForGood() {
        SLACK.stubFor(post(urlEqualTo("/api/chat.postMessage")).willReturn(aResponse().withStatus(200)
                .withBody("<html>Sign in to the proxy</html>")));

        ChatFailure failure = failure("#payments");

        assertThat(failure.permanent()).isFalse();
        assertThat(failure.stopsDelivery()).isTrue();
        assertThat(failure.getMessage()).doesNotContain("html", "proxy");
    }

    @Test
    void noFailureMessageEverContainsTheToken() {
        for (String body : List.of("{\"ok\":false,\"error\":\"invalid_auth\"}", "not json " + TOKEN)) {
            SLACK.resetAll();
            answer("chat.postMessage", body);
            assertThat(failure("#payments").getMessage()).doesNotContain(TOKEN).doesNotContain("xoxb");
        }
        assertThat(properties(Duration.ofSeconds(1)).toString()).doesNotContain(TOKEN);
    }

    @Test
    void aPayloadThatIsNotJsonIsRefusedWithoutARequest() {
        ChatFailure failure = catchThrowableOfType(ChatFailure.class,
                () -> transport().post("#payments", "not json".getBytes(StandardCharsets.UTF_8)));

        assertThat(failure.permanent()).isTrue();
        SLACK.verify(0, postRequestedFor(urlEqualTo("/api/chat.postMessage")));
        assertThatNoException().isThrownBy(() -> transport().close());
    }

    private static ChatFailure failure(String target) {
        try (SlackWebApiTransport slack = transport()) {
            return catchThrowableOfType(ChatFailure.class, () -> slack.post(target, PAYLOAD));
        }
    }
}
