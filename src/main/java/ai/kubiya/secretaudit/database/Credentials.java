package ai.kubiya.secretaudit.database;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded server's passwords, generated at its first start and kept in its data folder (mode 600, in a
 * folder of mode 700): the superuser's, used only to set up the application's role at each start, and the
 * application role's. Deleting the file makes the next start generate and set new ones.
 *
 * @param superuser the password of {@code postgres}
 * @param application the password of {@link ApplicationRole#NAME}
 */
record Credentials(String superuser, String application) {

    static final String FILE_NAME = "passwords.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    static Credentials generate() {
        return new Credentials(randomPassword(), randomPassword());
    }

    /** The stored passwords, if this data folder has them. */
    static Optional<Credentials> load(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file, NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(file, NOFOLLOW_LINKS)) {
            throw new IllegalStateException(file + " is not a regular file; delete it to generate new passwords");
        }
        PrivateFolder.requireOnlyOurs(file);
        Files.setPosixFilePermissions(file, PrivateFolder.OWNER_READ_WRITE);
        Properties stored = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            stored.load(reader);
        }
        String superuser = stored.getProperty("postgres", "");
        String application = stored.getProperty(ApplicationRole.NAME, "");
        if (superuser.isBlank() || application.isBlank()) {
            throw new IllegalStateException(file + " lacks a password; delete it to generate new passwords");
        }
        return Optional.of(new Credentials(superuser, application));
    }

    /** Writes them to the data folder, readable by this user only, replacing the file in one step. */
    void store(Path dataDir) throws IOException {
        Path temporary = dataDir.resolve(FILE_NAME + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PrivateFolder.OWNER_READ_WRITE));
        Properties passwords = new Properties();
        passwords.setProperty("postgres", superuser);
        passwords.setProperty(ApplicationRole.NAME, application);
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            passwords.store(writer, "Passwords of the embedded PostgreSQL, generated at its first start."
                    + " Keep it private (mode 600); delete it to have the next start set new ones.");
        }
        Files.move(temporary, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String toString() {
        return "Credentials[…]"; // never a password in a log or an exception
    }

    private static String randomPassword() {
        byte[] bytes = new byte[32]; // 256 bits
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
