package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Workbooks, manifests and signatures are named by run id, as-of and dry run only, and agree with each other. */
class AuditWorkbookFilesTests {

    final Path reports = Path.of("reports");
    final AuditWorkbookFiles files = new AuditWorkbookFiles(new ReportProperties(reports));

    @Test
    void aRunsWorkbookIsNamedByItsUtcAsOfDateAndId() {
        assertThat(files.pathOf(42, Instant.parse("2026-11-29T23:30:00Z"), false))
                .isEqualTo(reports.resolve("2026-11-29/audit-2026-11-29-run42.xlsx"));
    }

    @Test
    void aDryRunSaysSoInItsFileName() {
        assertThat(files.pathOf(43, Instant.parse("2026-11-30T00:00:00Z"), true))
                .isEqualTo(reports.resolve("2026-11-30/audit-2026-11-30-run43-dry-run.xlsx"));
    }

    @Test
    void theManifestAndItsSignatureLieBesideTheWorkbookUnderItsName() {
        Path manifest = AuditWorkbookFiles.manifestOf(reports.resolve("2026-11-30/audit-2026-11-30-run43-dry-run.xlsx"));

        assertThat(manifest).isEqualTo(reports.resolve("2026-11-30/audit-2026-11-30-run43-dry-run.manifest.json"));
        assertThat(AuditWorkbookFiles.signatureOf(manifest))
                .isEqualTo(reports.resolve("2026-11-30/audit-2026-11-30-run43-dry-run.manifest.json.sig"));
    }
}
