package ai.kubiya.secretaudit.policy;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code audit.required} and {@code audit.integrations.<integration>.required}: secrets that must exist. Bound as
 * part of the one record of the {@code audit} prefix (run/AuditProperties, with {@code audit.source} and
 * {@code audit.chunk-size}), which hands this part to the REQUIRED rule: the rule does not depend on the run.
 */
public record RequiredSecretsProperties(List<String> required, Map<String, Integration> integrations) {

    public RequiredSecretsProperties {
        required = required == null ? List.of() : List.copyOf(required);
        // sorted, not Map.copyOf: its order changes from one JVM to the next, and so did the order of the
        // integrations on the Summary sheet and of the MISSING findings
        integrations = integrations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(integrations));
    }

    public record Integration(List<String> required) {
        public Integration {
            required = required == null ? List.of() : List.copyOf(required);
        }
    }
}
