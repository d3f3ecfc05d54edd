package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.source.SecretMetadata;

/**
 * Different numbers for the secrets that match: any subset of scope, integration (both compared
 * case-insensitively) and a name glob. A null number keeps the one of the type.
 */
public record PolicyOverride(
        String scope,
        String integration,
        String name,
        Integer maxAgeDays,
        Integer warningDays,
        Integer unusedDays) {

    /** How many of the three criteria are set: the most specific matching override wins. */
    int specificity() {
        return (scope != null ? 1 : 0) + (integration != null ? 1 : 0) + (name != null ? 1 : 0);
    }

    boolean matches(SecretMetadata secret, Glob nameGlob) {
        return (scope == null || scope.equalsIgnoreCase(secret.scope()))
                && (integration == null || integration.equalsIgnoreCase(secret.integration()))
                && (name == null || nameGlob.matches(secret.name()));
    }

    String describe() {
        return "{match: scope=" + scope + ", integration=" + integration + ", name=" + name
                + "; max-age-days=" + maxAgeDays + ", warning-days=" + warningDays + ", unused-days=" + unusedDays + "}";
    }
}
