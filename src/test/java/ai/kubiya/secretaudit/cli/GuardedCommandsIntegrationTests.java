package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guards of issue 12 as the command line shows them, on the real clock: exit codes and what is printed.
 */
class GuardedCommandsIntegrationTests {

    @TempDir
    Path reports;

    final Map<String, String> properties = new LinkedHashMap<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void pointAtATestDatabase() {
        properties.put("spring.datasource.url", TestDatabases.newDatabase());
        properties.put("spring.datasource.username", "postgres");
        properties.put("audit.reports.dir", reports.toString());
        properties.forEach(System::setProperty);
    }

    @AfterEach
    void clearProperties() {
        properties.keySet().forEach(System::clearProperty);
    }

    @Test
    void aDryRunAsOf2099IsRefusedAndWhenAllowedDeletesNoHistory() {
        // given: the three nights, the last three before today (fixed dates would age out of retention)
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (LocalDate night : List.of(today.minusDays(3), today.minusDays(2), today.minusDays(1))) {
            assertThat(execute("run", "--source=synthetic:50", "--as-of=" + night)).as(err.toString()).isZero();
        }

        // when: a year typo, then the same on purpose
        int refused = execute("run", "--source=synthetic:50", "--as-of=2099-01-01", "--dry-run");
        int allowed = execute("run", "--source=synthetic:50", "--as-of=2099-01-01", "--dry-run", "--allow-future-as-of");

        // then
        assertThat(refused).isEqualTo(2);
        assertThat(err.toString()).contains("error: --as-of 2099-01-01T00:00:00Z is more than one day after now")
                .contains("--allow-future-as-of");
        assertThat(allowed).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Run 4 COMPLETED (as of 2099-01-01T00:00:00Z").doesNotContain("Retention:");
        assertThat(execute("export", "--run=1", "--out=" + reports.resolve("run1.xlsx"))).as(err.toString()).isZero();
    }

    @Test
    void anAsOfTwoDaysAheadIsAUsageError() {
        String inTwoDays = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();

        assertThat(execute("run", "--source=synthetic:5", "--as-of=" + inTwoDays)).isEqualTo(2);
        assertThat(err.toString()).contains("--as-of " + inTwoDays);
        assertThat(execute("runs")).isZero();
        assertThat(out.toString()).doesNotContain(inTwoDays);
    }

    @Test
    void aShrunkInventoryFailsTheRunWithExitOneUntilItIsAccepted() throws IOException {
        Path inventory = reports.resolve("inventory.json");
        Files.writeString(inventory, inventory(1_000));
        assertThat(execute("run", "--source=file:" + inventory,
                "--as-of=" + LocalDate.now(ZoneOffset.UTC).minusDays(1))).as(err.toString()).isZero();
        Files.writeString(inventory, "[]");

        int refused = execute("run", "--source=file:" + inventory);
        String refusal = out.toString();
        int accepted = execute("run", "--source=file:" + inventory, "--accept-shrink");

        assertThat(refused).isEqualTo(1);
        assertThat(refusal).contains("Run 2 FAILED").contains("Failure: the inventory shrank from 1,000 to 0 secrets"
                + " (100 % > audit.guard.max-shrink-percent 50 %); if this is expected, run again with --accept-shrink");
        assertThat(accepted).as(err.toString()).isZero();
        assertThat(out.toString().substring(refusal.length())).contains("Run 2 COMPLETED")
                .contains("Guard overridden: the inventory shrank from 1,000 to 0 secrets");
    }

    @Test
    void anInvalidMaxShrinkPercentFailsAtStartUpNamingTheKey() {
        System.setProperty("audit.guard.max-shrink-percent", "101");
        try {
            assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);
            assertThat(err.toString()).contains("audit.guard.max-shrink-percent must be between 0 and 100 (was 101)");
        } finally {
            System.clearProperty("audit.guard.max-shrink-percent");
        }
    }

    @Test
    void exportWritesOnlyRegularFilesAndReplacesOneOnlyWithForce() throws Exception {
        assertThat(execute("run", "--source=synthetic:20", "--as-of=2026-11-28", "--dry-run")).isZero();
        byte[] workbook = Files.readAllBytes(reports.resolve("2026-11-28/audit-2026-11-28-run1-dry-run.xlsx"));
        Path link = Files.createSymbolicLink(reports.resolve("link.xlsx"), Path.of("/dev/null"));
        Path folder = Files.createDirectories(reports.resolve("folder"));
        Path existing = Files.writeString(reports.resolve("existing.xlsx"), "an earlier export");

        assertThat(execute("export", "--run=1", "--out=/dev/null", "--force")).isEqualTo(2);
        assertThat(execute("export", "--run=1", "--out=" + link, "--force")).isEqualTo(2);
        assertThat(execute("export", "--run=1", "--out=" + folder, "--force")).isEqualTo(2);
        assertThat(execute("export", "--run=1", "--out=" + existing)).isEqualTo(2);

        assertThat(err.toString()).contains("--out /dev/null is not a regular file")
                .contains("--out " + link + " is a symbolic link")
                .contains("--out " + folder + " is a directory")
                .contains("--out " + existing + " already exists; give --force to replace it");
        assertThat(ExportTargetTests.isCharacterDevice(Path.of("/dev/null"))).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/dev/null"));
        assertThat(folder).isEmptyDirectory();
        assertThat(existing).hasContent("an earlier export");

        assertThat(execute("export", "--run=1", "--out=" + existing, "--force")).as(err.toString()).isZero();
        assertThat(existing).hasBinaryContent(workbook);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void numericOptionsOutOfRangeAreUsageErrors() {
        assertThat(execute("runs", "--limit=-1")).isEqualTo(2);
        assertThat(execute("runs", "--limit=0")).isEqualTo(2);
        assertThat(execute("runs", "--limit=abc")).isEqualTo(2);
        assertThat(execute("export", "--run=abc", "--out=" + reports.resolve("x.xlsx"))).isEqualTo(2);
        assertThat(execute("export", "--run=-5", "--out=" + reports.resolve("x.xlsx"))).isEqualTo(2);
        assertThat(execute("export", "--run=0", "--out=" + reports.resolve("x.xlsx"))).isEqualTo(2);

        assertThat(err.toString()).contains("error: --limit must be 1 or more (was -1)")
                .contains("error: --limit must be 1 or more (was 0)")
                .contains("error: --run must be a run id (1 or more) or 'latest', not 'abc'")
                .contains("error: --run must be a run id (1 or more) or 'latest', not -5")
                .doesNotContain("SQL");
        assertThat(reports.resolve("x.xlsx")).doesNotExist();
    }

    private Stream<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(reports)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".export-")).toList().stream();
        }
    }

    /** {@code count} tokens, each overdue, owned by ten owners. */
    private static String inventory(int count) {
        Inventory inventory = new Inventory(Instant.now().minus(Duration.ofDays(1)));
        for (int i = 0; i < count; i++) {
            inventory.overdueToken("token-%04d".formatted(i), "owner" + i % 10 + "@acme.example", 30);
        }
        return inventory.json();
    }

    private int execute(String... args) {
        return AuditCommandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
