package ai.kubiya.secretaudit.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code audit.policy.*}: the numbers of the rotation rules. Checked while binding, so a bad policy
 * stops start-up with a message naming the key; an unknown key under {@code audit.policy} does too.
 */
@Validated
@ConfigurationProperties(prefix = "audit.policy", ignoreUnknownFields = false)
public record PolicyProperties(
        @NotNull @PositiveOrZero Integer warningDays,
        @NotNull @PositiveOrZero Integer unusedDays,
        @NotEmpty Map<String, @NotNull @PositiveOrZero Integer> maxAgeDays,
        @NotNull @Valid Certificate certificate,
        List<@Valid Override> overrides) {

    private static final String PREFIX = "audit.policy.";

    public PolicyProperties {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        requireDays("warning-days", warningDays);
        requireDays("unused-days", unusedDays);
        if (maxAgeDays == null || !maxAgeDays.containsKey(RotationPolicy.DEFAULT_TYPE)) {
            throw new IllegalArgumentException(PREFIX + "max-age-days must have a 'default' entry");
        }
        maxAgeDays.forEach((type, days) -> requireLonger("max-age-days." + type, days, warningDays));
        if (certificate == null) {
            throw new IllegalArgumentException(PREFIX + "certificate is missing");
        }
        requireDays("certificate.warning-days", certificate.warningDays());
        requireDays("certificate.critical-days", certificate.criticalDays());
        if (certificate.criticalDays() > certificate.warningDays()) {
            throw new IllegalArgumentException(PREFIX + "certificate.critical-days (" + certificate.criticalDays()
                    + ") must not exceed " + PREFIX + "certificate.warning-days (" + certificate.warningDays() + ")");
        }
        for (int i = 0; i < overrides.size(); i++) {
            overrides.get(i).check("overrides[" + i + "]", warningDays, maxAgeDays);
        }
    }

    public record Certificate(@NotNull @PositiveOrZero Integer warningDays,
                              @NotNull @PositiveOrZero Integer criticalDays) {
    }

    /** {@code - match: {scope, integration, name}} with any of max-age-days, warning-days, unused-days. */
    public record Override(@NotNull Match match, Integer maxAgeDays, Integer warningDays, Integer unusedDays) {

        void check(String key, int defaultWarningDays, Map<String, Integer> maxAgeDays) {
            if (match == null || match.specificity() == 0) {
                throw new IllegalArgumentException(PREFIX + key + ".match must name a scope, integration or name");
            }
            if (maxAgeDays() == null && warningDays() == null && unusedDays() == null) {
                throw new IllegalArgumentException(PREFIX + key
                        + " must set max-age-days, warning-days or unused-days");
            }
            if (maxAgeDays() != null) {
                requireDays(key + ".max-age-days", maxAgeDays());
            }
            if (unusedDays() != null) {
                requireDays(key + ".unused-days", unusedDays());
            }
            int warning = warningDays() != null ? requireDays(key + ".warning-days", warningDays()) : defaultWarningDays;
            if (maxAgeDays() != null) {
                requireLonger(key + ".max-age-days", maxAgeDays(), warning);
            } else {
                maxAgeDays.forEach((type, days) -> requireLonger("max-age-days." + type + " under " + key, days, warning));
            }
        }
    }

    public record Match(String scope, String integration, String name) {
        int specificity() {
            return (scope != null ? 1 : 0) + (integration != null ? 1 : 0) + (name != null ? 1 : 0);
        }
    }

    public RotationPolicy toPolicy() {
        Map<String, Integer> normalized = new HashMap<>();
        maxAgeDays.forEach((type, days) -> normalized.put(
                RotationPolicy.DEFAULT_TYPE.equals(type) ? type : RotationPolicy.normalizeType(type), days));
        List<PolicyOverride> policyOverrides = overrides.stream()
                .map(o -> new PolicyOverride(o.match().scope(), o.match().integration(), o.match().name(),
                        o.maxAgeDays(), o.warningDays(), o.unusedDays()))
                .toList();
        return new RotationPolicy(warningDays, unusedDays, normalized, certificate.warningDays(),
                certificate.criticalDays(), policyOverrides);
    }

    private static int requireDays(String key, Integer days) {
        if (days == null || days < 0) {
            throw new IllegalArgumentException(PREFIX + key + " must be a whole number of days, 0 or more (was "
                    + days + ")");
        }
        return days;
    }

    private static void requireLonger(String key, Integer maxAge, int warningDays) {
        requireDays(key, maxAge);
        if (warningDays >= maxAge) {
            throw new IllegalArgumentException(PREFIX + key + " (" + maxAge
                    + ") must be longer than the warning window (" + warningDays + " days)");
        }
    }
}
