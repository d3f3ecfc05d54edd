package ai.kubiya.secretaudit.finding;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kubiya.secretaudit.policy.Evaluation;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.RotationPolicy;
import ai.kubiya.secretaudit.policy.RuleEvaluator;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The rotation basis is stored by the job's COPY writer and read back with every finding and inventory row. */
class RotationBasisStorageIntegrationTests {

    static final Instant AS_OF = Instant.parse("2026-11-30T02:00:00Z");

    final DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabases.newDatabase(), "postgres", "");
    final FindingRepository findings = new FindingRepository(dataSource);

    @Test
    void everyFindingAndSecretKeepsItsRotatedAndUpdatedDatesAndTheFieldItsAgeWasMeasuredFrom() throws Exception {
        // given: three overdue tokens (rotated, only updated, neither), one unused, one certificate
        Instant rotated = days(160);
        Instant updated = days(150);
        List<SecretMetadata> secrets = List.of(
                okSecretAsOf(AS_OF).name("a-rotated").createdAt(days(900)).rotatedAt(rotated).updatedAt(updated).build(),
                okSecretAsOf(AS_OF).name("b-updated").createdAt(days(900)).updatedAt(updated).build(),
                okSecretAsOf(AS_OF).name("c-created").createdAt(days(100)).build(),
                okSecretAsOf(AS_OF).name("d-unused").createdAt(days(300)).rotatedAt(days(5)).lastUsed(days(200)).build(),
                okSecretAsOf(AS_OF).name("e-future-rotation").createdAt(days(200)).rotatedAt(AS_OF.plus(Duration.ofDays(30)))
                        .build(),
                okSecretAsOf(AS_OF).name("f-cert").type("certificate").expiresAt(days(-400)).build());

        // when
        long runId = write(secrets);

        // then
        List<FindingRow> rows = new ArrayList<>();
        findings.findings(runId).forEach(rows::add);
        assertThat(rows).filteredOn(row -> row.rule() == Rule.ROTATION)
                .extracting(FindingRow::secret, FindingRow::ageDays, FindingRow::rotated, FindingRow::updated,
                        FindingRow::ageBasis)
                .containsExactlyInAnyOrder(
                        tuple("a-rotated", 160, rotated, updated, "rotated_at"),
                        tuple("b-updated", 150, null, updated, "updated_at"),
                        tuple("c-created", 100, null, null, "created_at"),
                        tuple("e-future-rotation", 200, AS_OF.plus(Duration.ofDays(30)), null, "created_at"));
        assertThat(rows).filteredOn(row -> row.rule() == Rule.UNUSED && row.secret().equals("d-unused"))
                .extracting(FindingRow::ageBasis).containsExactly("last_used");
        assertThat(rows).filteredOn(row -> row.rule() == Rule.METADATA)
                .extracting(FindingRow::ageBasis).containsOnlyNulls();
        List<InventoryRow> inventory = new ArrayList<>();
        findings.inventory(runId).forEach(inventory::add);
        assertThat(inventory).extracting(InventoryRow::secret, InventoryRow::ageBasis).containsExactly(
                tuple("a-rotated", "rotated_at"), tuple("b-updated", "updated_at"), tuple("c-created", "created_at"),
                tuple("d-unused", "rotated_at"), tuple("e-future-rotation", "created_at"), tuple("f-cert", null));
        assertThat(inventory.get(0)).extracting(InventoryRow::rotated, InventoryRow::updated)
                .containsExactly(rotated, updated);
    }

    private long write(List<SecretMetadata> secrets) throws Exception {
        Long runId = new JdbcTemplate(dataSource).queryForObject("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, policy_version, policy, app_version)
                VALUES (?::timestamptz, 'synthetic', false, 'STARTED', now(), 'v', '{}', 'test') RETURNING id""",
                Long.class, AS_OF.toString());
        RuleEvaluator evaluator = new RuleEvaluator(RotationPolicy.defaults());
        List<Evaluation> evaluations = secrets.stream().map(secret -> evaluator.evaluate(secret, AS_OF)).toList();
        new EvaluationWriter(dataSource, runId, "v", AS_OF).write(new Chunk<>(evaluations));
        return runId;
    }

    private static Instant days(int before) {
        return AS_OF.minus(Duration.ofDays(before)).minusSeconds(60);
    }
}
