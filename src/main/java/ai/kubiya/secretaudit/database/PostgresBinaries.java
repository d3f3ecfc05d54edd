package ai.kubiya.secretaudit.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * The PostgreSQL binaries, unpacked by the embedded library into a {@link PrivateFolder} of this user's. The
 * library unpacks the archive it is given into {@code PG-<MD5 of the archive>}; this resolver hands it the
 * library's own archive and notes the digest on the way, so that {@link #executable} names the very binaries
 * the library runs.
 */
final class PostgresBinaries implements PgBinaryResolver {

    private final Path folder;
    private volatile String archiveDigest;

    private PostgresBinaries(Path folder) {
        this.folder = folder;
    }

    /**
     * The binaries folder, made private (or refused) before anything in it runs; every file of the binaries
     * already unpacked there must belong to this user and be writable by nobody else (~1,000 files, ~10 ms).
     */
    static PostgresBinaries in(Path folder) throws IOException {
        try {
            Path checked = PrivateFolder.prepare(folder);
            try (DirectoryStream<Path> unpacked = Files.newDirectoryStream(checked, "PG-*")) {
                for (Path versionFolder : unpacked) {
                    requireUntouched(versionFolder);
                }
            }
            return new PostgresBinaries(checked);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (the embedded PostgreSQL's binaries: set"
                    + " audit.embedded-db.binaries-dir to a folder only this user can change)", e);
        }
    }

    Path folder() {
        return folder;
    }

    /** {@code name} in the {@code bin} folder the library unpacked and runs; known once it has started. */
    Path executable(String name) {
        if (archiveDigest == null) {
            throw new IllegalStateException("the PostgreSQL binaries have not been unpacked yet");
        }
        return folder.resolve("PG-" + archiveDigest).resolve("bin").resolve(name);
    }

    /**
     * The library makes its working folder writable by everybody after unpacking (~1 s before it runs
     * {@code initdb}); that is harmless while it was 0700 (others gain write but no search permission), and put
     * back to 0700 once the server is up.
     */
    void makePrivateAgain() throws IOException {
        Files.setPosixFilePermissions(folder, PrivateFolder.OWNER_ONLY);
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        InputStream archive = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        return new DigestInputStream(archive, md5()) {
            @Override
            public void close() throws IOException {
                super.close();
                if (archiveDigest == null) { // the library closes it twice; the first close follows the last byte
                    archiveDigest = HexFormat.of().formatHex(getMessageDigest().digest());
                }
            }
        };
    }

    private static void requireUntouched(Path versionFolder) throws IOException {
        try (Stream<Path> files = Files.walk(versionFolder)) { // does not follow symbolic links
            for (Path file : (Iterable<Path>) files::iterator) {
                PrivateFolder.requireOnlyOurs(file);
            }
        }
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5"); // the library's own name for the folder, not a security check
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
