package ai.kubiya.secretaudit.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/**
 * {@code audit.teams.*}, bound as the application binds it (application.yml, then the value under test): a bad value
 * stops start-up naming its key, and the webhook URL, a credential, is never repeated.
 */
class TeamsPropertiesTests {

    private static final String SIGNATURE = "S3cr3tSignature";

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(TeamsRecord.class);

    @Test
    void theDefaultsHaveNoWebhookAndBoundedWaits() {
        application.run(context -> {
            TeamsProperties teams = context.getBean(TeamsProperties.class);
            assertThat(teams.webhookUrl()).isNull();
            assertThat(teams.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(teams.readTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(teams.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        });
    }

    @Test
    void aWorkflowsUrlIsTakenAndNeverPrinted() {
        String url = "https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke"
                + "?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=" + SIGNATURE;
        application.withPropertyValues("audit.teams.webhook-url=" + url).run(context -> {
            TeamsProperties teams = context.getBean(TeamsProperties.class);
            assertThat(teams.webhookUrl()).isEqualTo(url);
            assertThat(teams.toString()).doesNotContain(SIGNATURE, "logic.azure").contains("webhookUrl=****");
        });
    }

    @Test
    void aTestServerOnThisMachineMayBePlainHttp() {
        application.withPropertyValues("audit.teams.webhook-url=http://127.0.0.1:8089/hook?sig=" + SIGNATURE)
                .run(context -> assertThat(context).hasNotFailed());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://teams.example/hook?sig=S3cr3tSignature        | audit.teams.webhook-url is http to another machine: it must be https (http only to localhost, for a test server) (the value is not shown: a webhook URL holds a credential)",
        "javascript:alert('S3cr3tSignature')                   | audit.teams.webhook-url is not an http(s) URL (the value is not shown: a webhook URL holds a credential)",
        "https://user:S3cr3tSignature@teams.example/hook       | audit.teams.webhook-url has a user name in it: Teams webhooks take none (the value is not shown: a webhook URL holds a credential)",
        "https://teams.example/hook?sig=S3cr3t Signature       | audit.teams.webhook-url is not an http(s) URL (the value is not shown: a webhook URL holds a credential)",
        "http://localhost.evil.example/S3cr3tSignature          | audit.teams.webhook-url is http to another machine: it must be https (http only to localhost, for a test server) (the value is not shown: a webhook URL holds a credential)"})
    void aBadWebhookUrlStopsStartUpNamingTheKeyButNotTheUrl(String url, String message) {
        application.withPropertyValues("audit.teams.webhook-url=" + url).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "audit.teams.connect-timeout=0s      | audit.teams.connect-timeout must be a positive duration (was 0s)",
        "audit.teams.read-timeout=-1s        | audit.teams.read-timeout must be a positive duration (was -1s)",
        "audit.teams.max-retry-after=0s      | audit.teams.max-retry-after must be a positive duration (was 0s)"})
    void aBadDurationStopsStartUpNamingTheKeyAndTheValue(String property, String message) {
        application.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TeamsProperties.class)
    static class TeamsRecord {
    }
}
