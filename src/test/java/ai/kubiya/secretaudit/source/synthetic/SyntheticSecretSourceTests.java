package ai.kubiya.secretaudit.source.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.source.RecordProblems;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.SecretSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticSecretSourceTests {

    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");

    @Test
    void givesTheSameInventoryForTheSameCountAndAsOf() {
        // given
        SyntheticSecretSource source = new SyntheticSecretSource(2_000);

        // when
        List<SecretMetadata> first = readAll(source, AS_OF);
        List<SecretMetadata> second = readAll(new SyntheticSecretSource(2_000), AS_OF);

        // then
        assertThat(second).isEqualTo(first);
    }

    @Test
    void placesItsDatesRelativeToTheAsOf() {
        // given
        Instant later = AS_OF.plus(Duration.ofDays(10));
        SyntheticSecretSource source = new SyntheticSecretSource(500);

        // when
        List<SecretMetadata> atAsOf = readAll(source, AS_OF);
        List<SecretMetadata> tenDaysLater = readAll(source, later);

        // then
        assertThat(tenDaysLater).extracting(SecretMetadata::name)
                .isEqualTo(atAsOf.stream().map(SecretMetadata::name).toList());
        assertThat(tenDaysLater).extracting(SecretMetadata::createdAt).isEqualTo(atAsOf.stream()
                .map(r -> r.createdAt() == null ? null : r.createdAt().plus(Duration.ofDays(10))).toList());
    }

    @Test
    void makesExactlyNRecordsWithUniqueNamesAndPositions() {
        // given
        SyntheticSecretSource source = new SyntheticSecretSource(10_000);

        // when
        List<SecretMetadata> records = readAll(source, AS_OF);

        // then
        assertThat(records).hasSize(10_000);
        assertThat(records).extracting(SecretMetadata::position)
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 10_000).boxed().toList());
        List<String> names = records.stream().map(SecretMetadata::name).filter(Objects::nonNull).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(records).filteredOn(r -> r.name() != null)
                .allSatisfy(r -> assertThat(r.name()).endsWith("-%06d".formatted(r.position())));
        assertThat(names).anySatisfy(name -> assertThat(name).startsWith("prod-datadog-api-key-"))
                .anySatisfy(name -> assertThat(name).startsWith("github-webhook-secret-"));
    }

    @Test
    void makesNoRecordsForZero() {
        // when / then
        assertThat(readAll(new SyntheticSecretSource(0), AS_OF)).isEmpty();
    }

    @Test
    void coversEveryTypeScopeAndIntegration() {
        // when
        List<SecretMetadata> records = readAll(new SyntheticSecretSource(10_000), AS_OF);

        // then
        assertThat(records).extracting(SecretMetadata::type).contains(
                "token", "api_key", "credentials", "url", "env_var", "certificate", "API Key", "api-key", "ssh_key");
        assertThat(records).extracting(SecretMetadata::scope).containsOnly("org", "user", "team");
        assertThat(records).extracting(SecretMetadata::integration).contains(
                "github", "gitlab", "aws", "gcp", "azure", "datadog", "slack", "jira", "pagerduty", null);
    }

    @Test
    void keepsDatesPlausible() {
        // when
        List<SecretMetadata> records = readAll(new SyntheticSecretSource(10_000), AS_OF);

        // then
        Instant oldest = AS_OF.minus(Duration.ofDays(540));
        assertThat(records).allSatisfy(r -> {
            if (r.createdAt() != null) {
                assertThat(r.createdAt()).isBetween(oldest, AS_OF);
                assertThat(r.rotatedAt()).satisfiesAnyOf(
                        t -> assertThat(t).isNull(), t -> assertThat(t).isBetween(r.createdAt(), AS_OF));
                assertThat(r.lastUsed()).satisfiesAnyOf(
                        t -> assertThat(t).isNull(), t -> assertThat(t).isBetween(r.createdAt(), AS_OF));
            }
        });
        assertThat(share(records, r -> r.rotatedAt() != null)).isBetween(0.35, 0.45);
        assertThat(share(records, r -> r.lastUsed() == null)).isBetween(0.12, 0.18);
        List<SecretMetadata> certificates = records.stream()
                .filter(r -> "certificate".equals(r.type()) && r.expiresAt() != null).toList();
        assertThat(certificates).isNotEmpty().allSatisfy(r -> assertThat(r.expiresAt())
                .isBetween(AS_OF.minus(Duration.ofDays(60)), AS_OF.plus(Duration.ofDays(400))));
        assertThat(certificates).anySatisfy(r -> assertThat(r.expiresAt()).isBefore(AS_OF));
    }

    @Test
    void includesEachKindOfMalformedRecord() {
        // when
        List<SecretMetadata> records = readAll(new SyntheticSecretSource(10_000), AS_OF);

        // then
        assertThat(records).filteredOn(SecretMetadata::isMalformed).isNotEmpty().hasSizeLessThan(20);
        assertThat(records).filteredOn(r -> r.createdAt() == null).hasSizeBetween(10, 60);
        assertThat(records).filteredOn(r -> "ops-team".equals(r.createdBy())).isNotEmpty();
        assertThat(records).filteredOn(r -> "certificate".equals(r.type()) && r.expiresAt() == null).isNotEmpty();
        assertThat(records).filteredOn(r -> r.hasProblemWith("created_at")).isNotEmpty().allSatisfy(r -> {
            assertThat(r.createdAt()).isNull();
            assertThat(r.problems()).containsExactly(
                    RecordProblems.notATimestamp("created_at"));
        });
        assertThat(share(records, r -> r.createdAt() == null || "ops-team".equals(r.createdBy())
                || "ssh_key".equals(r.type()) || ("certificate".equals(r.type()) && r.expiresAt() == null)))
                .isBetween(0.005, 0.02);
    }

    @Test
    void hasMoreOwnersInLargerInventories() {
        // when
        Set<String> fewOwners = owners(readAll(new SyntheticSecretSource(250), AS_OF));
        Set<String> manyOwners = owners(readAll(new SyntheticSecretSource(100_000), AS_OF));

        // then
        assertThat(fewOwners).hasSizeBetween(5, 10);
        assertThat(manyOwners).hasSizeBetween(300, 1_001);
        assertThat(manyOwners).allSatisfy(owner -> assertThat(owner).matches("[a-z]+\\.[a-z]+@[a-z]+\\.example"));
    }

    @Test
    void describesItselfWithItsCount() {
        // when / then
        assertThat(new SyntheticSecretSource(12).describe()).isEqualTo("synthetic:12");
    }

    @Test
    void parsesTheDefaultSpec() {
        // when / then
        assertThat(SyntheticSecretSource.parse("synthetic").count()).isEqualTo(250);
        assertThat(SyntheticSecretSource.parse("synthetic").describe()).isEqualTo("synthetic:250");
    }

    @Test
    void parsesACount() {
        // when / then
        assertThat(SyntheticSecretSource.parse("synthetic:0").count()).isZero();
        assertThat(SyntheticSecretSource.parse("synthetic:12").count()).isEqualTo(12);
        assertThat(SyntheticSecretSource.parse("synthetic:1000000").count()).isEqualTo(1_000_000);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "synthetic:", "synthetic:-1", "synthetic:abc", "synthetic:1e6", "synthetic:12 ",
            "synthetic:99999999999", "synthetic:2147483648", "synth:5", "file:synthetic", "Synthetic:5"})
    void rejectsBadSpecs(String spec) {
        // when / then
        assertThatThrownBy(() -> SyntheticSecretSource.parse(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'synthetic:N'");
    }

    @Test
    void rejectsANegativeCount() {
        // when / then
        assertThatThrownBy(() -> new SyntheticSecretSource(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Set<String> owners(List<SecretMetadata> records) {
        return records.stream().map(SecretMetadata::createdBy)
                .filter(owner -> owner != null && owner.contains("@")).collect(Collectors.toSet());
    }

    private static double share(List<SecretMetadata> records, java.util.function.Predicate<SecretMetadata> test) {
        return records.stream().filter(test).count() / (double) records.size();
    }

    private static List<SecretMetadata> readAll(SecretSource source, Instant asOf) {
        List<SecretMetadata> records = new ArrayList<>();
        try (SecretCursor cursor = source.open(asOf)) {
            cursor.forEachRemaining(records::add);
        }
        return records;
    }
}
