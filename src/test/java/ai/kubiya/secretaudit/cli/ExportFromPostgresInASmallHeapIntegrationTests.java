package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.SecretRotationAuditApplication;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export's read side streams too: a run of 200,000 findings (~100 MB as the driver would hold them if it read
 * every row first) exported by the command in a JVM allowed 48 MB of heap. Without the read-only transaction that
 * makes PostgreSQL use a cursor, this ran out of heap (measured on the packaged jar: 116,283 findings, 48 MB).
 */
class ExportFromPostgresInASmallHeapIntegrationTests {

    @TempDir
    Path directory;

    @Test
    void twoHundredThousandFindingsAreExportedAsJsonWithin48MbOfHeap() throws Exception {
        // given
        String url = TestDatabases.newDatabase();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("""
                    INSERT INTO audit_run (id, as_of, source, dry_run, status, started_at, ended_at, policy_version,
                                           policy, app_version)
                    VALUES (1, '2026-11-26Z', 'synthetic:200000', false, 'COMPLETED', now(), now(), 'p1', '{}', 'test')""");
            statement.execute("""
                    INSERT INTO finding (run_id, secret, rule, status, severity, due_date, age_days, lifecycle, message,
                                         type, scope, integration, owner, policy_version)
                    SELECT 1, 'secret-' || i, 'ROTATION', 'OVERDUE', 'HIGH', date '2026-01-01' + i % 300, 60 + i % 300,
                           'OPEN', 'last rotated ' || (60 + i % 300) || ' days ago; ' || repeat('policy allows 60 days ', 12),
                           'token', 'org', 'github', 'owner' || i % 97 || '@acme.example', 'p1'
                    FROM generate_series(1, 200000) AS i""");
        }
        Path out = directory.resolve("run1.json");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx48m",
                "-Dspring.datasource.url=" + url, "-Dspring.datasource.username=postgres",
                "-Daudit.reports.dir=" + directory.resolve("reports"), "-Djava.io.tmpdir=" + directory,
                "-cp", System.getProperty("java.class.path"), SecretRotationAuditApplication.class.getName(),
                "export", "--run=1", "--format=json", "--out=" + out);

        // when
        Process export = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(export.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean exited = export.waitFor(180, TimeUnit.SECONDS);

        // then
        assertThat(exited).isTrue();
        assertThat(export.exitValue()).as(output).isZero();
        assertThat(output).contains("Run 1 findings written to " + out + " as json");
        try (Stream<String> lines = Files.lines(out)) {
            assertThat(lines.filter(line -> line.startsWith("{\"secret\":\"secret-")).count()).isEqualTo(200_000);
        }
    }
}
