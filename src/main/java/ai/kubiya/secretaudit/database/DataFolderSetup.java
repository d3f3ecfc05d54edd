package ai.kubiya.secretaudit.database;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.postgresql.util.PasswordUtil;

/**
 * What every start does to the data folder before the server starts (the library calls it after
 * {@code initdb}, which it runs in trust mode, and before {@code pg_ctl start}), so that a new folder and one an
 * earlier version left in trust mode end up the same: mode 0700, password (SCRAM) authentication only, on
 * 127.0.0.1 only and no Unix socket, and — when the data folder has no stored passwords yet — the superuser's
 * new password set in single-user mode, which needs no connection, and only then stored.
 */
final class DataFolderSetup implements Consumer<File> {

    static final String SETTINGS_FILE = "secret-rotation-audit.conf";
    private static final String PG_HBA = """
            # Written by secret-rotation-audit at every start of its embedded PostgreSQL: passwords only.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            """;
    private static final String SETTINGS = """
            # Written by secret-rotation-audit at every start of its embedded PostgreSQL.
            listen_addresses = '127.0.0.1'
            unix_socket_directories = ''
            password_encryption = 'scram-sha-256'
            """;
    private static final String INCLUDE = "include_if_exists = '" + SETTINGS_FILE + "'";

    private final PostgresBinaries binaries;
    private final Credentials credentials;
    private final boolean newCredentials;

    DataFolderSetup(PostgresBinaries binaries, Credentials credentials, boolean newCredentials) {
        this.binaries = binaries;
        this.credentials = credentials;
        this.newCredentials = newCredentials;
    }

    @Override
    public void accept(File folder) {
        Path dataDir = folder.toPath();
        try {
            Files.setPosixFilePermissions(dataDir, PrivateFolder.OWNER_ONLY);
            Files.writeString(dataDir.resolve("pg_hba.conf"), PG_HBA);
            Files.writeString(dataDir.resolve(SETTINGS_FILE), SETTINGS);
            Path postgresqlConf = dataDir.resolve("postgresql.conf");
            if (Files.readAllLines(postgresqlConf).stream().noneMatch(INCLUDE::equals)) {
                Files.writeString(postgresqlConf, "\n" + INCLUDE + "\n", java.nio.file.StandardOpenOption.APPEND);
            }
            if (newCredentials) {
                singleUser(dataDir, "ALTER ROLE postgres PASSWORD '" + scram("postgres", credentials.superuser()) + "'");
                credentials.store(dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded PostgreSQL data folder " + dataDir, e);
        }
    }

    /** The SCRAM verifier, so that no statement (nor a server log of it) ever holds the password itself. */
    static String scram(String role, String password) {
        try {
            return PasswordUtil.encodePassword(role, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot derive a SCRAM verifier", e);
        }
    }

    /** Runs one statement on the stopped server; PostgreSQL refuses root, so as root the library's way. */
    private void singleUser(Path dataDir, String statement) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries.executable("postgres").toString(), "--single", "-D", dataDir.toString(),
                "-F", "postgres"));
        Process postgres = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream input = postgres.getOutputStream()) {
            input.write((statement + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String errors = new String(postgres.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!postgres.waitFor(60, TimeUnit.SECONDS) || postgres.exitValue() != 0
                    || errors.contains("ERROR:") || errors.contains("FATAL:")) {
                postgres.destroyForcibly();
                throw new IOException("PostgreSQL in single-user mode could not set the superuser's password: "
                        + errors.lines().filter(line -> line.contains("ERROR:") || line.contains("FATAL:"))
                        .collect(Collectors.joining(" / ")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            postgres.destroyForcibly();
            throw new IOException("interrupted while setting the superuser's password", e);
        }
    }
}
