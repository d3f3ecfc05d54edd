package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Applies the per-secret rules of docs/policy.md#rules-default-policy (ROTATION, CERTIFICATE_EXPIRY, UNUSED, METADATA): a pure
 * function of (metadata, policy, as-of). REQUIRED needs the whole inventory and waivers need history,
 * so both are applied elsewhere. Immutable and thread-safe.
 *
 * <p>It runs once per secret on inventories of millions, so an OK secret costs no allocation beyond
 * its {@link Evaluation}; messages are built only for findings.
 */
public final class RuleEvaluator {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long MIN_EPOCH_DAY = LocalDate.MIN.toEpochDay();
    private static final long MAX_EPOCH_DAY = LocalDate.MAX.toEpochDay();

    private final RotationPolicy policy;
    private final PolicyLimits limits;
    private final MetadataCheck metadataCheck;

    public RuleEvaluator(RotationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.limits = new PolicyLimits(policy);
        this.metadataCheck = new MetadataCheck(policy);
    }

    /**
     * @param secret a record with a usable name; malformed records ({@link SecretMetadata#isMalformed()})
     *               are counted by the caller, never evaluated
     * @param asOf   the evaluation instant
     * @return the non-OK findings in {@link Rule} order and the worst status ({@code OK} when none)
     * @throws IllegalArgumentException when {@code secret} is malformed
     */
    public Evaluation evaluate(SecretMetadata secret, Instant asOf) {
        if (secret.isMalformed()) {
            throw new IllegalArgumentException("record " + secret.position()
                    + " has no usable name: count it as malformed instead of evaluating it");
        }
        Objects.requireNonNull(asOf, "asOf");
        String type = RotationPolicy.normalizeType(secret.type());
        boolean certificate = RotationPolicy.CERTIFICATE.equals(type);
        RotationPolicy.Limits limits = this.limits.of(type, secret);
        Instant created = usable(secret.createdAt(), asOf);
        Finding lifetime = certificate ? certificateExpiry(secret, asOf) : rotation(secret, created, type, limits, asOf);
        Finding unused = unused(secret, created, limits, asOf);
        Finding metadata = metadataCheck.check(secret, type, certificate, limits.maxAgeDays(), asOf);
        List<Finding> findings = listOf(lifetime, unused, metadata);
        Status worst = Status.OK;
        for (int i = 0; i < findings.size(); i++) {
            worst = Status.worst(worst, findings.get(i).status());
        }
        return new Evaluation(secret, type, findings, worst);
    }

    /**
     * @param created the usable {@code created_at}: without one (missing, unreadable or in the future) neither
     *                ROTATION nor UNUSED is evaluated, and the METADATA finding says why
     */
    private Finding rotation(SecretMetadata secret, Instant created, String type, RotationPolicy.Limits limits,
                             Instant asOf) {
        if (created == null) {
            return null;
        }
        AgeBasis basisField = AgeBasis.ofRotation(secret, asOf);
        Instant basis = basisField.of(secret);
        String event = switch (basisField) {
            case ROTATED_AT -> " last rotated ";
            case UPDATED_AT -> " last updated ";
            default -> " created ";
        };
        long age = daysBetween(basis, asOf);
        int maxAge = limits.maxAgeDays();
        if (age <= (long) maxAge - limits.warningDays()) {
            return null;
        }
        boolean overdue = age > maxAge;
        LocalDate due = dateOfEpochDay(epochDay(basis) + maxAge);
        String message = (type != null && policy.isKnownType(type) ? type : "secret") + event + days(age)
                + " ago; policy allows " + days(maxAge) + "; " + (overdue ? "rotation was due " : "rotate by ") + due;
        return new Finding(secret.name(), Rule.ROTATION, overdue ? Status.OVERDUE : Status.DUE_SOON,
                overdue ? Severity.HIGH : Severity.MEDIUM, due, saturatedInt(age), message);
    }

    private Finding certificateExpiry(SecretMetadata secret, Instant asOf) {
        Instant expiresAt = secret.expiresAt();
        if (expiresAt == null) {
            return null; // reported by the METADATA rule
        }
        LocalDate due = dateOfEpochDay(epochDay(expiresAt));
        if (asOf.compareTo(expiresAt) >= 0) {
            return new Finding(secret.name(), Rule.CERTIFICATE_EXPIRY, Status.EXPIRED, Severity.CRITICAL,
                    due, null, "certificate expired on " + due);
        }
        long daysLeft = daysBetween(asOf, expiresAt);
        if (daysLeft >= policy.certificateWarningDays()) {
            return null;
        }
        Severity severity = daysLeft < policy.certificateCriticalDays() ? Severity.CRITICAL : Severity.HIGH;
        String message = "certificate expires " + (daysLeft == 0 ? "in less than a day" : "in " + days(daysLeft))
                + ", on " + due + "; policy warns " + days(policy.certificateWarningDays()) + " ahead";
        return new Finding(secret.name(), Rule.CERTIFICATE_EXPIRY, Status.EXPIRING, severity, due, null, message);
    }

    /** A {@code last_used} in the future says nothing true about use: "never used" would be a guess, so no verdict. */
    private Finding unused(SecretMetadata secret, Instant created, RotationPolicy.Limits limits, Instant asOf) {
        Instant lastUsed = secret.lastUsed();
        if (created == null || MetadataCheck.isInTheFuture(lastUsed, asOf)) {
            return null;
        }
        long idle = daysBetween(lastUsed != null ? lastUsed : created, asOf);
        if (idle <= limits.unusedDays()) {
            return null;
        }
        String message = (lastUsed != null ? "not used for " + days(idle) : "never used in " + days(idle)
                + " since creation") + "; policy allows " + days(limits.unusedDays());
        return new Finding(secret.name(), Rule.UNUSED, Status.UNUSED, Severity.LOW, null, saturatedInt(idle),
                message);
    }

    /** The date, or {@code null} when it is absent or in the future (which the METADATA rule reports). */
    private static Instant usable(Instant date, Instant asOf) {
        return MetadataCheck.isInTheFuture(date, asOf) ? null : date;
    }

    /** {@code floor((to − from) / 24h)}, exact to the nanosecond, negative when {@code to} is earlier. */
    static long daysBetween(Instant from, Instant to) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        if (to.getNano() < from.getNano()) {
            seconds--;
        }
        return Math.floorDiv(seconds, SECONDS_PER_DAY);
    }

    private static long epochDay(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY);
    }

    /** The UTC date; saturates at the ends of {@link LocalDate}'s range, which {@link Instant}'s exceeds. */
    private static LocalDate dateOfEpochDay(long epochDay) {
        return LocalDate.ofEpochDay(Math.max(MIN_EPOCH_DAY, Math.min(MAX_EPOCH_DAY, epochDay)));
    }

    private static Integer saturatedInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }

    private static String days(long count) {
        return count == 1 ? "1 day" : count + " days";
    }

    /** The non-null findings, without copying: {@link Evaluation} keeps an immutable list as it is. */
    private static List<Finding> listOf(Finding a, Finding b, Finding c) {
        if (a == null) {
            return b == null ? (c == null ? List.of() : List.of(c)) : (c == null ? List.of(b) : List.of(b, c));
        }
        if (b == null) {
            return c == null ? List.of(a) : List.of(a, c);
        }
        return c == null ? List.of(a, b) : List.of(a, b, c);
    }
}
