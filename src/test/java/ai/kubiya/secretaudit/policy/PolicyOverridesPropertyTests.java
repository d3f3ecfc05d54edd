package ai.kubiya.secretaudit.policy;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** An override's maximum age stands in for the type's: nothing else about ROTATION changes. */
class PolicyOverridesPropertyTests {

    private static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    @Property
    void aMatchedOverrideMaximumAgeDecidesRotationExactlyLikeTheTypeMaximumAge(
            @ForAll @IntRange(min = 15, max = 400) int maxAge,
            @ForAll @IntRange(min = -1, max = 500) int age, // a rotation further ahead is not believed at all
            @ForAll @LongRange(min = 0, max = NANOS_PER_DAY - 1) long partOfADay,
            @ForAll("types") String type,
            @ForAll("matches") PolicyOverride matching) {
        // given
        RotationPolicy defaults = RotationPolicy.defaults();
        Map<String, Integer> typeSaysMaxAge = new HashMap<>(defaults.maxAgeDays());
        typeSaysMaxAge.put(type, maxAge);
        RuleEvaluator byType = new RuleEvaluator(new RotationPolicy(14, 90, typeSaysMaxAge, 28, 14));
        RuleEvaluator byOverride = new RuleEvaluator(new RotationPolicy(14, 90, defaults.maxAgeDays(), 28, 14,
                List.of(new PolicyOverride(matching.scope(), matching.integration(), matching.name(),
                        maxAge, null, null))));
        SecretMetadata secret = okSecretAsOf(AS_OF).name("prod-db").scope("user").integration("github").type(type)
                .rotatedAt(AS_OF.minus(Duration.ofDays(age)).minusNanos(partOfADay)).build();

        // when
        Optional<Finding> expected = rotation(byType.evaluate(secret, AS_OF));
        Optional<Finding> actual = rotation(byOverride.evaluate(secret, AS_OF));

        // then
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.map(Finding::status).orElse(Status.OK)).isEqualTo(
                age > maxAge ? Status.OVERDUE : age > maxAge - 14 ? Status.DUE_SOON : Status.OK);
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("token", "api_key", "credentials", "url", "env_var");
    }

    /** Overrides that all match a user-scoped github secret named prod-db, by any subset of criteria. */
    @Provide
    Arbitrary<PolicyOverride> matches() {
        return Arbitraries.of(
                new PolicyOverride("user", null, null, null, null, null),
                new PolicyOverride(null, "GitHub", null, null, null, null),
                new PolicyOverride(null, null, "prod-*", null, null, null),
                new PolicyOverride(null, null, "prod-d?", null, null, null),
                new PolicyOverride("USER", "github", "*", null, null, null));
    }

    private static Optional<Finding> rotation(Evaluation evaluation) {
        return evaluation.findings().stream().filter(finding -> finding.rule() == Rule.ROTATION).findFirst();
    }
}
