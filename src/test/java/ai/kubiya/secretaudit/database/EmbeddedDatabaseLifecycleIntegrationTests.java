package ai.kubiya.secretaudit.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded database across runs, with real processes: started again, upgraded from the trust mode of
 * earlier versions, killed with SIGKILL, and started next to processes that only look like its server.
 */
class EmbeddedDatabaseLifecycleIntegrationTests {

    private static final Duration FEW_SECONDS = Duration.ofSeconds(10);
    private static final String A_RUN = "INSERT INTO audit_run (as_of, source, dry_run, status, started_at,"
            + " policy_version, policy, app_version) VALUES (now(), 'synthetic:1', false, 'COMPLETED', now(), 'p', '{}', 'v')";

    @TempDir
    Path work;

    final Path binaries = new EmbeddedDbProperties(null, null).binaries();
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatWasStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void aSecondStartReusesThePasswordsOfTheFirst() throws Exception {
        Path dataDir = work.resolve("db");
        EmbeddedDatabase.start(dataDir, binaries).close();
        String first = Files.readString(dataDir.resolve(Credentials.FILE_NAME));

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, binaries)) {
            assertThat(Files.readString(dataDir.resolve(Credentials.FILE_NAME))).isEqualTo(first);
            assertThat(first).contains("audit=" + database.password());
            DriverManager.getConnection(database.jdbcUrl(), "audit", database.password()).close();
        }
    }

    @Test
    void aDataFolderAnEarlierVersionLeftInTrustModeIsTakenOverWithItsHistoryAndStaysOnTheLoopback() throws Exception {
        Path dataDir = work.resolve("db");
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).start()) { // as versions before this one started it: trust, superuser
            Flyway.configure().dataSource(earlier.getPostgresDatabase()).locations("classpath:db/migration").load()
                    .migrate();
            JdbcClient.create(earlier.getPostgresDatabase()).sql(A_RUN).update();
            JdbcClient.create(earlier.getPostgresDatabase()).sql("ALTER SYSTEM SET listen_addresses = '*'").update();
        }

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, binaries)) {
            JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), "audit", database.password()));
            assertThat(jdbc.sql("SELECT count(*) FROM audit_run").query(Long.class).single()).isEqualTo(1);
            assertThat(jdbc.sql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
                    .query(String.class).list()).containsExactly("audit");
            Flyway.configure().dataSource(database.jdbcUrl(), "audit", database.password())
                    .locations("classpath:db/migration").load().migrate(); // validates and finds nothing to do
            jdbc.sql(A_RUN).update(); // its sequence was handed over with the table
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", ""))
                    .isInstanceOf(SQLException.class);
            String superuser = Credentials.load(dataDir).orElseThrow().superuser();
            assertThat(JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), "postgres", superuser))
                    .sql("SHOW listen_addresses").query(String.class).single())
                    .as("what anyone could ALTER SYSTEM in trust mode").isEqualTo("127.0.0.1");
        }
        assertThat(Files.readString(dataDir.resolve("pg_hba.conf"))).doesNotContain("trust");
        assertThat(Files.readString(dataDir.resolve("postgresql.auto.conf"))).doesNotContain("listen_addresses");
    }

    @Test
    void aKilledRunsServerIsStoppedByItsWatchdogWithinSeconds() throws Exception {
        EmbeddedDatabaseChild.Started child = startChild(work.resolve("db"));

        child.jvm().destroyForcibly(); // SIGKILL: no shutdown hook, no close

        assertThat(gone(child.postmaster())).as("the postmaster is stopped").isTrue();
        assertThat(work.resolve("db/postmaster.pid")).doesNotExist();
        try (EmbeddedDatabase next = EmbeddedDatabase.start(work.resolve("db"), binaries)) {
            assertThat(next.port()).isPositive();
        }
    }

    @Test
    void aServerWhoseWatchdogWasKilledTooIsStoppedByTheNextStart() throws Exception {
        EmbeddedDatabaseChild.Started child = startChild(work.resolve("db"));
        ProcessHandle.of(child.watchdog()).ifPresent(ProcessHandle::destroyForcibly);
        child.jvm().destroyForcibly();
        assertThat(child.jvm().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(child.postmaster()).map(ProcessHandle::isAlive)).as("left running").contains(true);

        try (EmbeddedDatabase next = EmbeddedDatabase.start(work.resolve("db"), binaries)) {
            assertThat(ProcessHandle.of(child.postmaster()).filter(ProcessHandle::isAlive)).isEmpty();
            DriverManager.getConnection(next.jdbcUrl(), "audit", next.password()).close();
        }
    }

    @Test
    void aDecoyNamedPostgresWhosePidIsInAStalePidFileIsNeitherStoppedNorInTheWay() throws Exception {
        Path dataDir = initialized();
        Path decoy = Files.copy(Path.of("/bin/sleep"), work.resolve("postgres"));
        Process sleeping = start(decoy.toString(), "300");
        writePidFile(dataDir, sleeping.pid());

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, binaries)) {
            assertThat(database.port()).isPositive();
        }
        assertThat(sleeping.isAlive()).as("the decoy").isTrue();
    }

    @Test
    void aProcessNamedPostgresThatNamesTheDataFolderButDoesNotRunInItIsLeftAlone() throws Exception {
        Path dataDir = initialized();
        Path decoy = Files.copy(Path.of("/bin/bash"), work.resolve("postgres"));
        Process decoyProcess = start(decoy.toString(), "-c", "sleep 300; :", "-D", dataDir.toString());
        writePidFile(dataDir, decoyProcess.pid());

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, binaries)) {
            assertThat(database.port()).isPositive();
        }
        assertThat(decoyProcess.isAlive()).as("the decoy").isTrue();
    }

    @Test
    void aStalePidFileNamingAnUnrelatedLiveProcessDoesNotStopTheStart() throws Exception {
        Path dataDir = initialized();
        Process unrelated = start("sleep", "300"); // PostgreSQL itself refuses to start while this PID lives
        writePidFile(dataDir, unrelated.pid());

        try (EmbeddedDatabase database = EmbeddedDatabase.start(dataDir, binaries)) {
            DriverManager.getConnection(database.jdbcUrl(), "audit", database.password()).close();
        }
        assertThat(unrelated.isAlive()).isTrue();
    }

    private Path initialized() throws Exception {
        Path dataDir = work.resolve("db");
        EmbeddedDatabase.start(dataDir, binaries).close();
        return dataDir;
    }

    /** As PostgreSQL writes it (PID, data folder, start time, port, socket folder, address, key, status). */
    private static void writePidFile(Path dataDir, long pid) throws Exception {
        Files.writeString(dataDir.resolve("postmaster.pid"), pid + "\n" + dataDir + "\n1764460800\n5432\n\n"
                + "127.0.0.1\n  1234567     98304\nready   \n");
    }

    private EmbeddedDatabaseChild.Started startChild(Path dataDir) throws Exception {
        EmbeddedDatabaseChild.Started child = EmbeddedDatabaseChild.start(dataDir, binaries, work.resolve("child.log"));
        started.add(child.jvm());
        assertThat(ProcessHandle.of(child.postmaster()).map(ProcessHandle::isAlive)).contains(true);
        return child;
    }

    private Process start(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        return process;
    }

    private static boolean gone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + FEW_SECONDS.toNanos();
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }
}
