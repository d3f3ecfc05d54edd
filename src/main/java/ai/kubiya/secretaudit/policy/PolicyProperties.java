package ai.kubiya.secretaudit.policy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** {@code audit.policy.*}: the numbers of the rotation rules; an unknown key fails start-up. */
@Validated
@ConfigurationProperties(prefix = "audit.policy", ignoreUnknownFields = false)
public record PolicyProperties(
        @NotNull @PositiveOrZero Integer warningDays,
        @NotNull @PositiveOrZero Integer unusedDays,
        @NotEmpty Map<String, @NotNull @PositiveOrZero Integer> maxAgeDays,
        @NotNull @Valid Certificate certificate) {

    public record Certificate(@NotNull @PositiveOrZero Integer warningDays,
                              @NotNull @PositiveOrZero Integer criticalDays) {
    }

    /**
     * @throws IllegalArgumentException naming the key when the numbers contradict each other
     */
    public RotationPolicy toPolicy() {
        if (!maxAgeDays.containsKey(RotationPolicy.DEFAULT_TYPE)) {
            throw new IllegalArgumentException("audit.policy.max-age-days must have a 'default' entry");
        }
        maxAgeDays.forEach((type, days) -> {
            if (warningDays >= days) {
                throw new IllegalArgumentException("audit.policy.warning-days (" + warningDays
                        + ") must be smaller than audit.policy.max-age-days." + type + " (" + days + ")");
            }
        });
        if (certificate.criticalDays() > certificate.warningDays()) {
            throw new IllegalArgumentException("audit.policy.certificate.critical-days (" + certificate.criticalDays()
                    + ") must not exceed audit.policy.certificate.warning-days (" + certificate.warningDays() + ")");
        }
        java.util.Map<String, Integer> normalized = new java.util.HashMap<>();
        maxAgeDays.forEach((type, days) -> normalized.put(
                RotationPolicy.DEFAULT_TYPE.equals(type) ? type : RotationPolicy.normalizeType(type), days));
        return new RotationPolicy(warningDays, unusedDays, normalized,
                certificate.warningDays(), certificate.criticalDays());
    }
}
