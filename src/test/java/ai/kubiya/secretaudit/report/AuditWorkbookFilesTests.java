package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The manifest reads only regular workbooks: a FIFO named like one hung the run for good (issue 12). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AuditWorkbookFilesTests {

    @TempDir
    Path reports;

    @Test
    @SuppressWarnings("unchecked")
    void theManifestListsRegularWorkbooksAndSkipsAFifoAndALink() throws Exception {
        Path folder = Files.createDirectories(reports.resolve("2026-11-29"));
        Path workbook = Files.writeString(folder.resolve("audit-2026-11-29-run1.xlsx"), "workbook bytes");
        assertThat(new ProcessBuilder("mkfifo", folder.resolve("audit-x.xlsx").toString()).start().waitFor()).isZero();
        Path outside = Files.writeString(reports.resolve("outside.txt"), "not ours");
        Files.createSymbolicLink(folder.resolve("audit-link.xlsx"), outside);

        new AuditWorkbookFiles(new ReportProperties(reports)).refreshManifest(folder);

        Map<?, ?> manifest = JsonMapper.shared().readValue(folder.resolve("manifest.json").toFile(), Map.class);
        assertThat((List<Object>) manifest.get("files")).containsExactly(Map.<String, Object>of("file", "audit-2026-11-29-run1.xlsx",
                "size", 14, "sha256", Sha256.hex(workbook)));
    }

    @Test
    void aFolderLeftWithoutWorkbooksLosesItsManifestAndIsRemovedWhenEmpty() throws Exception {
        Path empty = Files.createDirectories(reports.resolve("2025-10-01"));
        Files.writeString(empty.resolve("manifest.json"), "{}");
        Path withNotes = Files.createDirectories(reports.resolve("2025-10-02"));
        Files.writeString(withNotes.resolve("manifest.json"), "{}");
        Files.writeString(withNotes.resolve("notes.txt"), "kept");
        AuditWorkbookFiles files = new AuditWorkbookFiles(new ReportProperties(reports));

        files.refreshManifest(empty);
        files.refreshManifest(withNotes);

        assertThat(empty).doesNotExist();
        assertThat(withNotes.resolve("manifest.json")).doesNotExist();
        assertThat(withNotes.resolve("notes.txt")).hasContent("kept");
    }
}
