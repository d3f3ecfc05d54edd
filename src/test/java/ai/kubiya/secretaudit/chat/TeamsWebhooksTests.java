package ai.kubiya.secretaudit.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Webhook URLs by reference: what the outbox stores instead of a credential, and the one rule for a URL. */
class TeamsWebhooksTests {

    static final String DEFAULT = "https://acme.webhook.office.com/webhookb2/aaa/IncomingWebhook/bbb/ccc";
    static final String PAYMENTS = "https://prod-1.westeurope.logic.azure.com/workflows/p/invoke?sig=payments";

    @Test
    void aReferenceIsTwelveHexDigitsOfTheUrlsSha256AndNothingOfTheUrl() {
        String reference = TeamsWebhooks.reference(DEFAULT);

        assertThat(reference).matches("teams-webhook-[0-9a-f]{12}").isEqualTo("teams-webhook-"
                + Sha256.hex(DEFAULT.getBytes(StandardCharsets.UTF_8))
                .substring(0, 12));
        assertThat(TeamsWebhooks.reference(PAYMENTS)).isNotEqualTo(reference);
        assertThat(TeamsWebhooks.reference(DEFAULT)).isEqualTo(reference);
    }

    @Test
    void eachConfiguredWebhookIsFoundAgainByItsReference() throws ChatFailure {
        TeamsProperties properties = new TeamsProperties(DEFAULT, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        TeamsWebhooks webhooks = TeamsWebhooks.of(properties, List.of(PAYMENTS));

        assertThat(webhooks.url(TeamsWebhooks.reference(DEFAULT))).isEqualTo(DEFAULT);
        assertThat(webhooks.url(TeamsWebhooks.reference(PAYMENTS))).isEqualTo(PAYMENTS);
    }

    @Test
    void aWebhookRemovedFromTheConfigurationSinceTheMessageWasQueuedFailsForNow() {
        TeamsWebhooks webhooks = new TeamsWebhooks(Arrays.asList(DEFAULT, null));

        assertThatThrownBy(() -> webhooks.url(TeamsWebhooks.reference(PAYMENTS)))
                .isInstanceOfSatisfying(ChatFailure.class, failure -> assertThat(failure.permanent()).isFalse())
                .hasMessage("the Teams webhook is no longer configured (its URL was changed or removed)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {DEFAULT, PAYMENTS, "http://localhost:8080/hook", "http://127.0.0.1/hook",
        "http://[::1]:9/hook", "HTTPS://Teams.Example/hook"})
    void aWebhookUrlIsHttpsOrHttpToThisMachine(String url) {
        assertThat(TeamsWebhooks.check(url)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://teams.example/hook", "http://10.0.0.1/hook", "http://localhost.evil.example/h",
        "ftp://teams.example/hook", "javascript:alert(1)", "teams.example/hook", "https:///hook",
        "https://u:p@teams.example/hook", "https://teams.example/ho ok"})
    void anythingElseIsAProblemInWordsThatNeverQuoteTheUrl(String url) {
        assertThat(TeamsWebhooks.check(url)).isNotNull().doesNotContain(url).doesNotContain("teams.example");
    }
}
