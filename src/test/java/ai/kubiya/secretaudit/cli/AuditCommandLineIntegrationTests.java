package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The command line as the CronJob runs it: arguments in, exit code and printed summary out. */
class AuditCommandLineIntegrationTests extends TestDatabaseCommandLine {

    @Test
    void runPrintsTheRunCountsAndWorkbookAndExitsZero() {
        int exit = execute("run", "--source=synthetic:300", "--as-of=2026-11-26");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("Run 1 COMPLETED (as of 2026-11-26T00:00:00Z, source synthetic:300)")
                .containsPattern("Secrets +read 300, evaluated")
                .contains("OVERDUE")
                .containsPattern("Workbook +" + java.util.regex.Pattern.quote(
                        reports.resolve("2026-11-26/audit-2026-11-26-run1.xlsx").toString()));
        assertThat(reports.resolve("2026-11-26/audit-2026-11-26-run1.xlsx")).exists();
        assertThat(reports.resolve("outbox")).isNotEmptyDirectory();
    }

    @Test
    void runNamesItsDatabaseSessionsSoThatAPortalSeesARunStartingBeforeItsRowExists() throws Exception {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
                 PreparedStatement sessions = connection.prepareStatement("SELECT application_name FROM"
                         + " pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
                while (running.get()) {
                    try (ResultSet names = sessions.executeQuery()) {
                        while (names.next()) {
                            seen.add(String.valueOf(names.getString(1)));
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                seen.add("watcher failed: " + e);
            }
        });
        watcher.start();
        try {
            assertThat(execute("run", "--source=synthetic:20000", "--as-of=2026-11-26")).as(err.toString()).isZero();
        } finally {
            running.set(false);
            watcher.join();
        }

        assertThat(seen).contains(AuditRunLauncher.RUN_COMMAND_SESSIONS).noneMatch(name -> name.startsWith("watcher"));
    }

    @Test
    void runsListsPastRuns() {
        execute("run", "--source=synthetic:50", "--as-of=2026-11-25", "--dry-run");

        int exit = execute("runs");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("2026-11-25T00:00:00Z").contains("synthetic:50").contains("yes");
    }

    @Test
    void exportWritesAPastRunsWorkbookByteForByteAndRefusesATamperedOne() throws Exception {
        execute("run", "--source=synthetic:120", "--as-of=2026-11-20", "--dry-run");
        Path written = reports.resolve("2026-11-20/audit-2026-11-20-run1-dry-run.xlsx");
        Path exported = reports.resolve("exported/latest.xlsx");

        assertThat(execute("export", "--run=latest", "--out=" + exported)).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(exported)).isEqualTo(Files.readAllBytes(written));
        assertThat(out.toString()).contains("verified");
        assertThat(execute("export", "--run=1", "--out=" + reports.resolve("one.xlsx"))).isZero();
        assertThat(execute("export", "--run=42", "--out=" + reports.resolve("none.xlsx"))).isEqualTo(2);

        try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE run_workbook SET content = overlay(content placing '\\x00'::bytea from 100)");
        }
        assertThat(execute("export", "--run=1", "--out=" + reports.resolve("tampered.xlsx"))).isEqualTo(1);
        assertThat(err.toString()).contains("does not match its recorded SHA-256");
        assertThat(reports.resolve("tampered.xlsx")).doesNotExist();
    }

    @Test
    void anUnreadableAsOfIsAUsageError() {
        assertThat(execute("run", "--source=synthetic:5", "--as-of=yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--as-of 'yesterday'");
    }

    @Test
    void anUnknownSourceIsAUsageError() {
        assertThat(execute("run", "--source=ftp://inventory")).isEqualTo(2);
        assertThat(err.toString()).contains("ftp://inventory").contains("file:PATH");
    }

    @Test
    void anUnknownOptionOrCommandIsAUsageError() {
        assertThat(execute("run", "--frobnicate")).isEqualTo(2);
        assertThat(execute("explode")).isEqualTo(2);
    }

    @Test
    void anInvalidPolicyFailsAtStartUpNamingTheKey() {
        System.setProperty("audit.policy.warning-days", "-3");
        try {
            assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);
            assertThat(err.toString()).contains("audit.policy");
        } finally {
            System.clearProperty("audit.policy.warning-days");
        }
    }

    @Test
    void anInvalidScheduleFailsAtStartUpNamingTheKey() {
        System.setProperty("audit.schedule.cron", "every night");
        try {
            assertThat(execute("daemon")).isEqualTo(2);
            assertThat(err.toString()).contains("audit.schedule").contains("not a Quartz cron expression");
        } finally {
            System.clearProperty("audit.schedule.cron");
        }
    }

    @Test
    void aSecondRunWhileOneHoldsTheLockExitsThree() throws Exception {
        try (Connection holder = DriverManager.getConnection(databaseUrl, "postgres", "");
             Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + ai.kubiya.secretaudit.run.RunLock.LOCK_KEY + ")");

            assertThat(execute("run", "--source=synthetic:5")).isEqualTo(3);
            assertThat(err.toString()).contains("another audit run is in progress");
        }
    }
}
