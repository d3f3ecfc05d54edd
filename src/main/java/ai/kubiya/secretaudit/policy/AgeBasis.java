package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Instant;

/**
 * The date a finding's age was measured from, named by its metadata field, so an auditor can recompute every
 * age from the workbook (docs/evidence.md#sheets-and-columns). The one place that decides a ROTATION age's basis:
 * {@link RuleEvaluator} measures from it.
 */
public enum AgeBasis {
    ROTATED_AT("rotated_at"),
    UPDATED_AT("updated_at"),
    CREATED_AT("created_at"),
    LAST_USED("last_used");

    private final String field;

    AgeBasis(String field) {
        this.field = field;
    }

    /** The metadata field's name, as sources and the workbook spell it ({@code rotated_at}). */
    public String field() {
        return field;
    }

    /**
     * What a ROTATION age is measured from: {@code rotated_at}, else {@code updated_at}, else {@code created_at},
     * each only when present and not in the future; {@code null} for a certificate (CERTIFICATE_EXPIRY applies
     * instead) and without a usable {@code created_at} (then ROTATION is not evaluated).
     */
    public static AgeBasis ofRotation(SecretMetadata secret, String normalizedType, Instant asOf) {
        if (RotationPolicy.CERTIFICATE.equals(normalizedType)) {
            return null;
        }
        return ofRotation(secret, asOf);
    }

    static AgeBasis ofRotation(SecretMetadata secret, Instant asOf) {
        if (!usable(secret.createdAt(), asOf)) {
            return null;
        }
        if (usable(secret.rotatedAt(), asOf)) {
            return ROTATED_AT;
        }
        return usable(secret.updatedAt(), asOf) ? UPDATED_AT : CREATED_AT;
    }

    /** The basis of a finding's Age: ROTATION as above, UNUSED {@code last_used} (else {@code created_at}), others none. */
    public static AgeBasis of(Finding finding, SecretMetadata secret, String normalizedType, Instant asOf) {
        if (finding.ageDays() == null) {
            return null;
        }
        return switch (finding.rule()) {
            case ROTATION -> ofRotation(secret, normalizedType, asOf);
            case UNUSED -> secret.lastUsed() != null ? LAST_USED : CREATED_AT;
            default -> null;
        };
    }

    /** The instant of {@code secret} this basis names. */
    public Instant of(SecretMetadata secret) {
        return switch (this) {
            case ROTATED_AT -> secret.rotatedAt();
            case UPDATED_AT -> secret.updatedAt();
            case CREATED_AT -> secret.createdAt();
            case LAST_USED -> secret.lastUsed();
        };
    }

    private static boolean usable(Instant date, Instant asOf) {
        return date != null && !MetadataCheck.isInTheFuture(date, asOf);
    }
}
