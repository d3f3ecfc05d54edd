package ai.kubiya.secretaudit.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.policy.RequiredSecretsProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code audit.*}: one record binds every key directly under {@code audit}, the required secrets included. */
class AuditPropertiesTests {

    private final ApplicationContextRunner application = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(AuditPropertiesConfiguration.class);

    @Test
    void theRequiredSecretsBoundUnderAuditReachTheRequiredRule() {
        application.withPropertyValues("audit.required=datadog-api-key,github-api-token",
                        "audit.integrations.github.required[0]=github-app-key")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RequiredSecretsProperties required = context.getBean(RequiredSecretsProperties.class);
                    assertThat(required.required()).containsExactly("datadog-api-key", "github-api-token");
                    assertThat(required.integrations()).isEqualTo(Map.of("github",
                            new RequiredSecretsProperties.Integration(List.of("github-app-key"))));
                });
    }

    @Test
    void sourceAndChunkSizeComeFromTheSameRecord() {
        application.withPropertyValues("audit.source=synthetic:5").run(context -> {
            AuditProperties audit = context.getBean(AuditProperties.class);
            assertThat(audit.source()).isEqualTo("synthetic:5");
            assertThat(audit.chunkSize()).isEqualTo(2000);
            assertThat(context.getBean(RequiredSecretsProperties.class).required()).isEmpty();
        });
    }

    @Test
    void aChunkSizeBelowOneFailsNamingTheKeyAndTheValue() {
        application.withPropertyValues("audit.chunk-size=-5").run(context -> assertThat(context.getStartupFailure())
                .rootCause().hasMessage("audit.chunk-size must be at least 1 (was -5)"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuditProperties.class)
    @Import(RequiredSecretsConfiguration.class)
    static class AuditPropertiesConfiguration {
    }
}
