package ai.kubiya.secretaudit.policy;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A finding covered by a valid waiver is WAIVED; once the waiver expires it is non-OK again and says so. */
class WaiversTests {

    private static final Instant AS_OF = Instant.parse("2026-03-01T12:00:00Z");

    private static final Finding OVERDUE = new Finding("legacy-db", Rule.ROTATION, Status.OVERDUE, Severity.HIGH,
            LocalDate.parse("2026-01-01"), 120, "token last rotated 120 days ago; policy allows 60 days");
    private static final Finding UNUSED = new Finding("legacy-db", Rule.UNUSED, Status.UNUSED, Severity.LOW,
            null, 100, "not used for 100 days; policy allows 90 days");

    @Test
    void aValidWaiverTurnsAFindingWaivedAndSaysWhoApprovedIt() {
        // given
        Waivers waivers = new Waivers(List.of(waiver("legacy-*", Rule.ROTATION, "SEC-101", "2026-06-30")));

        // when
        Finding waived = waivers.apply(OVERDUE, AS_OF);

        // then
        assertThat(waived.status()).isEqualTo(Status.WAIVED);
        assertThat(waived.waiver()).isEqualTo("SEC-101 (legacy-* / ROTATION)");
        assertThat(waived.message()).startsWith(OVERDUE.message())
                .contains("carol@example.com", "SEC-101", "2026-06-30", "vendor cannot rotate yet");
        assertThat(waived).usingRecursiveComparison().comparingOnlyFields("secret", "rule", "severity", "dueDate",
                "ageDays").isEqualTo(OVERDUE);
    }

    @ParameterizedTest(name = "at {0}: {1}")
    @CsvSource({
        "2026-03-01T00:00:00Z,           WAIVED",
        "2026-03-01T23:59:59.999999999Z, WAIVED",
        "2026-03-02T00:00:00Z,           OVERDUE",
        "2026-03-02T00:00:00.000000001Z, OVERDUE"})
    void aWaiverIsValidThroughTheEndOfItsExpiryDateInUtc(Instant asOf, Status expected) {
        // given
        Waivers waivers = new Waivers(List.of(waiver("legacy-db", Rule.ROTATION, "SEC-101", "2026-03-01")));

        // when
        Finding finding = waivers.apply(OVERDUE, asOf);

        // then
        assertThat(finding.status()).isEqualTo(expected);
        assertThat(finding.waiver()).isEqualTo("SEC-101 (legacy-db / ROTATION)");
    }

    @Test
    void anExpiredWaiverLeavesTheStatusAndNamesTheWaiver() {
        // given
        Waivers waivers = new Waivers(List.of(waiver("legacy-*", Rule.ROTATION, "SEC-101", "2026-02-28")));

        // when
        Finding finding = waivers.apply(OVERDUE, AS_OF);

        // then
        assertThat(finding.status()).isEqualTo(Status.OVERDUE);
        assertThat(finding.waiver()).isEqualTo("SEC-101 (legacy-* / ROTATION)");
        assertThat(finding.message()).isEqualTo(OVERDUE.message() + "; waiver SEC-101 expired on 2026-02-28");
    }

    @ParameterizedTest(name = "{0} covers legacy-db: {1}")
    @CsvSource({"legacy-*, true", "*-db, true", "legacy-d?, true", "legacy-db, true", "db-*, false",
        "legacy, false", "legacy-d, false"})
    void theSecretOfAWaiverIsAGlob(String secret, boolean covers) {
        // given
        Waivers waivers = new Waivers(List.of(waiver(secret, Rule.ROTATION, "SEC-101", "2026-06-30")));

        // when
        Finding finding = waivers.apply(OVERDUE, AS_OF);

        // then
        assertThat(finding.status()).isEqualTo(covers ? Status.WAIVED : Status.OVERDUE);
    }

    @Test
    void aWaiverCoversOnlyItsRule() {
        // given
        Waivers waivers = new Waivers(List.of(waiver("legacy-*", Rule.ROTATION, "SEC-101", "2026-06-30")));

        // when
        Finding finding = waivers.apply(UNUSED, AS_OF);

        // then
        assertThat(finding).isEqualTo(UNUSED);
    }

    @ParameterizedTest(name = "valid one first: {0}")
    @CsvSource({"true", "false"})
    void aValidWaiverBeatsAnExpiredOne(boolean validFirst) {
        // given
        Waiver valid = waiver("legacy-*", Rule.ROTATION, "SEC-2", "2026-03-15");
        Waiver expired = waiver("legacy-db", Rule.ROTATION, "SEC-1", "2026-02-01");
        Waivers waivers = new Waivers(validFirst ? List.of(valid, expired) : List.of(expired, valid));

        // when
        Finding finding = waivers.apply(OVERDUE, AS_OF);

        // then
        assertThat(finding.status()).isEqualTo(Status.WAIVED);
        assertThat(finding.waiver()).isEqualTo(valid.label());
    }

    @ParameterizedTest(name = "longest first: {0}")
    @CsvSource({"true", "false"})
    void ofSeveralValidWaiversTheLongestLastingWins(boolean longestFirst) {
        // given
        Waiver shorter = waiver("legacy-db", Rule.ROTATION, "SEC-1", "2026-04-01");
        Waiver longer = waiver("legacy-*", Rule.ROTATION, "SEC-2", "2026-06-30");
        Waivers waivers = new Waivers(longestFirst ? List.of(longer, shorter) : List.of(shorter, longer));

        // when
        Finding finding = waivers.apply(OVERDUE, AS_OF);

        // then
        assertThat(finding.waiver()).isEqualTo(longer.label());
        assertThat(finding.message()).contains("waived until 2026-06-30");
    }

    @Test
    void ofSeveralExpiredWaiversTheLatestIsNamed() {
        // given
        Waivers waivers = new Waivers(List.of(
                waiver("legacy-*", Rule.ROTATION, "SEC-2", "2026-02-20"),
                waiver("legacy-db", Rule.ROTATION, "SEC-1", "2026-01-10")));

        // when
        Finding finding = waivers.apply(OVERDUE, AS_OF);

        // then
        assertThat(finding.status()).isEqualTo(Status.OVERDUE);
        assertThat(finding.message()).endsWith("waiver SEC-2 expired on 2026-02-20");
    }

    @ParameterizedTest(name = "waiving {0}: worst is {1}")
    @CsvSource({"ROTATION, UNUSED", "UNUSED, OVERDUE"})
    void theWorstStatusIsRecomputedAfterWaiving(Rule waived, Status worst) {
        // given
        Waivers waivers = new Waivers(List.of(waiver("legacy-db", waived, "SEC-101", "2026-06-30")));

        // when
        Evaluation evaluation = waivers.apply(evaluationOf(OVERDUE, UNUSED), AS_OF);

        // then
        assertThat(evaluation.worst()).isEqualTo(worst);
        assertThat(evaluation.findings()).extracting(Finding::rule).containsExactly(Rule.ROTATION, Rule.UNUSED);
        assertThat(evaluation.findings()).filteredOn(finding -> finding.rule() == waived)
                .extracting(Finding::status).containsExactly(Status.WAIVED);
    }

    @Test
    void aSecretWhoseEveryFindingIsWaivedIsWaivedWhichRanksBelowUnused() {
        // given
        Waivers waivers = new Waivers(List.of(
                waiver("legacy-db", Rule.ROTATION, "SEC-101", "2026-06-30"),
                waiver("legacy-db", Rule.UNUSED, "SEC-102", "2026-06-30")));

        // when
        Evaluation evaluation = waivers.apply(evaluationOf(OVERDUE, UNUSED), AS_OF);

        // then
        assertThat(evaluation.worst()).isEqualTo(Status.WAIVED);
        assertThat(Status.worst(Status.WAIVED, Status.UNUSED)).isEqualTo(Status.UNUSED);
        assertThat(Status.worst(Status.WAIVED, Status.OK)).isEqualTo(Status.WAIVED);
    }

    @Test
    void withoutAMatchingWaiverAnEvaluationIsUnchanged() {
        // given
        Waivers waivers = new Waivers(List.of(waiver("other-*", Rule.ROTATION, "SEC-101", "2026-06-30")));
        Evaluation evaluation = evaluationOf(OVERDUE, UNUSED);

        // when
        Evaluation applied = waivers.apply(evaluation, AS_OF);

        // then
        assertThat(applied).isEqualTo(evaluation);
    }

    private static Waiver waiver(String secret, Rule rule, String ticket, String expires) {
        return new Waiver(secret, rule, "vendor cannot rotate yet", "carol@example.com", ticket,
                LocalDate.parse(expires));
    }

    private static Evaluation evaluationOf(Finding... findings) {
        Status worst = Status.OK;
        for (Finding finding : findings) {
            worst = Status.worst(worst, finding.status());
        }
        return new Evaluation(okSecretAsOf(AS_OF).name("legacy-db").build(), "token", List.of(findings), worst);
    }
}
