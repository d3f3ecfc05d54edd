package ai.kubiya.secretaudit.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The embedded PostgreSQL of one run, private to this user: binaries from a {@link PrivateFolder}, passwords
 * only ({@link DataFolderSetup}), the application connected as a role that is no superuser
 * ({@link ApplicationRole}), and stopped when the run ends — by {@link #close}, or by its
 * {@link PostmasterWatchdog} when the JVM is killed, or at the latest by the next start
 * ({@link OrphanedPostmaster}).
 */
final class EmbeddedDatabase implements Closeable {

    private final EmbeddedPostgres postgres;
    private final PostmasterWatchdog watchdog;
    private final Credentials credentials;
    private final Path dataDir;

    private EmbeddedDatabase(EmbeddedPostgres postgres, PostmasterWatchdog watchdog, Credentials credentials,
            Path dataDir) {
        this.postgres = postgres;
        this.watchdog = watchdog;
        this.credentials = credentials;
        this.dataDir = dataDir;
    }

    static EmbeddedDatabase start(Path dataFolder, Path binariesFolder) throws IOException {
        Path dataDir = dataFolder.toAbsolutePath().normalize();
        PrivateFolder.createMissing(dataDir); // 0700 from the start: under umask 000 it would not pass the check below
        PrivateFolder.requireOnlyOurs(dataDir);
        DataFolderLock.requireFree(dataDir); // before anything else touches the folder another run is using
        OrphanedPostmaster.clear(dataDir);
        PostgresBinaries binaries = PostgresBinaries.in(binariesFolder);
        Optional<Credentials> stored = Credentials.load(dataDir);
        Credentials credentials = stored.orElseGet(Credentials::generate);
        EmbeddedPostgres postgres = started(dataDir, binaries, credentials, stored.isEmpty());
        PostmasterWatchdog watchdog = null;
        try {
            binaries.makePrivateAgain();
            watchdog = PostmasterWatchdog.watch(dataDir);
            ApplicationRole.provision(postgres.getPostgresDatabase(), credentials.application());
            return new EmbeddedDatabase(postgres, watchdog, credentials, dataDir);
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            if (watchdog != null) {
                watchdog.close();
            }
            throw e instanceof IOException io ? io : new IOException("cannot set up the embedded PostgreSQL", e);
        }
    }

    /** The server, or {@link DataFolderLock#busy} if another process took the folder since the check above. */
    private static EmbeddedPostgres started(Path dataDir, PostgresBinaries binaries, Credentials credentials,
            boolean newCredentials) throws IOException {
        try {
            return server(dataDir, binaries, credentials, newCredentials);
        } catch (IOException | RuntimeException e) {
            if (heldByAnotherProcess(dataDir)) {
                throw DataFolderLock.busy(dataDir, e);
            }
            throw e;
        }
    }

    private static boolean heldByAnotherProcess(Path dataDir) {
        try {
            return DataFolderLock.heldByAnotherProcess(dataDir);
        } catch (IOException | OverlappingFileLockException e) {
            return false; // the library may still hold it after its own failure: that failure is the one to report
        }
    }

    private static EmbeddedPostgres server(Path dataDir, PostgresBinaries binaries, Credentials credentials,
            boolean newCredentials) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.folder().toFile())
                .setPgBinaryResolver(binaries)
                .setDataDirectoryCustomizer(new DataFolderSetup(binaries, credentials, newCredentials))
                .setConnectConfig("password", credentials.superuser()) // for the library's own readiness check
                // also on the command line, which outranks postgresql.auto.conf (ALTER SYSTEM) of an earlier trust mode
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                // the context stops it (close), after the daemon's graceful stop: the library's own JVM hook would
                // stop it at SIGTERM in parallel, under the chunk that is finishing
                .setRegisterShutdownHook(false)
                .start();
    }

    /** The application's connection: to 127.0.0.1 (where the server listens), as {@link ApplicationRole#NAME}. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + ApplicationRole.DATABASE;
    }

    String username() {
        return ApplicationRole.NAME;
    }

    String password() {
        return credentials.application();
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDir() {
        return dataDir;
    }

    long watchdogPid() {
        return watchdog.pid();
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close(); // pg_ctl stop -m fast
        } finally {
            watchdog.close();
        }
    }
}
