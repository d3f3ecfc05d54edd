package ai.kubiya.secretaudit.policy;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.support.OwnerAddressSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * The rules of docs/policy.md#rules-default-policy as functions of whole days, checked against an oracle written
 * from the documented text rather than from the implementation.
 */
class RuleEvaluatorPropertyTests {

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final Map<String, Integer> SPEC_MAX_AGE =
            Map.of("token", 60, "api_key", 90, "credentials", 90, "url", 90, "env_var", 90);
    private static final Set<String> KNOWN_TYPES =
            Set.of("token", "api_key", "credentials", "url", "env_var", "certificate");

    private final RuleEvaluator evaluator = new RuleEvaluator(RotationPolicy.defaults());

    @Property
    void rotationStatusIsTheSpecFunctionOfTheFlooredAge(
            @ForAll("realisticInstants") Instant asOf,
            @ForAll @IntRange(min = -120, max = 250) int days,
            @ForAll @LongRange(min = 0, max = NANOS_PER_DAY - 1) long partOfADay,
            @ForAll("rotatedTypes") String type,
            @ForAll boolean shout) {
        // given
        Instant basis = asOf.minus(Duration.ofDays(days)).minusNanos(partOfADay);
        String spelling = shout ? type.toUpperCase(Locale.ROOT).replace('_', '-') : type;
        SecretMetadata secret = okSecretAsOf(asOf).type(spelling).updatedAt(basis).build();
        int maxAge = SPEC_MAX_AGE.getOrDefault(type, 90);

        // when
        Evaluation evaluation = evaluator.evaluate(secret, asOf);

        // then
        Status expected = days > maxAge ? Status.OVERDUE : days > maxAge - 14 ? Status.DUE_SOON : Status.OK;
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(expected);
        findingOf(evaluation, Rule.ROTATION).ifPresent(finding -> {
            assertThat(finding.ageDays()).isEqualTo(days);
            assertThat(finding.dueDate()).isEqualTo(utcDate(basis.plus(Duration.ofDays(maxAge))));
            assertThat(finding.severity()).isEqualTo(expected == Status.OVERDUE ? Severity.HIGH : Severity.MEDIUM);
        });
    }

    @Property
    void rotationFollowsTheConfiguredNumbers(
            @ForAll("realisticInstants") Instant asOf,
            @ForAll @IntRange(min = -30, max = 400) int days,
            @ForAll @LongRange(min = 0, max = NANOS_PER_DAY - 1) long partOfADay,
            @ForAll @IntRange(min = 0, max = 365) int maxAge,
            @ForAll @IntRange(min = 0, max = 60) int warningDays) {
        // given
        RuleEvaluator configured = new RuleEvaluator(
                new RotationPolicy(warningDays, 1000, Map.of("token", maxAge, "default", 90), 28, 14));
        Instant basis = asOf.minus(Duration.ofDays(days)).minusNanos(partOfADay);
        SecretMetadata secret = okSecretAsOf(asOf).createdAt(basis).build();

        // when
        Evaluation evaluation = configured.evaluate(secret, asOf);

        // then: a creation more than a day after the as-of is not believed (see RuleEvaluatorFutureDatesPropertyTests)
        Status expected = days <= -2 ? Status.OK : days > maxAge ? Status.OVERDUE
                : days > maxAge - warningDays ? Status.DUE_SOON : Status.OK;
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(expected);
        findingOf(evaluation, Rule.ROTATION).ifPresent(finding ->
                assertThat(finding.dueDate()).isEqualTo(utcDate(basis).plusDays(maxAge)));
    }

    @Property
    void certificateStatusIsTheSpecFunctionOfDaysLeft(
            @ForAll("realisticInstants") Instant asOf,
            @ForAll @IntRange(min = -60, max = 60) int days,
            @ForAll @LongRange(min = 0, max = NANOS_PER_DAY - 1) long partOfADay) {
        // given
        Instant expiresAt = asOf.plus(Duration.ofDays(days)).plusNanos(partOfADay);
        SecretMetadata secret = okSecretAsOf(asOf).type("certificate").createdAt(asOf.minus(Duration.ofDays(900)))
                .expiresAt(expiresAt).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, asOf);

        // then
        boolean expired = (long) days * NANOS_PER_DAY + partOfADay <= 0;
        Status expected = expired ? Status.EXPIRED : days < 28 ? Status.EXPIRING : Status.OK;
        Severity severity = expired || days < 14 ? Severity.CRITICAL : Severity.HIGH;
        assertThat(statusOf(evaluation, Rule.CERTIFICATE_EXPIRY)).isEqualTo(expected);
        assertThat(findingOf(evaluation, Rule.ROTATION)).isEmpty();
        findingOf(evaluation, Rule.CERTIFICATE_EXPIRY).ifPresent(finding -> {
            assertThat(finding.severity()).isEqualTo(severity);
            assertThat(finding.dueDate()).isEqualTo(utcDate(expiresAt));
        });
    }

    @Property
    void unusedIsTheSpecFunctionOfIdleDays(
            @ForAll("realisticInstants") Instant asOf,
            @ForAll @IntRange(min = -30, max = 300) int days,
            @ForAll @LongRange(min = 0, max = NANOS_PER_DAY - 1) long partOfADay,
            @ForAll boolean everUsed) {
        // given
        Instant idleSince = asOf.minus(Duration.ofDays(days)).minusNanos(partOfADay);
        SecretMetadata secret = okSecretAsOf(asOf).rotatedAt(asOf)
                .createdAt(everUsed ? idleSince.minus(Duration.ofDays(500)) : idleSince)
                .lastUsed(everUsed ? idleSince : null).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, asOf);

        // then
        assertThat(statusOf(evaluation, Rule.UNUSED)).isEqualTo(days > 90 ? Status.UNUSED : Status.OK);
        findingOf(evaluation, Rule.UNUSED).ifPresent(finding -> {
            assertThat(finding.ageDays()).isEqualTo(days);
            assertThat(finding.severity()).isEqualTo(Severity.LOW);
            assertThat(finding.dueDate()).isNull();
        });
    }

    @Property(tries = 3000)
    void anyRecordWithANameIsEvaluatedAndOnlyNamelessOnesAreRefused(
            @ForAll("names") String name,
            @ForAll("types") String type,
            @ForAll("owners") String owner,
            @ForAll("anyInstants") Instant createdAt,
            @ForAll("anyInstants") Instant lastUsed,
            @ForAll("anyInstants") Instant rotatedAt,
            @ForAll("anyInstants") Instant updatedAt,
            @ForAll("anyInstants") Instant expiresAt,
            @ForAll @Size(max = 3) List<@From("problems") String> problems,
            @ForAll("anyInstants") Instant asOfOrNull) {
        // given
        Instant asOf = asOfOrNull == null ? Instant.EPOCH : asOfOrNull;
        SecretMetadata secret = new SecretMetadata(0, name, type, null, "CANARY-7f3a", null, owner,
                createdAt, lastUsed, rotatedAt, updatedAt, expiresAt, problems);

        // when / then
        if (name == null || name.isBlank()) {
            assertThatIllegalArgumentException().isThrownBy(() -> evaluator.evaluate(secret, asOf));
            return;
        }
        Evaluation evaluation = evaluator.evaluate(secret, asOf);
        assertWellFormed(evaluation, name);
        assertThat(findingOf(evaluation, Rule.METADATA).isPresent()).isEqualTo(hasMetadataProblem(secret, asOf));
        findingOf(evaluation, Rule.METADATA).ifPresent(finding -> problems.forEach(problem ->
                assertThat(finding.message()).contains(problem)));
        assertThat(evaluation.findings()).extracting(Finding::message).noneMatch(m -> m.contains("CANARY-7f3a"));
    }

    private static void assertWellFormed(Evaluation evaluation, String name) {
        Status worst = Status.OK;
        Rule previous = null;
        for (Finding finding : evaluation.findings()) {
            assertThat(finding.secret()).isEqualTo(name);
            assertThat(finding.status()).isNotEqualTo(Status.OK);
            assertThat(finding.message()).isNotBlank();
            if (previous != null) {
                assertThat(finding.rule()).isGreaterThan(previous);
            }
            previous = finding.rule();
            worst = Status.worst(worst, finding.status());
        }
        assertThat(evaluation.worst()).isEqualTo(worst);
    }

    /** METADATA of docs/policy.md, restated independently of the implementation; dates of the past may not be ahead. */
    private static boolean hasMetadataProblem(SecretMetadata secret, Instant asOf) {
        String type = RotationPolicy.normalizeType(secret.type());
        return !secret.problems().isEmpty()
                || secret.createdAt() == null
                || Stream.of(secret.createdAt(), secret.lastUsed(), secret.rotatedAt(), secret.updatedAt())
                        .anyMatch(date -> date != null && Duration.between(asOf, date).compareTo(Duration.ofDays(1)) > 0)
                || !OwnerAddressSpec.isUsable(secret.createdBy())
                || type == null || !KNOWN_TYPES.contains(type)
                || ("certificate".equals(type) && secret.expiresAt() == null);
    }

    @Provide
    Arbitrary<Instant> realisticInstants() {
        return Combinators.combine(
                        Arbitraries.longs().between(Instant.parse("1900-01-01T00:00:00Z").getEpochSecond(),
                                Instant.parse("2200-01-01T00:00:00Z").getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<Instant> anyInstants() {
        Arbitrary<Instant> anywhere = Combinators.combine(
                        Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                        Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
        Arbitrary<Instant> nearby = Arbitraries.longs().between(-400, 400)
                .map(days -> Instant.parse("2026-03-01T00:00:00Z").plus(Duration.ofDays(days)));
        return Arbitraries.frequencyOf(
                        Tuple.of(3, nearby), Tuple.of(1, anywhere),
                        Tuple.of(1, Arbitraries.of(Instant.MIN, Instant.MAX, Instant.EPOCH)))
                .injectNull(0.2);
    }

    @Provide
    Arbitrary<String> rotatedTypes() {
        return Arbitraries.of("token", "api_key", "credentials", "url", "env_var", "vault_blob", "default");
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40), Arbitraries.of("", " ", "\t", "db-password"))
                .injectNull(0.1);
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                        Arbitraries.of("token", "API Key", "api-key", "certificate", " Certificate ", "default", ""))
                .injectNull(0.1);
    }

    @Provide
    Arbitrary<String> owners() {
        Arbitrary<String> nearlyEmails = Arbitraries.strings().withChars("ab.@ \n\u00a0\u0001é").ofMaxLength(10);
        Arbitrary<String> emails = Combinators.combine(
                        Arbitraries.strings().withChars("abc.+").ofMinLength(1).ofMaxLength(6),
                        Arbitraries.strings().withChars("xyz.").ofMinLength(1).ofMaxLength(6))
                .as((local, domain) -> local + "@" + domain);
        return Arbitraries.oneOf(nearlyEmails, emails, Arbitraries.strings().ofMaxLength(300))
                .injectNull(0.1);
    }

    @Provide
    Arbitrary<String> problems() {
        return Arbitraries.oneOf(Arbitraries.of("created_at: not an ISO-8601 timestamp",
                "created_by: expected a string, got a number", "type: expected a string, got an array"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(30));
    }

    private static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Optional<Finding> findingOf(Evaluation evaluation, Rule rule) {
        return evaluation.findings().stream().filter(finding -> finding.rule() == rule).findFirst();
    }

    private static Status statusOf(Evaluation evaluation, Rule rule) {
        return findingOf(evaluation, rule).map(Finding::status).orElse(Status.OK);
    }
}
