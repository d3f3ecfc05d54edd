package ai.kubiya.secretaudit.policy;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.support.SecretBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * A date of the past (created, rotated, updated, last used) more than a day after the as-of is a METADATA problem
 * and is not used by the other rules: without this, a {@code rotated_at} in 2099 kept a secret OK for 70 years.
 * The oracle counts nanoseconds from the as-of; the tolerance is exactly one day.
 */
class RuleEvaluatorFutureDatesPropertyTests {

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final String FUTURE = ": in the future (more than a day after the as-of)";

    private final RuleEvaluator evaluator = new RuleEvaluator(RotationPolicy.defaults());

    @Property(tries = 2000)
    void aDateOfThePastIsAProblemExactlyWhenItLiesMoreThanADayAhead(
            @ForAll("realisticInstants") Instant asOf,
            @ForAll("aroundTheTolerance") long nanosAhead,
            @ForAll("pastFields") String field) {
        // given
        Instant date = asOf.plusNanos(nanosAhead);
        SecretBuilder builder = okSecretAsOf(asOf).createdAt(asOf.minus(Duration.ofDays(10))).rotatedAt(null)
                .updatedAt(null).lastUsed(asOf.minus(Duration.ofDays(1)));
        SecretMetadata secret = (switch (field) {
            case "created_at" -> builder.createdAt(date);
            case "rotated_at" -> builder.rotatedAt(date);
            case "updated_at" -> builder.updatedAt(date);
            default -> builder.lastUsed(date);
        }).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, asOf);

        // then
        boolean ahead = nanosAhead > NANOS_PER_DAY;
        assertThat(findingOf(evaluation, Rule.METADATA).map(Finding::message))
                .isEqualTo(ahead ? Optional.of(field + FUTURE) : Optional.empty());
        assertThat(evaluation.findings()).as("nothing else fails a secret created 10 days ago and used yesterday")
                .extracting(Finding::rule).allMatch(rule -> rule == Rule.METADATA);
    }

    @Property(tries = 2000)
    void theRotationAgeIsThatOfTheFirstBasisNotAhead(
            @ForAll("realisticInstants") Instant asOf,
            @ForAll @IntRange(min = 0, max = 400) int createdDaysAgo,
            @ForAll("basisOffsets") long rotatedNanosAgo,
            @ForAll("basisOffsets") long updatedNanosAgo) {
        // given: offsets below zero lie ahead of the as-of, some by more than a day
        Instant created = asOf.minus(Duration.ofDays(createdDaysAgo));
        Instant rotated = rotatedNanosAgo == Long.MIN_VALUE ? null : asOf.minusNanos(rotatedNanosAgo);
        Instant updated = updatedNanosAgo == Long.MIN_VALUE ? null : asOf.minusNanos(updatedNanosAgo);
        SecretMetadata secret = okSecretAsOf(asOf).createdAt(created).rotatedAt(rotated).updatedAt(updated)
                .lastUsed(asOf).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, asOf);

        // then: the oracle picks the basis from nanoseconds ago
        long basisNanosAgo = usable(rotatedNanosAgo) ? rotatedNanosAgo
                : usable(updatedNanosAgo) ? updatedNanosAgo : createdDaysAgo * NANOS_PER_DAY;
        long age = Math.floorDiv(basisNanosAgo, NANOS_PER_DAY);
        Status expected = age > 60 ? Status.OVERDUE : age > 46 ? Status.DUE_SOON : Status.OK;
        assertThat(findingOf(evaluation, Rule.ROTATION).map(Finding::status).orElse(Status.OK)).isEqualTo(expected);
        findingOf(evaluation, Rule.ROTATION).ifPresent(finding -> assertThat(finding.ageDays()).isEqualTo((int) age));
        boolean anyAhead = isAhead(rotatedNanosAgo) || isAhead(updatedNanosAgo);
        assertThat(findingOf(evaluation, Rule.METADATA).isPresent()).isEqualTo(anyAhead);
    }

    @Property(tries = 1000)
    void aCreationAheadLeavesRotationAndUnusedUnevaluated(
            @ForAll("realisticInstants") Instant asOf,
            @ForAll @LongRange(min = NANOS_PER_DAY + 1, max = 3_650 * NANOS_PER_DAY) long nanosAhead,
            @ForAll @IntRange(min = 0, max = 1_000) int otherDatesDaysAgo) {
        // given: rotation and last use long ago, which would otherwise fail both rules
        Instant longAgo = asOf.minus(Duration.ofDays(otherDatesDaysAgo));
        SecretMetadata secret = okSecretAsOf(asOf).createdAt(asOf.plusNanos(nanosAhead)).rotatedAt(longAgo)
                .lastUsed(longAgo).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, asOf);

        // then
        assertThat(evaluation.findings()).extracting(Finding::rule).containsExactly(Rule.METADATA);
        assertThat(evaluation.worst()).isEqualTo(Status.INSUFFICIENT_DATA);
    }

    private static boolean usable(long nanosAgo) {
        return nanosAgo != Long.MIN_VALUE && !isAhead(nanosAgo);
    }

    private static boolean isAhead(long nanosAgo) {
        return nanosAgo != Long.MIN_VALUE && -nanosAgo > NANOS_PER_DAY;
    }

    @Provide
    Arbitrary<Instant> realisticInstants() {
        return Combinators.combine(
                        Arbitraries.longs().between(Instant.parse("1971-01-01T00:00:00Z").getEpochSecond(),
                                Instant.parse("2200-01-01T00:00:00Z").getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    /** Offsets from the as-of clustered at the tolerance (a day, give or take a nanosecond) and spread around it. */
    @Provide
    Arbitrary<Long> aroundTheTolerance() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(NANOS_PER_DAY - 2, NANOS_PER_DAY + 2),
                Arbitraries.longs().between(-2 * NANOS_PER_DAY, 3 * NANOS_PER_DAY),
                Arbitraries.of(0L, NANOS_PER_DAY, NANOS_PER_DAY + 1, 200L * 365 * NANOS_PER_DAY));
    }

    @Provide
    Arbitrary<String> pastFields() {
        return Arbitraries.of("created_at", "rotated_at", "updated_at", "last_used");
    }

    /** Nanoseconds before the as-of (negative: ahead of it), or {@code Long.MIN_VALUE} for an absent date. */
    @Provide
    Arbitrary<Long> basisOffsets() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(-400 * NANOS_PER_DAY, 400 * NANOS_PER_DAY),
                Arbitraries.longs().between(-NANOS_PER_DAY - 2, -NANOS_PER_DAY + 2),
                Arbitraries.just(Long.MIN_VALUE));
    }

    private static Optional<Finding> findingOf(Evaluation evaluation, Rule rule) {
        return evaluation.findings().stream().filter(finding -> finding.rule() == rule).findFirst();
    }
}
