package ai.kubiya.secretaudit.job;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.TestFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole run with {@code audit.progress.interval} at 20 ms instead of 10 s: every step says when it starts, and the
 * evaluate, email and workbook steps log how far they have got, in the unit their source can measure. A failed
 * step says why in one line.
 */
@SpringBootTest(properties = "audit.progress.interval=20ms")
@ExtendWith(OutputCaptureExtension.class)
class StepProgressIntegrationTests {

    static final Instant AS_OF = Instant.parse("2026-11-26T00:00:00Z");
    static final Path WORK = TestFiles.directory("step-progress-it");
    static final String COUNT = "[\\d,]+";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", () -> WORK.resolve("reports").toString());
    }

    @Autowired
    AuditRunLauncher launcher;

    @Test
    void aSyntheticRunLogsEachStepsStartItsRecordsOfTheCountItsEmailsAndItsWorkbookRows(CapturedOutput output)
            throws Exception {
        AuditRun run = launcher.launch(AS_OF, "synthetic:15000", false);

        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        List<String> lines = output.getOut().lines().toList();
        assertThat(lines).anyMatch(line -> line.endsWith("Run " + run.id() + " started: as of " + AS_OF
                + ", source synthetic:15000"));
        for (String step : List.of("evaluateSecretsStep", "checkInventoryStep", "trackLifecycleStep",
                "writeAuditWorkbookStep", "finishRunStep")) {
            assertThat(lines).anyMatch(line -> line.endsWith(" " + step + " started"));
        }
        assertThat(lines).anyMatch(line -> line.matches(".* evaluateSecretsStep: " + COUNT
                + " of 15,000 records read \\(\\d+%\\), " + COUNT + "/s, \\d+ s elapsed"));
        assertThat(lines).anyMatch(line -> line.matches(".* queueOwnerRemindersStep: emails queued " + COUNT
                + ", sent " + COUNT + ", failed " + COUNT + ", \\d+ s elapsed"));
        assertThat(lines).anyMatch(line -> line.matches(".* writeAuditWorkbookStep: " + COUNT
                + " rows written, " + COUNT + "/s, \\d+ s elapsed"));
    }

    @Test
    void aFileRunLogsItsRecordsWithTheMegabytesReadOfTheFilesSize(CapturedOutput output) throws Exception {
        Path file = new Inventory(AS_OF).generated(15_000, "acme.example").writeTo(WORK.resolve("inventory.json"));

        launcher.launch(AS_OF, "file:" + file, true);

        assertThat(output.getOut().lines()).anyMatch(line -> line.matches(".* evaluateSecretsStep: " + COUNT
                + " records read, \\d+\\.\\d of \\d+\\.\\d MB \\(\\d+%\\), " + COUNT + "/s, \\d+ s elapsed"));
    }

    @Test
    void aFailedStepLogsOneLineWithItsReasonAndNoStackTrace(CapturedOutput output) throws Exception {
        AuditRun run = launcher.launch(AS_OF.minusSeconds(86_400), "file:" + WORK.resolve("absent.json"), true);

        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.FAILED);
        assertThat(output.getOut().lines()).anyMatch(line -> line.matches(
                ".* ERROR evaluateSecretsStep FAILED in \\d+ ms: cannot read inventory file .*absent.json: no such file"));
        assertThat(output.getOut()).doesNotContain("\tat org.springframework.batch");
    }
}
