package ai.kubiya.secretaudit.policy;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.required} and {@code audit.integrations.<integration>.required}: secrets that must exist.
 */
@ConfigurationProperties(prefix = "audit")
public record RequiredSecretsProperties(List<String> required, Map<String, Integration> integrations) {

    public RequiredSecretsProperties {
        required = required == null ? List.of() : List.copyOf(required);
        integrations = integrations == null ? Map.of() : Map.copyOf(integrations);
    }

    public record Integration(List<String> required) {
        public Integration {
            required = required == null ? List.of() : List.copyOf(required);
        }
    }
}
