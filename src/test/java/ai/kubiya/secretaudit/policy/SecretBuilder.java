package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Builds {@link SecretMetadata} for rule tests, starting from a secret every rule finds OK. */
final class SecretBuilder {

    private String name = "github-api-token";
    private String type = "token";
    private String scope = "org";
    private String integration = "github";
    private String createdBy = "alice@example.com";
    private String description = "deploy token for the CI pipeline";
    private Instant createdAt;
    private Instant lastUsed;
    private Instant rotatedAt;
    private Instant updatedAt;
    private Instant expiresAt;
    private List<String> problems = List.of();

    private SecretBuilder(Instant asOf) {
        createdAt = asOf.minus(Duration.ofDays(10));
        lastUsed = asOf.minus(Duration.ofDays(1));
    }

    /** A token created 10 days before {@code asOf}, used the day before, with a valid owner. */
    static SecretBuilder okSecretAsOf(Instant asOf) {
        return new SecretBuilder(asOf);
    }

    SecretBuilder name(String name) {
        this.name = name;
        return this;
    }

    SecretBuilder type(String type) {
        this.type = type;
        return this;
    }

    SecretBuilder scope(String scope) {
        this.scope = scope;
        return this;
    }

    SecretBuilder integration(String integration) {
        this.integration = integration;
        return this;
    }

    SecretBuilder createdBy(String createdBy) {
        this.createdBy = createdBy;
        return this;
    }

    SecretBuilder description(String description) {
        this.description = description;
        return this;
    }

    SecretBuilder createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    SecretBuilder lastUsed(Instant lastUsed) {
        this.lastUsed = lastUsed;
        return this;
    }

    SecretBuilder rotatedAt(Instant rotatedAt) {
        this.rotatedAt = rotatedAt;
        return this;
    }

    SecretBuilder updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    SecretBuilder expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    SecretBuilder problems(String... problems) {
        this.problems = List.of(problems);
        return this;
    }

    SecretMetadata build() {
        return new SecretMetadata(7, name, type, scope, description, integration, createdBy,
                createdAt, lastUsed, rotatedAt, updatedAt, expiresAt, problems);
    }
}
