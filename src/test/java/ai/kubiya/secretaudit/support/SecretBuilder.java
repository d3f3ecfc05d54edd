package ai.kubiya.secretaudit.support;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one secret, starting from a token every rule finds OK: as {@link SecretMetadata} for rule tests, or as
 * a record of the Control Plane's JSON for an {@link Inventory}.
 */
public final class SecretBuilder {

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
    public static SecretBuilder okSecretAsOf(Instant asOf) {
        return new SecretBuilder(asOf);
    }

    public SecretBuilder name(String name) {
        this.name = name;
        return this;
    }

    public SecretBuilder type(String type) {
        this.type = type;
        return this;
    }

    public SecretBuilder scope(String scope) {
        this.scope = scope;
        return this;
    }

    public SecretBuilder integration(String integration) {
        this.integration = integration;
        return this;
    }

    public SecretBuilder createdBy(String createdBy) {
        this.createdBy = createdBy;
        return this;
    }

    public SecretBuilder description(String description) {
        this.description = description;
        return this;
    }

    public SecretBuilder createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public SecretBuilder lastUsed(Instant lastUsed) {
        this.lastUsed = lastUsed;
        return this;
    }

    public SecretBuilder rotatedAt(Instant rotatedAt) {
        this.rotatedAt = rotatedAt;
        return this;
    }

    public SecretBuilder updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
    }

    public SecretBuilder expiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
        return this;
    }

    public SecretBuilder problems(String... problems) {
        this.problems = List.of(problems);
        return this;
    }

    public SecretMetadata build() {
        return new SecretMetadata(7, name, type, scope, description, integration, createdBy,
                createdAt, lastUsed, rotatedAt, updatedAt, expiresAt, problems);
    }

    /** The Control Plane's JSON fields that are set, in its order; {@code problems} has no JSON form. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        put(json, "name", name);
        put(json, "type", type);
        put(json, "scope", scope);
        put(json, "integration", integration);
        put(json, "created_by", createdBy);
        put(json, "created_at", createdAt);
        put(json, "last_used", lastUsed);
        put(json, "rotated_at", rotatedAt);
        put(json, "updated_at", updatedAt);
        put(json, "expires_at", expiresAt);
        put(json, "description", description);
        return json;
    }

    private static void put(Map<String, Object> json, String field, Object value) {
        if (value != null) {
            json.put(field, value.toString());
        }
    }
}
