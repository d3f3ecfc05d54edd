package ai.kubiya.secretaudit.policy;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * An auditor re-performs every age from the workbook: the days from the date Age basis names to the as-of are the
 * Age (days) of every ROTATION and UNUSED finding, whatever dates a secret has, lacks or has in the future.
 */
class AgeBasisPropertyTests {

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final Instant AS_OF = Instant.parse("2026-11-30T02:00:00.123456789Z");

    private final RuleEvaluator evaluator = new RuleEvaluator(RotationPolicy.defaults());

    @Property(tries = 3000)
    void theAgeOfEveryFindingIsTheDaysSinceTheDateItsBasisNames(
            @ForAll("datesAround") Instant created, @ForAll("datesAround") Instant rotated,
            @ForAll("datesAround") Instant updated, @ForAll("datesAround") Instant lastUsed,
            @ForAll("types") String type) {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type(type).createdAt(created).rotatedAt(rotated)
                .updatedAt(updated).lastUsed(lastUsed).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        for (Finding finding : evaluation.findings()) {
            AgeBasis basis = AgeBasis.of(finding, secret, evaluation.type(), AS_OF);
            if (finding.rule() == Rule.ROTATION || finding.rule() == Rule.UNUSED) {
                assertThat(basis).as("%s has a basis", finding.rule()).isNotNull();
                long nanos = AS_OF.getEpochSecond() * 1_000_000_000L + AS_OF.getNano()
                        - (basis.of(secret).getEpochSecond() * 1_000_000_000L + basis.of(secret).getNano());
                assertThat(finding.ageDays()).as("%s measured from %s", finding.rule(), basis.field())
                        .isEqualTo((int) Math.floorDiv(nanos, NANOS_PER_DAY));
            } else {
                assertThat(basis).as("%s measures no age from a date", finding.rule()).isNull();
            }
        }
        if (findsRotation(evaluation)) {
            assertThat(AgeBasis.ofRotation(secret, evaluation.type(), AS_OF)).isIn(AgeBasis.ROTATED_AT,
                    AgeBasis.UPDATED_AT, AgeBasis.CREATED_AT);
        }
    }

    private static boolean findsRotation(Evaluation evaluation) {
        return evaluation.findings().stream().anyMatch(finding -> finding.rule() == Rule.ROTATION);
    }

    /** Absent, long ago, around the policy's limits, within a day ahead (still usable) or further ahead (not). */
    @Provide
    Arbitrary<Instant> datesAround() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.longs().between(-2 * NANOS_PER_DAY, 800 * NANOS_PER_DAY).map(AS_OF::minusNanos),
                Arbitraries.of(0L, 60L, 61L, 90L, 91L, 46L, 47L).map(days -> AS_OF.minusNanos(days * NANOS_PER_DAY)));
    }

    @Provide
    Arbitrary<String> types() {
        return Arbitraries.of("token", "api_key", "certificate", "password", "");
    }
}
