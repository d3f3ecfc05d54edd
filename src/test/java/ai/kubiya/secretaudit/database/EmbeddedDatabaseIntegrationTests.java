package ai.kubiya.secretaudit.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded default as another local user finds it while a run is going on: a real PostgreSQL started the
 * way the application starts it, probed over TCP without, with a wrong and with the right password.
 */
class EmbeddedDatabaseIntegrationTests {

    @TempDir
    static Path work;

    static EmbeddedDatabase database;
    static Path binaries;

    @BeforeAll
    static void start() throws Exception {
        binaries = new EmbeddedDbProperties(work, null).binaries(); // the default folder, as a run uses it
        database = EmbeddedDatabase.start(work.resolve("data/postgres"), binaries);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void connectingWithoutAPasswordIsRefused() {
        for (String role : List.of("postgres", "audit")) {
            assertThatThrownBy(() -> connect(role, "")).as(role)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08004"));
        }
    }

    @Test
    void connectingWithAWrongPasswordIsRefused() {
        for (String role : List.of("postgres", "audit")) {
            assertThatThrownBy(() -> connect(role, "postgres")).as(role)
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
        }
    }

    @Test
    void theApplicationRoleIsNoSuperuserAndCanNeitherReadNorWriteTheServersFiles() throws Exception {
        Path target = work.resolve("written-by-the-server");
        try (Connection connection = connect(database.username(), database.password());
             Statement statement = connection.createStatement()) {
            var result = statement.executeQuery("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user");
            result.next();
            assertThat(result.getString(1)).isEqualTo("audit");
            assertThat(result.getBoolean(2)).isFalse();
            assertThatThrownBy(() -> statement.executeQuery("SELECT pg_read_file('/etc/shadow')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
            assertThatThrownBy(() -> statement.execute("COPY (SELECT 1) TO '" + target + "'"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42501"));
        }
        assertThat(target).doesNotExist();
    }

    @Test
    void theApplicationRoleOwnsItsDatabaseSoFlywayCreatesEveryTable() {
        Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration").load().migrate();

        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.jdbcUrl(), "audit", database.password()));
        assertThat(jdbc.sql("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'")
                .query(String.class).list()).containsExactly("audit");
        assertThat(jdbc.sql("SELECT count(*) FROM pg_tables WHERE tablename IN ('audit_run', 'batch_job_instance',"
                + " 'qrtz_locks')").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void thePasswordsAreMode600InADataFolderOfMode700() throws Exception {
        Path dataDir = database.dataDir();
        assertThat(PrivateFolder.mode(dataDir)).isEqualTo(0700);
        assertThat(PrivateFolder.mode(dataDir.resolve(Credentials.FILE_NAME))).isEqualTo(0600);
        assertThat(Files.readString(dataDir.resolve(Credentials.FILE_NAME)))
                .contains("postgres=").contains("audit=" + database.password());
    }

    @Test
    void theBinariesFolderIsMode700AndBelongsToThisUser() throws Exception {
        assertThat(PrivateFolder.mode(binaries)).isEqualTo(0700);
        assertThat(((Number) Files.getAttribute(binaries, "unix:uid")).longValue()).isEqualTo(PrivateFolder.currentUid());
        try (var unpacked = Files.list(binaries)) {
            assertThat(unpacked.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("PG-"));
        }
    }

    @Test
    void theServerListensOnTheLoopbackAddressOnlyAndHasNoUnixSocket() throws Exception {
        String superuser = Credentials.load(database.dataDir()).orElseThrow().superuser();
        try (Connection connection = connect("postgres", superuser);
             Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(setting(statement, "unix_socket_directories")).isEmpty();
            assertThat(setting(statement, "password_encryption")).isEqualTo("scram-sha-256");
        }
        assertThat(Files.readString(database.dataDir().resolve("pg_hba.conf"))).doesNotContain("trust");
    }

    private static String setting(Statement statement, String name) throws SQLException {
        var result = statement.executeQuery("SHOW " + name);
        result.next();
        return result.getString(1);
    }

    static Connection connect(String role, String password) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), role, password);
    }
}
