package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.RunLock;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every failure of a command ends the same way (cli/Failures): one line {@code error: …} on stderr, the exit code
 * of its class — 2 configuration or usage, 3 another run holds the database, 1 anything else — and no stack trace,
 * neither ours nor Spring Boot's, unless {@code --debug}. What can be checked without the database is checked before
 * it starts: these commands run on the embedded default, and its data folder must not even be created.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailuresIntegrationTests {

    @TempDir
    Path directory;

    Path dataFolder;
    final List<String> properties = new ArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void useAnEmbeddedDatabaseThatMustNotStart() {
        dataFolder = directory.resolve("data/postgres");
        set("audit.embedded-db.dir", dataFolder.toString());
        set("audit.reports.dir", directory.resolve("reports").toString());
    }

    @AfterEach
    void clearProperties() {
        properties.forEach(System::clearProperty);
    }

    @Test
    void aBadConfigurationValueExitsTwoInOneLineBeforeTheDatabaseStarts(CapturedOutput output) {
        set("audit.policy.warning-days", "-3");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration 'audit.policy': audit.policy.warning-days must be a"
                + " whole number of days, 0 or more (was -3)" + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aValueOfTheWrongTypeIsNamedByItsKeyWithoutQuotingTheValue(CapturedOutput output) {
        set("spring.mail.port", "hunter2");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration 'spring.mail.port': not a valid Integer"
                + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aBadMailSettingExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        set("audit.mail.max-attempts", "0");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: invalid configuration 'audit.mail': audit.mail.max-attempts must be at"
                + " least 1 (was 0)" + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aWaiverWithoutApproverExitsTwoNamingTheFileAndTheEntry(CapturedOutput output) throws IOException {
        Path waivers = Files.writeString(directory.resolve("waivers.yaml"), """
                - secret: DB_PASSWORD
                  rule: ROTATION
                  reason: vendor migration
                  approved_by: ciso@acme.example
                  ticket: SEC-1
                  expires: 2026-12-20
                - secret: API_TOKEN
                  rule: ROTATION
                  reason: vendor migration
                  ticket: SEC-2
                  expires: 2026-12-20
                """);
        set("audit.waivers.file", waivers.toString());

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);

        assertThat(err).hasToString("error: audit.waivers.file: waivers.yaml entry 2: approved_by is required"
                + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aYamlSyntaxErrorExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) throws IOException {
        Path yaml = Files.writeString(directory.resolve("application.yml"), "audit:\n\tsource: synthetic\n");
        set("spring.config.additional-location", "file:" + yaml);

        assertThat(execute("runs")).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1).startsWith("error: ").contains("application.yml line 2");
        assertQuietAndNoDatabase(output);
    }

    @Test
    void anUnknownKeyExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        set("audit.waivers.max-day", "30");

        assertThat(execute("export", "--run=latest", "--out=" + directory.resolve("out.xlsx"))).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1)
                .startsWith("error: unknown configuration key 'audit.waivers.max-day'");
        assertQuietAndNoDatabase(output);
    }

    @Test
    void aSourceThatIsNoSourceExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        assertThat(execute("run", "--source=synth")).isEqualTo(2);

        assertThat(err).hasToString("error: audit.source 'synth' is not one of control-plane, file:PATH,"
                + " synthetic[:N]" + System.lineSeparator());
        assertQuietAndNoDatabase(output);
    }

    @Test
    void theControlPlaneWithoutApiKeyExitsTwoBeforeTheDatabaseStartsForRunAndValidate(CapturedOutput output) {
        set("kubiya.api-key", "");

        assertThat(execute("run", "--source=control-plane")).isEqualTo(2);
        assertThat(execute("validate", "--source=control-plane", "--required=DB_PASSWORD")).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(2).startsWith("error: the control-plane source needs an API key:"
                + " set KUBIYA_API_KEY");
        assertQuietAndNoDatabase(output);
    }

    @Test
    void validateNeverStartsTheDatabase(CapturedOutput output) {
        assertThat(execute("validate", "--source=synthetic:20", "--required=nope")).isEqualTo(5);

        assertThat(out.toString()).contains("Missing: nope");
        assertThat(dataFolder).doesNotExist();
        assertThat(output).doesNotContain("Embedded PostgreSQL");
    }

    @Test
    void anAsOfInTheFarFutureExitsTwoBeforeTheDatabaseStarts(CapturedOutput output) {
        assertThat(execute("run", "--source=synthetic:5", "--as-of=2099-01-01")).isEqualTo(2);

        assertThat(err.toString()).hasLineCount(1).startsWith("error: --as-of 2099-01-01T00:00:00Z is more than one"
                + " day after now");
        assertQuietAndNoDatabase(output);
    }

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
    void debugAddsTheStackTraceBeforeOrAfterTheCommand() {
        set("audit.policy.warning-days", "-3");

        assertThat(execute("--debug", "run", "--source=synthetic:5")).isEqualTo(2);
        assertThat(execute("run", "--debug", "--source=synthetic:5")).isEqualTo(2);

        String[] reports = err.toString().split("(?m)^(?=error: )");
        assertThat(reports).hasSize(2).allSatisfy(report -> assertThat(report)
                .startsWith("error: invalid configuration 'audit.policy'").contains("\tat ")
                .contains("Caused by: ").contains("must be a whole number of days"));
        assertThat(dataFolder).doesNotExist();
    }

    private void assertQuietAndNoDatabase(CapturedOutput output) {
        assertThat(output.getAll() + err).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START")
                .doesNotContain("Application run failed").doesNotContain("Embedded PostgreSQL");
        assertThat(dataFolder).doesNotExist();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void set(String key, String value) {
        properties.add(key);
        System.setProperty(key, value);
    }

    private int execute(String... args) {
        return AuditCommandLine.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
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
