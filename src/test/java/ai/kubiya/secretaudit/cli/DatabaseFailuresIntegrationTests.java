package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.kubiya.secretaudit.run.RunLock;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * When the database itself is the problem, after the pre-flight has passed: another run holds it (the run lock, or
 * the embedded data folder another process uses) exits 3, anything else exits 1 — in one line {@code error: …}, with
 * no stack trace and no "Error creating bean …" (cli/Failures).
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseFailuresIntegrationTests extends OwnDataFolderCommandLine {

    @Test
    void aRunHoldingTheRunLockMakesTheNextRunExitThreeInOneLine(CapturedOutput output) throws Exception {
        String database = TestDatabases.newDatabase();
        set("spring.datasource.url", database);
        set("spring.datasource.username", "postgres");
        try (Connection holder = DriverManager.getConnection(database, "postgres", "");
             Statement statement = holder.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + RunLock.LOCK_KEY + ")");

            assertThat(execute("run", "--source=synthetic:5")).isEqualTo(3);
        }

        assertThat(err).hasToString("error: another audit run is in progress on this database; try again when it has"
                + " finished" + System.lineSeparator());
        assertThat(output.getAll() + err).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START");
    }

    @Test
    void anEmbeddedDataFolderInUseByAnotherProcessExitsThree(CapturedOutput output) throws Exception {
        Files.createDirectories(dataFolder, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Process holder = LockHolder.start(dataFolder);
        try {
            assertThat(execute("run", "--source=synthetic:5")).isEqualTo(3);
            assertThat(execute("runs")).isEqualTo(3);
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        assertThat(err.toString()).hasLineCount(2).startsWith("error: another process is using the embedded"
                + " PostgreSQL in " + dataFolder.toAbsolutePath() + " (a run, or runs, export or daemon); try again"
                + " when it has finished");
        assertThat(output.getAll() + err).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START")
                .doesNotContain("Application run failed").doesNotContain("Exception encountered");
        assertThat(dataFolder).isDirectoryNotContaining("glob:**/PG_VERSION");
    }

    @Test
    void anyOtherFailureExitsOneInOneLine(CapturedOutput output) throws IOException {
        set("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/postgres");
        set("spring.datasource.username", "postgres");

        assertThat(execute("runs")).isEqualTo(1);

        assertThat(err.toString()).hasLineCount(1).startsWith("error: ").doesNotContain("Error creating bean");
        assertThat(output.getAll() + err).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START")
                .doesNotContain("Application run failed").doesNotContain("Exception encountered");
    }

    @Test
    void aDaemonWhoseManagementPortIsTakenExitsTwoNamingTheKey(CapturedOutput output) throws Exception {
        set("spring.datasource.url", TestDatabases.newDatabase());
        set("spring.datasource.username", "postgres");
        try (ServerSocket taken = new ServerSocket(0)) {
            set("management.server.port", String.valueOf(taken.getLocalPort()));
            set("audit.source", "synthetic:5");

            // a daemon that did start would never return: bounded, so that the test fails instead
            assertThat(assertTimeoutPreemptively(Duration.ofMinutes(2), () -> execute("daemon"))).isEqualTo(2);

            assertThat(err).hasToString("error: management.server.port " + taken.getLocalPort() + " is already in use"
                    + " (by another process, or a second daemon on this host): set MANAGEMENT_SERVER_PORT to a free"
                    + " port" + System.lineSeparator());
        }
        assertThat(output.getAll() + err).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START")
                .doesNotContain("Exception encountered").doesNotContain(" WARN ");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Another process holding the embedded library's lock on a data folder, as a running audit does. */
    static final class LockHolder {

        public static void main(String[] arguments) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(arguments[0], "epg-lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); var lock = channel.lock()) {
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(TimeUnit.MINUTES.toMillis(5));
            }
        }

        static Process start(Path dataFolder) throws IOException {
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                    System.getProperty("java.class.path"), LockHolder.class.getName(), dataFolder.toString())
                    .redirectErrorStream(true).start();
            String line = new String(process.getInputStream().readNBytes("locked".length()));
            assertThat(line).as("the lock holder's first output").isEqualTo("locked");
            return process;
        }
    }
}
