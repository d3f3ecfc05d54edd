package ai.kubiya.secretaudit.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.policy.*}: the numbers of the rotation rules. Checked while binding, so a bad policy
 * stops start-up with a message naming the key; an unknown key under {@code audit.policy} does too, as under
 * every {@code audit.*} record (cli/UnknownConfigurationKeys, from this record's components).
 */
@ConfigurationProperties(prefix = "audit.policy")
record PolicyProperties(
        Integer warningDays,
        Integer unusedDays,
        Map<String, Integer> maxAgeDays,
        Certificate certificate,
        List<Override> overrides) {

    private static final String PREFIX = "audit.policy.";

    PolicyProperties {
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        requireDays("warning-days", warningDays);
        requireDays("unused-days", unusedDays);
        if (maxAgeDays == null || !maxAgeDays.containsKey(RotationPolicy.DEFAULT_TYPE)) {
            throw new IllegalArgumentException(PREFIX + "max-age-days must have a 'default' entry");
        }
        maxAgeDays.forEach((type, days) -> requireLonger("max-age-days." + type, days, "warning-days", warningDays));
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

    record Certificate(Integer warningDays, Integer criticalDays) {
    }

    /**
     * {@code - match: {scope, integration, name}} with any of max-age-days, warning-days, unused-days.
     * {@code match} is a map, not a record, so that a misspelt criterion is named here, with the criteria there
     * are: a silently dropped criterion would widen the override to more secrets than intended.
     */
    record Override(Map<String, String> match, Integer maxAgeDays, Integer warningDays, Integer unusedDays) {

        private static final List<String> CRITERIA = List.of("scope", "integration", "name");

        String criterion(String name) {
            return match == null ? null : match.get(name);
        }

        void check(String key, int defaultWarningDays, Map<String, Integer> maxAgeDays) {
            rejectUnknownCriteria(key);
            if (match == null || CRITERIA.stream().allMatch(criterion -> criterion(criterion) == null)) {
                throw new IllegalArgumentException(PREFIX + key + ".match must name a scope, integration or name");
            }
            if (maxAgeDays() == null && warningDays() == null && unusedDays() == null) {
                throw new IllegalArgumentException(PREFIX + key
                        + " must set max-age-days, warning-days or unused-days");
            }
            if (unusedDays() != null) {
                requireDays(key + ".unused-days", unusedDays());
            }
            if (warningDays() != null) {
                requireDays(key + ".warning-days", warningDays());
            }
            if (maxAgeDays() != null) {
                requireLonger(key + ".max-age-days", maxAgeDays(),
                        warningDays() != null ? key + ".warning-days" : "warning-days",
                        warningDays() != null ? warningDays() : defaultWarningDays);
            } else if (warningDays() != null) {
                maxAgeDays.forEach((type, days) -> requireShorter(key + ".warning-days", warningDays(), type, days));
            }
        }

        private void rejectUnknownCriteria(String key) {
            if (match == null) {
                return;
            }
            for (String criterion : match.keySet()) {
                if (!CRITERIA.contains(criterion)) {
                    throw new IllegalArgumentException(PREFIX + key + ".match." + criterion
                            + " is not a criterion (" + String.join(", ", CRITERIA) + ")");
                }
            }
        }

        /** Without its own maximum age, the override keeps each type's, which its warning window must not reach. */
        private static void requireShorter(String key, int warningDays, String type, int maxAge) {
            if (warningDays >= maxAge) {
                throw new IllegalArgumentException(PREFIX + key + " (" + warningDays + ") must be shorter than "
                        + PREFIX + "max-age-days." + type + " (" + maxAge + "), which the override keeps");
            }
        }
    }

    RotationPolicy toPolicy() {
        Map<String, Integer> normalized = new HashMap<>();
        maxAgeDays.forEach((type, days) -> normalized.put(
                RotationPolicy.DEFAULT_TYPE.equals(type) ? type : RotationPolicy.normalizeType(type), days));
        List<PolicyOverride> policyOverrides = overrides.stream()
                .map(o -> new PolicyOverride(o.criterion("scope"), o.criterion("integration"), o.criterion("name"),
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

    private static void requireLonger(String key, Integer maxAge, String warningKey, int warningDays) {
        requireDays(key, maxAge);
        if (warningDays >= maxAge) {
            throw new IllegalArgumentException(PREFIX + key + " (" + maxAge + ") must be longer than the warning window "
                    + PREFIX + warningKey + " (" + warningDays + ")");
        }
    }
}
