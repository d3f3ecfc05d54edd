package ai.kubiya.secretaudit.policy;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RuleEvaluatorTests {

    private static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");

    private final RuleEvaluator evaluator = new RuleEvaluator(RotationPolicy.defaults());

    @ParameterizedTest(name = "{0} rotated {1} days ago is {2}")
    @CsvSource({
        "token,   46, OK",
        "token,   47, DUE_SOON",
        "token,   60, DUE_SOON",
        "token,   61, OVERDUE",
        "api_key, 76, OK",
        "api_key, 77, DUE_SOON",
        "api_key, 90, DUE_SOON",
        "api_key, 91, OVERDUE"})
    void rotationStatusAtEveryBoundaryOfTheDefaultPolicy(String type, int age, Status expected) {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type(type).rotatedAt(daysAgo(age)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(expected);
        assertThat(evaluation.worst()).isEqualTo(expected);
        finding(evaluation, Rule.ROTATION).ifPresent(finding -> {
            assertThat(finding.severity()).isEqualTo(expected == Status.OVERDUE ? Severity.HIGH : Severity.MEDIUM);
            assertThat(finding.ageDays()).isEqualTo(age);
        });
    }

    @Test
    void overdueFindingCarriesDueDateAgeAndAMessageWithoutTheDescription() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).name("ci-token").rotatedAt(daysAgo(61))
                .description("CANARY-do-not-print").build();

        // when
        Finding finding = evaluator.evaluate(secret, AS_OF).findings().get(0);

        // then
        assertThat(finding).isEqualTo(new Finding("ci-token", Rule.ROTATION, Status.OVERDUE, Severity.HIGH,
                LocalDate.parse("2026-02-28"), 61,
                "token last rotated 61 days ago; policy allows 60 days; rotation was due 2026-02-28"));
    }

    @Test
    void dueSoonMessageSaysWhenToRotate() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type("api_key").rotatedAt(daysAgo(80)).build();

        // when
        Finding finding = evaluator.evaluate(secret, AS_OF).findings().get(0);

        // then
        assertThat(finding.dueDate()).isEqualTo(LocalDate.parse("2026-03-11"));
        assertThat(finding.message())
                .isEqualTo("api_key last rotated 80 days ago; policy allows 90 days; rotate by 2026-03-11");
    }

    @Test
    void aFractionalDayDoesNotCountAsADay() {
        // given an age of 60 days 23:59:59.999999999
        Instant basis = daysAgo(61).plusNanos(1);
        SecretMetadata secret = okSecretAsOf(AS_OF).rotatedAt(basis).build();

        // when
        Finding finding = evaluator.evaluate(secret, AS_OF).findings().get(0);

        // then
        assertThat(finding.status()).isEqualTo(Status.DUE_SOON);
        assertThat(finding.ageDays()).isEqualTo(60);
        assertThat(finding.dueDate()).isEqualTo(LocalDate.parse("2026-02-28"));
    }

    @Test
    void aBasisInTheFutureIsNotDue() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(daysAgo(400)).rotatedAt(AS_OF.plusSeconds(3600)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).isEmpty();
        assertThat(evaluation.worst()).isEqualTo(Status.OK);
    }

    @ParameterizedTest(name = "a basis {0} from as-of is {1} days old")
    @CsvSource({"PT0S, DUE_SOON", "PT12H, OK", "PT24H, OK"})
    void agesOfABasisInTheFutureFloorTowardsThePast(Duration ahead, Status expected) {
        // given a policy that warns from age -1 on: only a floored age of -1 or less is OK
        RuleEvaluator eager = new RuleEvaluator(new RotationPolicy(1, 90, Map.of("default", 0), 28, 14));
        SecretMetadata secret = okSecretAsOf(AS_OF).rotatedAt(AS_OF.plus(ahead)).build();

        // when
        Evaluation evaluation = eager.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(expected);
    }

    @Test
    void dueDatesBefore1970AreUtcDates() {
        // given
        Instant asOf = Instant.parse("1969-06-01T00:00:00Z");
        SecretMetadata secret = okSecretAsOf(asOf).rotatedAt(Instant.parse("1969-03-01T18:00:00Z")).build();

        // when
        Finding finding = evaluator.evaluate(secret, asOf).findings().get(0);

        // then
        assertThat(finding.status()).isEqualTo(Status.OVERDUE);
        assertThat(finding.dueDate()).isEqualTo(LocalDate.parse("1969-04-30"));
    }

    @Test
    void rotatedAtIsTheBasisBeforeUpdatedAtAndCreatedAt() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF)
                .createdAt(daysAgo(300)).updatedAt(daysAgo(200)).rotatedAt(daysAgo(50)).build();

        // when
        Finding finding = evaluator.evaluate(secret, AS_OF).findings().get(0);

        // then
        assertThat(finding.ageDays()).isEqualTo(50);
        assertThat(finding.message()).startsWith("token last rotated 50 days ago");
    }

    @Test
    void updatedAtIsTheBasisWhenNeverRotated() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(daysAgo(300)).updatedAt(daysAgo(55)).build();

        // when
        Finding finding = evaluator.evaluate(secret, AS_OF).findings().get(0);

        // then
        assertThat(finding.ageDays()).isEqualTo(55);
        assertThat(finding.message()).startsWith("token last updated 55 days ago");
    }

    @Test
    void createdAtIsTheBasisWhenNeverRotatedNorUpdated() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(daysAgo(65)).build();

        // when
        Finding finding = evaluator.evaluate(secret, AS_OF).findings().get(0);

        // then
        assertThat(finding.status()).isEqualTo(Status.OVERDUE);
        assertThat(finding.ageDays()).isEqualTo(65);
        assertThat(finding.message()).startsWith("token created 65 days ago");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "API Key", "api-key", " Api-Key ", "API_KEY"})
    void typeSpellingsNormaliseToOneKnownType(String spelling) {
        // given 80 days: DUE_SOON for api_key (90), OVERDUE if it were read as a token (60)
        SecretMetadata secret = okSecretAsOf(AS_OF).type(spelling).rotatedAt(daysAgo(80)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.type()).isEqualTo("api_key");
        assertThat(evaluation.findings()).extracting(Finding::rule, Finding::status)
                .containsExactly(tuple(Rule.ROTATION, Status.DUE_SOON));
    }

    @ParameterizedTest(name = "expiring in {0} is {1} {2}")
    @CsvSource({
        "PT672H,       OK,       ",
        "PT671H59M59S, EXPIRING, HIGH",
        "PT648H,       EXPIRING, HIGH",
        "PT336H,       EXPIRING, HIGH",
        "PT335H59M59S, EXPIRING, CRITICAL",
        "PT312H,       EXPIRING, CRITICAL",
        "PT1H,         EXPIRING, CRITICAL",
        "PT0.000000001S, EXPIRING, CRITICAL",
        "PT0S,         EXPIRED,  CRITICAL",
        "-PT1S,        EXPIRED,  CRITICAL",
        "-PT240H,      EXPIRED,  CRITICAL"})
    void certificateStatusAtEveryBoundary(Duration untilExpiry, Status expected, Severity severity) {
        // given (672h = 28 days, 648h = 27, 336h = 14, 312h = 13)
        Instant expiresAt = AS_OF.plus(untilExpiry);
        SecretMetadata secret = okSecretAsOf(AS_OF).type("certificate").expiresAt(expiresAt).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.CERTIFICATE_EXPIRY)).isEqualTo(expected);
        assertThat(evaluation.worst()).isEqualTo(expected);
        finding(evaluation, Rule.CERTIFICATE_EXPIRY).ifPresent(finding -> {
            assertThat(finding.severity()).isEqualTo(severity);
            assertThat(finding.dueDate()).isEqualTo(LocalDate.ofInstant(expiresAt, ZoneOffset.UTC));
            assertThat(finding.ageDays()).isNull();
        });
    }

    @Test
    void expiringCertificateMessageSaysWhen() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type("certificate").expiresAt(AS_OF.plus(Duration.ofDays(13)))
                .build();

        // when
        Finding finding = evaluator.evaluate(secret, AS_OF).findings().get(0);

        // then
        assertThat(finding.message())
                .isEqualTo("certificate expires in 13 days, on 2026-03-14; policy warns 28 days ahead");
    }

    @Test
    void certificatesAreNotSubjectToRotation() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type("Certificate").createdAt(daysAgo(400))
                .expiresAt(AS_OF.plus(Duration.ofDays(200))).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.type()).isEqualTo("certificate");
        assertThat(evaluation.findings()).isEmpty();
    }

    @Test
    void certificateWithoutKnownExpiryIsInsufficientData() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type("certificate").expiresAt(null).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.METADATA);
            assertThat(finding.status()).isEqualTo(Status.INSUFFICIENT_DATA);
            assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(finding.message()).isEqualTo("certificate has no known expiry (expires_at)");
        });
    }

    @ParameterizedTest(name = "last used {0} days ago is {1}")
    @CsvSource({"90, OK", "91, UNUSED"})
    void unusedCountsDaysSinceLastUse(int idle, Status expected) {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(daysAgo(500)).rotatedAt(daysAgo(5))
                .lastUsed(daysAgo(idle)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.UNUSED)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "never used, created {0} days ago, is {1}")
    @CsvSource({"90, OK", "91, UNUSED"})
    void neverUsedCountsDaysSinceCreation(int age, Status expected) {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(daysAgo(age)).rotatedAt(daysAgo(5)).lastUsed(null)
                .build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.UNUSED)).isEqualTo(expected);
    }

    @Test
    void unusedFindingsSayForHowLong() {
        // given
        SecretMetadata used = okSecretAsOf(AS_OF).rotatedAt(daysAgo(5)).createdAt(daysAgo(500))
                .lastUsed(daysAgo(91)).build();
        SecretMetadata neverUsed = okSecretAsOf(AS_OF).rotatedAt(daysAgo(5)).createdAt(daysAgo(120))
                .lastUsed(null).build();

        // when
        Finding usedFinding = evaluator.evaluate(used, AS_OF).findings().get(0);
        Finding neverUsedFinding = evaluator.evaluate(neverUsed, AS_OF).findings().get(0);

        // then
        assertThat(usedFinding).isEqualTo(new Finding("github-api-token", Rule.UNUSED, Status.UNUSED, Severity.LOW,
                null, 91, "not used for 91 days; policy allows 90 days"));
        assertThat(neverUsedFinding.ageDays()).isEqualTo(120);
        assertThat(neverUsedFinding.message())
                .isEqualTo("never used in 120 days since creation; policy allows 90 days");
    }

    @Test
    void missingCreatedAtIsInsufficientDataAndSkipsRotationAndUnused() {
        // given timestamps that would fail ROTATION and UNUSED
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(null).rotatedAt(daysAgo(400))
                .lastUsed(daysAgo(400)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.METADATA);
            assertThat(finding.message()).isEqualTo("created_at is missing");
        });
        assertThat(evaluation.worst()).isEqualTo(Status.INSUFFICIENT_DATA);
    }

    @Test
    void unparseableCreatedAtIsReportedOnceAsTheReaderSaidIt() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(null)
                .problems("created_at: not an ISO-8601 timestamp").build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().extracting(Finding::message)
                .isEqualTo("created_at: not an ISO-8601 timestamp");
    }

    @Test
    void unknownTypeGetsTheDefaultMaximumAgeAndAMetadataFinding() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type("Vault Blob").createdAt(daysAgo(91)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.type()).isEqualTo("vault_blob");
        assertThat(evaluation.findings()).extracting(Finding::rule, Finding::status, Finding::message).containsExactly(
                tuple(Rule.ROTATION, Status.OVERDUE,
                        "secret created 91 days ago; policy allows 90 days; rotation was due 2026-02-28"),
                tuple(Rule.METADATA, Status.INSUFFICIENT_DATA,
                        "type is unknown; the default maximum age of 90 days applies"));
        assertThat(evaluation.worst()).isEqualTo(Status.OVERDUE);
    }

    @Test
    void unknownTypeUsesTheConfiguredDefault() {
        // given
        RuleEvaluator strict = new RuleEvaluator(new RotationPolicy(14, 90, Map.of("token", 60, "default", 30), 28, 14));
        SecretMetadata secret = okSecretAsOf(AS_OF).type("url").createdAt(daysAgo(31)).build();

        // when
        Evaluation evaluation = strict.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(Status.OVERDUE);
        assertThat(finding(evaluation, Rule.METADATA)).get().extracting(Finding::message)
                .isEqualTo("type is unknown; the default maximum age of 30 days applies");
    }

    @Test
    void missingTypeIsInsufficientDataAndRotatesByTheDefault() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type("  ").createdAt(daysAgo(80)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.type()).isNull();
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(Status.DUE_SOON);
        assertThat(finding(evaluation, Rule.METADATA)).get().extracting(Finding::message)
                .isEqualTo("type is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob", "a@b", "a@@b.com", "@b.com", "a b@c.com", "a@b.com\n", "a@.com", "a@b.com.",
        "a@b.\u00a0com", "a@b.c\u0000om"})
    void invalidOwnersAreInsufficientData(String owner) {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdBy(owner).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.rule()).isEqualTo(Rule.METADATA);
            assertThat(finding.message()).startsWith("created_by is not a valid email address (")
                    .doesNotContain(owner);
        });
    }

    @Test
    void anInvalidOwnerIsNotQuotedButTheFlawIsNamed() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdBy("a@b.com\n\u0007").build();

        // when
        Finding finding = evaluator.evaluate(secret, AS_OF).findings().get(0);

        // then
        assertThat(finding.message()).isEqualTo("created_by is not a valid email address (contains a control character)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@example.com", "alice.smith+ops@mail.example.co.uk", "o'brien@example.org"})
    void validOwnersRaiseNothing(String owner) {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdBy(owner).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).isEmpty();
        assertThat(evaluation.worst()).isEqualTo(Status.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankOwnerIsMissing(String owner) {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdBy(owner).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().extracting(Finding::message)
                .isEqualTo("created_by is missing");
    }

    @Test
    void ownerTheReaderCouldNotReadIsNotAlsoReportedMissing() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdBy(null)
                .problems("created_by: expected a string, got a number").build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().extracting(Finding::message)
                .isEqualTo("created_by: expected a string, got a number");
    }

    @Test
    void everyProblemGoesIntoOneMetadataFinding() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type("blob").createdBy(null).createdAt(null)
                .problems("scope: expected a string, got an object").build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().satisfies(finding -> {
            assertThat(finding).isEqualTo(new Finding("github-api-token", Rule.METADATA, Status.INSUFFICIENT_DATA,
                    Severity.MEDIUM, null, null, "scope: expected a string, got an object; created_at is missing; "
                            + "created_by is missing; type is unknown; the default maximum age of 90 days applies"));
        });
    }

    @Test
    void everyProblemOfACertificateGoesIntoOneMetadataFinding() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type("certificate").createdBy("bob").expiresAt(null).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().extracting(Finding::message).isEqualTo(
                "created_by is not a valid email address (has no @domain); certificate has no known expiry (expires_at)");
    }

    @Test
    void hugeRawValuesAreNeverQuotedInMessages() {
        // given
        String owner = "x".repeat(254);
        String type = "t".repeat(10_000);
        SecretMetadata secret = okSecretAsOf(AS_OF).createdBy(owner).type(type).build();

        // when
        Finding finding = evaluator.evaluate(secret, AS_OF).findings().get(0);

        // then
        assertThat(finding.message()).isEqualTo("created_by is not a valid email address (has no @domain); "
                + "type is unknown; the default maximum age of 90 days applies");
    }

    @Test
    void anOwnerLongerThan254CharactersIsNotAnAddressAndNotQuoted() {
        // given: what the reader keeps of a 3 KB owner
        SecretMetadata secret = okSecretAsOf(AS_OF).createdBy("bob@" + "a".repeat(250) + " …").build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().extracting(Finding::message)
                .isEqualTo("created_by is longer than 254 characters: not a usable email address");
    }

    @Test
    void aRotationInTheFutureIsAMetadataProblemAndTheNextBasisCounts() {
        // given: rotated "in 2099", last updated 100 days ago
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(daysAgo(400))
                .rotatedAt(Instant.parse("2099-01-01T00:00:00Z")).updatedAt(daysAgo(100)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).extracting(Finding::rule, Finding::status, Finding::message).containsExactly(
                tuple(Rule.ROTATION, Status.OVERDUE,
                        "token last updated 100 days ago; policy allows 60 days; rotation was due 2026-01-20"),
                tuple(Rule.METADATA, Status.INSUFFICIENT_DATA,
                        "rotated_at: in the future (more than a day after the as-of)"));
    }

    @Test
    void everyBasisInTheFutureLeavesCreationAsTheBasis() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(daysAgo(70))
                .rotatedAt(AS_OF.plus(Duration.ofDays(3))).updatedAt(AS_OF.plus(Duration.ofDays(2))).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(statusOf(evaluation, Rule.ROTATION)).isEqualTo(Status.OVERDUE);
        assertThat(finding(evaluation, Rule.METADATA)).get().extracting(Finding::message).isEqualTo(
                "rotated_at: in the future (more than a day after the as-of); "
                        + "updated_at: in the future (more than a day after the as-of)");
    }

    @Test
    void aCreationInTheFutureLeavesRotationAndUnusedUnevaluated() {
        // given timestamps that would fail ROTATION and UNUSED
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(AS_OF.plus(Duration.ofDays(365)))
                .rotatedAt(daysAgo(400)).lastUsed(daysAgo(400)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).singleElement().extracting(Finding::rule, Finding::message)
                .containsExactly(Rule.METADATA, "created_at: in the future (more than a day after the as-of)");
    }

    @Test
    void aLastUseInTheFutureSaysNothingAboutUse() {
        // given: created 400 days ago, "used" next year
        SecretMetadata secret = okSecretAsOf(AS_OF).createdAt(daysAgo(400)).rotatedAt(daysAgo(1))
                .lastUsed(AS_OF.plus(Duration.ofDays(365))).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then: neither "unused" nor "never used", and the date is reported
        assertThat(evaluation.findings()).singleElement().extracting(Finding::rule, Finding::message)
                .containsExactly(Rule.METADATA, "last_used: in the future (more than a day after the as-of)");
    }

    @ParameterizedTest(name = "rotated {0} after the as-of: in the future = {1}")
    @CsvSource({"PT23H59M59S, false", "PT24H, false", "PT24H0.000000001S, true", "P2D, true"})
    void aDayAfterTheAsOfIsTheToleranceForClocks(Duration ahead, boolean future) {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).rotatedAt(AS_OF.plus(ahead)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(finding(evaluation, Rule.METADATA).isPresent()).isEqualTo(future);
    }

    @Test
    void anExpiryInTheFarFutureIsNormal() {
        // given: "never expires", 9999-12-31T23:59:59-05:00
        SecretMetadata secret = okSecretAsOf(AS_OF).type("certificate")
                .expiresAt(Instant.parse("+10000-01-01T04:59:59Z")).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).isEmpty();
    }

    @Test
    void findingsComeInRuleOrderAndTheWorstWins() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).createdBy("bob").createdAt(daysAgo(200)).lastUsed(null).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).extracting(Finding::rule)
                .containsExactly(Rule.ROTATION, Rule.UNUSED, Rule.METADATA);
        assertThat(evaluation.findings()).extracting(Finding::secret).containsOnly("github-api-token");
        assertThat(evaluation.worst()).isEqualTo(Status.OVERDUE);
        assertThat(evaluation.secret()).isSameAs(secret);
    }

    @Test
    void anExpiredUnusedCertificateHasBothFindingsInRuleOrder() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).type("certificate").createdAt(daysAgo(400)).lastUsed(daysAgo(100))
                .expiresAt(daysAgo(2)).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.findings()).extracting(Finding::rule, Finding::status).containsExactly(
                tuple(Rule.CERTIFICATE_EXPIRY, Status.EXPIRED), tuple(Rule.UNUSED, Status.UNUSED));
        assertThat(evaluation.worst()).isEqualTo(Status.EXPIRED);
    }

    @Test
    void anOkSecretHasNoFindings() {
        // given
        SecretMetadata secret = okSecretAsOf(AS_OF).build();

        // when
        Evaluation evaluation = evaluator.evaluate(secret, AS_OF);

        // then
        assertThat(evaluation.type()).isEqualTo("token");
        assertThat(evaluation.findings()).isEmpty();
        assertThat(evaluation.worst()).isEqualTo(Status.OK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void malformedRecordsAreRefused(String name) {
        // given
        SecretMetadata unnamed = okSecretAsOf(AS_OF).name(name).build();
        SecretMetadata nameless = okSecretAsOf(AS_OF).name(null).build();

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> evaluator.evaluate(unnamed, AS_OF))
                .withMessageContaining("record 7").withMessageContaining("malformed");
        assertThatIllegalArgumentException().isThrownBy(() -> evaluator.evaluate(nameless, AS_OF));
    }

    private static Instant daysAgo(long days) {
        return AS_OF.minus(Duration.ofDays(days));
    }

    private static Optional<Finding> finding(Evaluation evaluation, Rule rule) {
        return evaluation.findings().stream().filter(finding -> finding.rule() == rule).findFirst();
    }

    private static Status statusOf(Evaluation evaluation, Rule rule) {
        return finding(evaluation, rule).map(Finding::status).orElse(Status.OK);
    }
}
