package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.source.SecretTypes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The effective rotation policy: every number the rules use. Immutable; built from configuration.
 *
 * @param maxAgeDays maximum age per normalised type; the key {@code default} applies to any other type
 * @param overrides  numbers for secrets matching a scope / integration / name glob; the most specific
 *                   match wins, and of equally specific ones the later entry
 */
public record RotationPolicy(
        int warningDays,
        int unusedDays,
        Map<String, Integer> maxAgeDays,
        int certificateWarningDays,
        int certificateCriticalDays,
        List<PolicyOverride> overrides) {

    public static final String DEFAULT_TYPE = "default";
    public static final String CERTIFICATE = SecretTypes.CERTIFICATE;

    public RotationPolicy {
        maxAgeDays = Map.copyOf(maxAgeDays);
        overrides = List.copyOf(overrides);
        if (!maxAgeDays.containsKey(DEFAULT_TYPE)) {
            throw new IllegalArgumentException("max-age-days must have a 'default' entry");
        }
    }

    public RotationPolicy(int warningDays, int unusedDays, Map<String, Integer> maxAgeDays,
                          int certificateWarningDays, int certificateCriticalDays) {
        this(warningDays, unusedDays, maxAgeDays, certificateWarningDays, certificateCriticalDays, List.of());
    }

    /** The numbers that apply to one secret: those of its type, or of the best matching override. */
    public record Limits(int maxAgeDays, int warningDays, int unusedDays) {
    }

    /** The defaults of docs/policy.md#rules-default-policy. */
    public static RotationPolicy defaults() {
        return new RotationPolicy(14, 90,
                Map.of("token", 60, "api_key", 90, "credentials", 90, "url", 90, "env_var", 90, DEFAULT_TYPE, 90),
                28, 14);
    }

    /** Types the policy names, plus {@code certificate}; anything else is an unknown type. */
    public boolean isKnownType(String normalizedType) {
        return CERTIFICATE.equals(normalizedType)
                || (!DEFAULT_TYPE.equals(normalizedType) && maxAgeDays.containsKey(normalizedType));
    }

    public int maxAgeDaysFor(String normalizedType) {
        Integer days = normalizedType == null ? null : maxAgeDays.get(normalizedType);
        return days != null && !DEFAULT_TYPE.equals(normalizedType) ? days : maxAgeDays.get(DEFAULT_TYPE);
    }

    /** A stable, human-readable rendering: the input of the policy version hash and the Run sheet. */
    public String describe() {
        return "warning-days=" + warningDays
                + "; unused-days=" + unusedDays
                + "; max-age-days=" + new TreeMap<>(maxAgeDays)
                + "; certificate.warning-days=" + certificateWarningDays
                + "; certificate.critical-days=" + certificateCriticalDays
                + "; overrides=" + overrides.stream().map(PolicyOverride::describe).toList();
    }

    /** See {@link SecretTypes#normalize}: {@code "API Key"} is {@code api_key}. */
    public static String normalizeType(String type) {
        return SecretTypes.normalize(type);
    }
}
