package ai.kubiya.secretaudit.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second OS user on the same machine, for real ({@code runuser}; root creates the user {@value #USER} when it
 * is missing, anyone else skips the test): it reaches the embedded server's port, as any local user can, and
 * is refused without the password, with a guessed one, and cannot read the stored passwords.
 */
class OtherUserIntegrationTests {

    private static final String USER = "sra-probe";

    @TempDir
    Path work;

    Path probe;
    EmbeddedDatabase database;

    @BeforeEach
    void aSecondUserAndAProbeItCanRun() throws Exception {
        assumeTrue(PrivateFolder.currentUid() == 0, "needs root, to add a user and run as it");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")) || Files.isExecutable(Path.of("/sbin/runuser")),
                "needs runuser");
        if (run("id", "-u", USER).exitValue() != 0) {
            assumeTrue(run("useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", USER).exitValue() == 0,
                    "cannot add the user " + USER);
        }
        probe = Files.createTempDirectory(Path.of("/tmp"), "sra-probe",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path classFile = probe.resolve("ai/kubiya/secretaudit/database/OtherUserProbe.class");
        Files.createDirectories(classFile.getParent());
        try (InputStream compiled = OtherUserProbe.class.getResourceAsStream("OtherUserProbe.class")) {
            Files.copy(compiled, classFile);
        }
        Path driver = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.copy(driver, probe.resolve("postgresql.jar"));
        try (Stream<Path> files = Files.walk(probe)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(Files.isDirectory(file) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        // the folder around the data folder open to all (as a home or /srv may be), so only the data folder's own
        // modes keep the passwords from the probe: @TempDir alone is 0700 and would hide them anyway
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        database = EmbeddedDatabase.start(work.resolve("db"), new EmbeddedDbProperties(null, null).binaries());
    }

    @AfterEach
    void stop() throws Exception {
        if (database != null) {
            database.close();
        }
        if (probe != null) {
            try (Stream<Path> files = Files.walk(probe)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    void anotherLocalUserIsRefusedWithoutThePasswordAndCannotReadIt() throws Exception {
        Process attempt = run("runuser", "-u", USER, "--", ProcessHandle.current().info().command().orElse("java"),
                "-cp", probe + ":" + probe.resolve("postgresql.jar"), OtherUserProbe.class.getName(),
                Integer.toString(database.port()), database.dataDir().toString(),
                "postgres:", "postgres:postgres", "audit:", "audit:audit");

        String said = new String(attempt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(said).contains("passwords unreadable")
                .contains("postgres: refused 08004", "audit: refused 08004") // the server asks for a password
                .contains("postgres:postgres refused 28P01", "audit:audit refused 28P01")
                .doesNotContain("connected");
    }

    private static Process run(String... command) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
        process.waitFor(60, TimeUnit.SECONDS);
        return process;
    }
}
