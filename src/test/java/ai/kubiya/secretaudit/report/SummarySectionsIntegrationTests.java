package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.CountRow;
import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The Summary sheet's tables of a real run on PostgreSQL: titled and ordered by the report, counted by storage. */
@SpringBootTest(properties = {"audit.required=datadog-api-key,ci-token"})
class SummarySectionsIntegrationTests {

    static final Instant AS_OF = Instant.parse("2026-11-26T00:00:00Z");
    static final Path WORK = TestFiles.directory("summary-sections");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", () -> WORK.resolve("reports").toString());
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    SummarySections summarySections;

    @Autowired
    FindingRepository findings;

    @Test
    void aRunIsSummarisedInSixTitledTablesThenTheRequiredSecretsAndAChartByType() throws Exception {
        // given: two tokens, one overdue, and an api key; one required secret absent
        AuditRun run = launcher.launch(AS_OF, "file:" + inventory(), false);
        assertThat(run.status()).as(run.failure()).isEqualTo(AuditRun.RunStatus.COMPLETED);

        // when
        List<SummarySection> sections = summarySections.sections(run.id());
        StatusMatrix matrix = summarySections.statusByType(run.id());
        List<CountRow> findingsByStatus = findings.findingsByStatus(run.id());

        // then
        assertThat(sections).extracting(SummarySection::title).containsExactly("Secrets by status",
                "Findings by rule and status", "Secrets by type", "Secrets by scope", "Secrets by integration",
                "Findings by owner", "Required secrets (missing)");
        assertThat(sections.get(2).counts()).containsExactly(new SummarySection.Count("token", 2),
                new SummarySection.Count("api_key", 1));
        assertThat(sections.get(6).counts()).containsExactly(
                new SummarySection.Count("(all): missing datadog-api-key", 1));
        assertThat(matrix.rows()).containsExactly("token", "api_key");
        assertThat(matrix.columns()).contains(Status.OVERDUE);
        assertThat(findingsByStatus).as("what the command's summary counts by status").contains(
                new CountRow("MISSING", 1));
    }

    private static String inventory() throws Exception {
        Path file = WORK.resolve("inventory.json");
        Files.writeString(file, """
                [{"name": "ci-token", "type": "token", "created_by": "alice@acme.example",
                  "created_at": "2024-01-01T00:00:00Z", "rotated_at": "2026-01-01T00:00:00Z",
                  "last_used": "2026-11-25T00:00:00Z"},
                 {"name": "deploy-token", "type": "token", "created_by": "alice@acme.example",
                  "created_at": "2026-11-01T00:00:00Z", "last_used": "2026-11-25T00:00:00Z"},
                 {"name": "vendor-key", "type": "api_key", "created_by": "bob@acme.example",
                  "created_at": "2026-11-01T00:00:00Z", "last_used": "2026-11-25T00:00:00Z"}]
                """);
        return file.toString();
    }
}
