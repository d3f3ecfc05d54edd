package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.policy.RequiredSecretsProperties;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.*}, the keys directly under {@code audit} (the sections below it have records of their own). Checked
 * while binding, so a bad value stops start-up with a message naming the key (exit code 2).
 *
 * @param source       {@code control-plane}, {@code file:PATH} or {@code synthetic[:N]}
 * @param chunkSize    secrets evaluated and written per transaction
 * @param required     {@code audit.required}: names that must be in every inventory
 * @param integrations {@code audit.integrations.<integration>.required}: names each integration needs
 */
@ConfigurationProperties(prefix = "audit")
public record AuditProperties(String source, int chunkSize, List<String> required,
                              Map<String, RequiredSecretsProperties.Integration> integrations) {

    public AuditProperties {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("audit.source must be control-plane, file:PATH or synthetic[:N] (was "
                    + (source == null ? "not set" : "empty") + ")");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("audit.chunk-size must be at least 1 (was " + chunkSize + ")");
        }
        required = required == null ? List.of() : List.copyOf(required);
        integrations = integrations == null ? Map.of() : Map.copyOf(integrations);
    }

    /** What the REQUIRED rule checks, in a type of the rules' own package. */
    RequiredSecretsProperties requiredSecrets() {
        return new RequiredSecretsProperties(required, integrations);
    }
}
