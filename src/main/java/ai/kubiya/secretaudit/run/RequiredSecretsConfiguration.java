package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.policy.RequiredSecretsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code audit.required} and {@code audit.integrations.*.required} are bound with the other keys directly under
 * {@code audit} (one record per prefix); the REQUIRED rule gets them in a type of its own package, since
 * {@code policy} must not import {@code run}.
 */
@Configuration(proxyBeanMethods = false)
class RequiredSecretsConfiguration {

    @Bean
    RequiredSecretsProperties requiredSecrets(AuditProperties properties) {
        return properties.requiredSecrets();
    }
}
