package ai.kubiya.secretaudit.policy;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which numbers apply to a secret when overrides match it (docs/policy.md#tuning-the-policy: most specific, then later). */
class PolicyOverridesTests {

    private static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");

    @ParameterizedTest(name = "scope {0} rotated 31 days ago is {1}")
    @CsvSource({"user, OVERDUE", "USER, OVERDUE", "org, OK"})
    void aScopeOverrideAppliesToThatScopeOnly(String scope, Status expected) {
        // given
        RuleEvaluator evaluator = evaluatorWith(override("user", null, null, 30, null, null));
        SecretMetadata secret = okSecretAsOf(AS_OF).scope(scope).rotatedAt(daysAgo(31)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "integration {0} rotated 31 days ago is {1}")
    @CsvSource({"github, OVERDUE", "GitHub, OVERDUE", "gitlab, OK"})
    void anIntegrationOverrideAppliesToThatIntegrationOnly(String integration, Status expected) {
        // given
        RuleEvaluator evaluator = evaluatorWith(override(null, "github", null, 30, null, null));
        SecretMetadata secret = okSecretAsOf(AS_OF).integration(integration).rotatedAt(daysAgo(31)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} rotated 31 days ago is {1}")
    @CsvSource({"prod-db, OVERDUE", "prod-, OVERDUE", "preprod-db, OK", "staging-db, OK"})
    void aNameOverrideAppliesToNamesMatchingItsGlob(String name, Status expected) {
        // given
        RuleEvaluator evaluator = evaluatorWith(override(null, null, "prod-*", 30, null, null));
        SecretMetadata secret = okSecretAsOf(AS_OF).name(name).rotatedAt(daysAgo(31)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(expected);
    }

    @Test
    void anOverrideMaximumAgeIsTheOneTheFindingReports() {
        // given
        RuleEvaluator evaluator = evaluatorWith(override(null, null, "prod-*", 30, null, null));
        SecretMetadata secret = okSecretAsOf(AS_OF).name("prod-db").type("api_key").rotatedAt(daysAgo(31)).build();

        // when
        Finding finding = finding(evaluator.evaluate(secret, AS_OF), Rule.ROTATION).orElseThrow();

        // then
        assertThat(finding.message()).contains("policy allows 30 days");
        assertThat(finding.dueDate()).isEqualTo(LocalDate.ofInstant(daysAgo(1), ZoneOffset.UTC));
    }

    @Test
    void anUnknownTypesMetadataFindingNamesTheOverridesMaximumAge() {
        // given
        RuleEvaluator evaluator = evaluatorWith(override(null, null, "prod-*", 30, null, null));
        SecretMetadata secret = okSecretAsOf(AS_OF).name("prod-blob").type("blob").rotatedAt(daysAgo(31)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then: the message gives the number the rotation rule used
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(Status.OVERDUE);
        assertThat(finding(evaluation, Rule.METADATA).orElseThrow().message())
                .isEqualTo("type is unknown; the maximum age of 30 days of a matching policy override applies");
    }

    @ParameterizedTest(name = "most specific first: {0}")
    @CsvSource({"true", "false"})
    void theMostSpecificMatchWinsWhateverItsPlace(boolean mostSpecificFirst) {
        // given: 25 days is OVERDUE under 20 days, OK under 40
        PolicyOverride specific = override("user", null, "prod-*", 20, null, null);
        PolicyOverride broad = override("user", null, null, 40, null, null);
        RuleEvaluator evaluator = evaluatorWith(mostSpecificFirst ? List.of(specific, broad) : List.of(broad, specific));
        SecretMetadata secret = okSecretAsOf(AS_OF).scope("user").name("prod-db").rotatedAt(daysAgo(25)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(Status.OVERDUE);
    }

    @ParameterizedTest(name = "{0} before {1}: the later one's {2}")
    @CsvSource({"20, 40, OK", "40, 20, OVERDUE"})
    void ofEquallySpecificMatchesTheLaterEntryWins(int firstMaxAge, int laterMaxAge, Status expected) {
        // given: one override by scope, one by integration, both matching
        RuleEvaluator evaluator = evaluatorWith(List.of(
                override("user", null, null, firstMaxAge, null, null),
                override(null, "github", null, laterMaxAge, null, null)));
        SecretMetadata secret = okSecretAsOf(AS_OF).scope("user").integration("github").rotatedAt(daysAgo(25))
                .build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(expected);
    }

    @Test
    void aSecretNoOverrideMatchesKeepsTheNumbersOfItsType() {
        // given
        RuleEvaluator evaluator = evaluatorWith(override("user", null, null, 30, 7, 10));
        SecretMetadata secret = okSecretAsOf(AS_OF).scope("org").type("api_key").rotatedAt(daysAgo(80))
                .lastUsed(daysAgo(50)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then: api_key's 90 days and the 14-day window, not the override's; 50 idle days are within 90
        assertThat(evaluation.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.status()).isEqualTo(Status.DUE_SOON);
            assertThat(finding.message()).contains("policy allows 90 days");
        });
    }

    @Test
    void anOverrideOfTheUnusedDaysOnlyKeepsTheRotationNumbersOfTheType() {
        // given
        RuleEvaluator evaluator = evaluatorWith(override(null, null, "batch-*", null, null, 30));
        SecretMetadata secret = okSecretAsOf(AS_OF).name("batch-token").rotatedAt(daysAgo(46))
                .lastUsed(daysAgo(31)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then: 31 idle days exceed 30; token's 60 days with the 14-day window make 46 days OK
        assertThat(statusOf(evaluation, Rule.UNUSED)).isEqualTo(Status.UNUSED);
        assertThat(finding(evaluation, Rule.UNUSED).orElseThrow().message()).contains("policy allows 30 days");
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(Status.OK);
    }

    @ParameterizedTest(name = "rotated {0} days ago is {1}")
    @CsvSource({"30, OK", "31, DUE_SOON", "60, DUE_SOON", "61, OVERDUE"})
    void anOverrideOfTheWarningDaysOnlyWidensTheWindowBeforeTheTypesMaximumAge(int age, Status expected) {
        // given
        RuleEvaluator evaluator = evaluatorWith(override("user", null, null, null, 30, null));
        SecretMetadata secret = okSecretAsOf(AS_OF).scope("user").rotatedAt(daysAgo(age)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(expected);
    }

    @Test
    void theWinningOverrideFallsBackToTheTypeNotToTheOverridesItBeat() {
        // given: the broad override's 10 unused days lose to the specific one, which sets no unused days
        RuleEvaluator evaluator = evaluatorWith(List.of(
                override("user", null, null, null, null, 10),
                override("user", null, "prod-*", 30, null, null)));
        SecretMetadata secret = okSecretAsOf(AS_OF).scope("user").name("prod-db").lastUsed(daysAgo(20)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.UNUSED)).isEqualTo(Status.OK);
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "prod-*     | prod-db     | true",
        "prod-*     | prod-       | true",
        "prod-*     | prod-a/b.c  | true",
        "prod-*     | preprod-db  | false",
        "prod-*     | prod        | false",
        "*-token    | ci-token    | true",
        "*          | anything    | true",
        "db-?       | db-1        | true",
        "db-?       | db-12       | false",
        "db-?       | db-         | false",
        "a.b        | a.b         | true",
        "a.b        | axb         | false",
        "a+b(1)     | a+b(1)      | true",
        "a+b(1)     | aab(1)      | false",
        "a+b(1)     | ab1         | false",
        "x[0-9]$^   | x[0-9]$^    | true",
        "x[0-9]     | x5          | false",
        "k\\E.*     | k\\E.*      | true",
        "k\\E.*     | k\\Exyz     | false",
        "{a,b}      | {a,b}       | true",
        "{a,b}      | a           | false"})
    void globsHaveStarAndQuestionMarkAndEverythingElseIsLiteral(String glob, String name, boolean matches) {
        assertThat(Glob.of(glob).matches(name)).isEqualTo(matches);
    }

    @Test
    void aGlobMatchesNoMissingName() {
        assertThat(Glob.of("*").matches(null)).isFalse();
    }

    @ParameterizedTest(name = "{0} is overridden: {1}")
    @CsvSource({"svc.a+b(1), true", "svcXa+b(1), false", "svc.aab(1), false"})
    void anOverrideNameWithRegexMetacharactersMatchesThemLiterally(String name, boolean overridden) {
        // given
        RuleEvaluator evaluator = evaluatorWith(override(null, null, "svc.a+b(1)", 30, null, null));
        SecretMetadata secret = okSecretAsOf(AS_OF).name(name).rotatedAt(daysAgo(31)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(overridden ? Status.OVERDUE : Status.OK);
    }

    private static PolicyOverride override(String scope, String integration, String name, Integer maxAgeDays,
                                   Integer warningDays, Integer unusedDays) {
        return new PolicyOverride(scope, integration, name, maxAgeDays, warningDays, unusedDays);
    }

    private static RuleEvaluator evaluatorWith(PolicyOverride override) {
        return evaluatorWith(List.of(override));
    }

    private static RuleEvaluator evaluatorWith(List<PolicyOverride> overrides) {
        RotationPolicy defaults = RotationPolicy.defaults();
        return new RuleEvaluator(new RotationPolicy(defaults.warningDays(), defaults.unusedDays(),
                defaults.maxAgeDays(), defaults.certificateWarningDays(), defaults.certificateCriticalDays(),
                overrides));
    }

    private static Instant daysAgo(int days) {
        return AS_OF.minus(Duration.ofDays(days));
    }

    private static Optional<Finding> finding(Evaluation evaluation, Rule rule) {
        return evaluation.findings().stream().filter(finding -> finding.rule() == rule).findFirst();
    }

    private static Status statusOf(Evaluation evaluation, Rule rule) {
        return finding(evaluation, rule).map(Finding::status).orElse(Status.OK);
    }
}
