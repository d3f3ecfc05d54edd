package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Instant;

/**
 * The METADATA rule: every problem with a secret's metadata in ONE finding, so that an owner fixes a
 * record once rather than reading about it rule by rule.
 *
 * <p>When the reader already reported a field (wrong JSON type, unparseable timestamp, a date outside the
 * supported range) and left it {@code null}, its message stands alone: saying "is missing" as well would be a
 * second, wrong claim. A date of the past that lies in the future is reported here, as it depends on the as-of;
 * the other rules then do not use it (see {@link RuleEvaluator}).
 */
final class MetadataCheck {

    /**
     * How far after the as-of a date of the past (created, rotated, updated, last used) may lie before it is taken
     * for a wrong one: a day, for clocks that disagree and a date written in a zone ahead of UTC, or an as-of given
     * as a date (midnight UTC) while the secret was rotated that morning. Beyond it, a {@code rotated_at} in 2099
     * would keep a secret OK for 70 years.
     */
    static final long FUTURE_TOLERANCE_SECONDS = 86_400;

    private final RotationPolicy policy;

    MetadataCheck(RotationPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param maxAgeDays the maximum age that applies to the secret (its type's, or a matching override's)
     * @return the METADATA finding, or {@code null} when the metadata has no problem
     */
    Finding check(SecretMetadata secret, String normalizedType, boolean certificate, int maxAgeDays, Instant asOf) {
        StringBuilder problems = null;
        for (int i = 0; i < secret.problems().size(); i++) {
            problems = append(problems, secret.problems().get(i));
        }
        if (secret.createdAt() == null && !secret.hasProblemWith("created_at")) {
            problems = append(problems, "created_at is missing");
        }
        problems = append(problems, futureProblem("created_at", secret.createdAt(), asOf));
        problems = append(problems, futureProblem("last_used", secret.lastUsed(), asOf));
        problems = append(problems, futureProblem("rotated_at", secret.rotatedAt(), asOf));
        problems = append(problems, futureProblem("updated_at", secret.updatedAt(), asOf));
        problems = append(problems, ownerProblem(secret));
        problems = append(problems, typeProblem(secret, normalizedType, maxAgeDays));
        if (certificate && secret.expiresAt() == null) {
            problems = append(problems, "certificate has no known expiry (expires_at)");
        }
        return problems == null ? null : new Finding(secret.name(), Rule.METADATA, Status.INSUFFICIENT_DATA,
                Severity.MEDIUM, null, null, problems.toString());
    }

    /**
     * Whether {@code date} lies more than {@link #FUTURE_TOLERANCE_SECONDS} after {@code asOf}. Compares seconds
     * and nanoseconds: no {@code Instant} is made per record.
     */
    static boolean isInTheFuture(Instant date, Instant asOf) {
        if (date == null) {
            return false;
        }
        long ahead = date.getEpochSecond() - asOf.getEpochSecond();
        return ahead > FUTURE_TOLERANCE_SECONDS || (ahead == FUTURE_TOLERANCE_SECONDS && date.getNano() > asOf.getNano());
    }

    private static String futureProblem(String field, Instant date, Instant asOf) {
        return isInTheFuture(date, asOf) ? field + ": in the future (more than a day after the as-of)" : null;
    }

    private static String ownerProblem(SecretMetadata secret) {
        String owner = secret.createdBy();
        if (owner == null || owner.isBlank()) {
            return owner == null && secret.hasProblemWith("created_by") ? null : "created_by is missing";
        }
        int max = EmailAddresses.MAX_LENGTH;
        if (owner.length() > max && owner.codePointCount(0, owner.length()) > max) {
            return "created_by is longer than " + EmailAddresses.MAX_LENGTH + " characters: not a usable email address";
        }
        EmailAddresses.Parsed parsed = EmailAddresses.parse(owner);
        return parsed.isValid() ? null : "created_by is not a valid email address (" + parsed.problem() + ")";
    }

    private String typeProblem(SecretMetadata secret, String normalizedType, int maxAgeDays) {
        if (normalizedType == null) {
            return secret.type() == null && secret.hasProblemWith("type") ? null : "type is missing";
        }
        if (policy.isKnownType(normalizedType)) {
            return null;
        }
        return "type is unknown; " + (maxAgeDays == policy.maxAgeDaysFor(normalizedType)
                ? "the default maximum age of " + maxAgeDays + " days applies"
                : "the maximum age of " + maxAgeDays + " days of a matching policy override applies");
    }

    private static StringBuilder append(StringBuilder problems, String problem) {
        if (problem == null) {
            return problems;
        }
        if (problems == null) {
            return new StringBuilder(problem);
        }
        return problems.append("; ").append(problem);
    }
}
