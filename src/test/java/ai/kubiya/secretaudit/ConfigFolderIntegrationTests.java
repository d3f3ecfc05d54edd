package ai.kubiya.secretaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container's configuration convention, tried the way the container runs: a JVM of its own whose working
 * directory holds {@code config/application.yml} and {@code config/waivers.yaml} (as {@code /app} holds the mounted
 * ConfigMap), no option but {@code run --dry-run}. Spring Boot finds the first through {@code optional:file:./config/},
 * the second through {@code audit.waivers.file}; the auditor workbook shows both took effect.
 */
class ConfigFolderIntegrationTests {

    private static final String REQUIRED = "named-only-in-the-config-folder";
    private static final String TICKET = "SEC-CONFIG-FOLDER";

    @TempDir
    Path work;

    @Test
    void applicationYmlAndTheWaiverFileInTheConfigFolderOfTheWorkingDirectoryTakeEffect() throws Exception {
        Path config = Files.createDirectories(work.resolve("config"));
        Files.writeString(config.resolve("application.yml"), """
                audit:
                  source: synthetic:200        # the default, control-plane, would stop at once: no KUBIYA_API_KEY
                  reports:
                    dir: out
                  required: [%s]
                  waivers:
                    file: config/waivers.yaml
                """.formatted(REQUIRED));
        Files.writeString(config.resolve("waivers.yaml"), """
                - secret: "*"
                  rule: ROTATION
                  reason: waived by the file in the config folder
                  approved_by: ciso@example.com
                  ticket: %s
                  expires: %s
                """.formatted(TICKET, LocalDate.now(ZoneOffset.UTC).plusDays(30)));

        Path log = work.resolve("run.log");
        Process run = start(log, "run", "--dry-run");

        assertThat(run.waitFor(240, TimeUnit.SECONDS)).as("the run ends").isTrue();
        assertThat(run.exitValue()).as(Files.readString(log)).isZero();
        try (InputStream file = Files.newInputStream(auditWorkbook()); XSSFWorkbook workbook = new XSSFWorkbook(file)) {
            assertThat(column(workbook.getSheet("Findings"), "Secret")).contains(REQUIRED);
            Sheet waivers = workbook.getSheet("Waivers");
            assertThat(column(waivers, "Ticket")).containsExactly(TICKET);
            assertThat(column(waivers, "State")).containsExactly("APPLIED");
        }
    }

    /** The application's main on the build's class path, in {@link #work}, with nothing from this environment. */
    private Process start(Path log, String... arguments) throws IOException {
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp,
                "-cp", System.getProperty("java.class.path"), SecretRotationAuditApplication.class.getName()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("AUDIT_")
                || key.startsWith("KUBIYA_"));
        return builder.start();
    }

    /** The run's workbook, under the reports directory the file named ({@code out}, relative to the working dir). */
    private Path auditWorkbook() throws IOException {
        try (Stream<Path> files = Files.walk(work.resolve("out"))) {
            List<Path> workbooks = files.filter(file -> file.getFileName().toString().matches("audit-.*\\.xlsx")).toList();
            assertThat(workbooks).hasSize(1);
            return workbooks.get(0);
        }
    }

    /** The values under a header of the sheet's first row that has it. */
    private static List<String> column(Sheet sheet, String header) {
        DataFormatter text = new DataFormatter();
        List<String> values = new ArrayList<>();
        int column = -1;
        for (Row row : sheet) {
            if (column >= 0) {
                values.add(text.formatCellValue(row.getCell(column)));
                continue;
            }
            for (int i = 0; i < row.getLastCellNum(); i++) {
                if (header.equals(text.formatCellValue(row.getCell(i)))) {
                    column = i;
                }
            }
        }
        assertThat(column).as("a column %s on %s", header, sheet.getSheetName()).isNotNegative();
        return values;
    }
}
