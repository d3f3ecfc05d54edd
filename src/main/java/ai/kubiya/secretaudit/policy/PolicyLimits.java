package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.policy.RotationPolicy.Limits;
import ai.kubiya.secretaudit.source.SecretMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the numbers for one secret. Lookups are precomputed, so a policy without overrides costs one
 * map lookup per secret and no allocation.
 */
final class PolicyLimits {

    private final Map<String, Limits> byType;
    private final Limits fallback;
    private final List<PolicyOverride> overrides;
    private final Glob[] names;

    PolicyLimits(RotationPolicy policy) {
        Map<String, Limits> limits = new HashMap<>();
        policy.maxAgeDays().forEach((type, days) -> limits.put(type,
                new Limits(days, policy.warningDays(), policy.unusedDays())));
        this.byType = Map.copyOf(limits);
        this.fallback = byType.get(RotationPolicy.DEFAULT_TYPE);
        this.overrides = policy.overrides();
        this.names = overrides.stream().map(o -> o.name() == null ? null : Glob.of(o.name())).toArray(Glob[]::new);
    }

    Limits of(String normalizedType, SecretMetadata secret) {
        Limits base = normalizedType == null || RotationPolicy.DEFAULT_TYPE.equals(normalizedType)
                ? fallback : byType.getOrDefault(normalizedType, fallback);
        PolicyOverride best = bestOverride(secret);
        if (best == null) {
            return base;
        }
        return new Limits(
                best.maxAgeDays() != null ? best.maxAgeDays() : base.maxAgeDays(),
                best.warningDays() != null ? best.warningDays() : base.warningDays(),
                best.unusedDays() != null ? best.unusedDays() : base.unusedDays());
    }

    /** The most specific match; of equally specific matches, the later entry. */
    private PolicyOverride bestOverride(SecretMetadata secret) {
        PolicyOverride best = null;
        for (int i = 0; i < names.length; i++) {
            PolicyOverride candidate = overrides.get(i);
            if (candidate.matches(secret, names[i]) && (best == null || candidate.specificity() >= best.specificity())) {
                best = candidate;
            }
        }
        return best;
    }
}
