package ai.kubiya.secretaudit.policy;

import java.util.List;
import java.util.Map;

/**
 * {@code audit.required} and {@code audit.integrations.<integration>.required}: secrets that must exist. Bound as
 * part of the one record of the {@code audit} prefix (run/AuditProperties, with {@code audit.source} and
 * {@code audit.chunk-size}), which hands this part to the REQUIRED rule: the rule does not depend on the run.
 */
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
