package ai.kubiya.secretaudit.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the PostgreSQL binaries may be unpacked and run from, on the real file system. */
class PrivateFolderTests {

    @TempDir
    Path work;

    @Test
    void aMissingFolderIsCreatedWithMode700AndSoAreItsMissingParents() throws IOException {
        Path folder = work.resolve("cache/secret-rotation-audit/postgres-binaries");

        PrivateFolder.prepare(folder);

        assertThat(PrivateFolder.mode(folder)).isEqualTo(0700);
        assertThat(PrivateFolder.mode(folder.getParent())).isEqualTo(0700);
    }

    @Test
    void aFolderBelowOneEverybodyMayWriteToIsRefused() throws IOException {
        Path open = Files.createDirectory(work.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> PrivateFolder.prepare(open.resolve("binaries")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(open + " is mode 0777").hasMessageContaining("lets another user replace it");
    }

    @Test
    void aFolderBelowAStickyFolderLikeTmpIsUsed() throws IOException {
        Path sticky = Files.createDirectory(work.resolve("sticky"));
        Files.setAttribute(sticky, "unix:mode", 01777);

        assertThat(PrivateFolder.prepare(sticky.resolve("binaries"))).isDirectory();
    }

    @Test
    void aSymbolicLinkIsRefusedEvenToAPrivateFolder() throws IOException {
        Path real = PrivateFolder.prepare(work.resolve("real"));
        Path link = Files.createSymbolicLink(work.resolve("link"), real);

        assertThatThrownBy(() -> PrivateFolder.prepare(link)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a directory");
    }

    @Test
    void aFolderOfAnotherUserIsRefused() throws IOException {
        assumeTrue(PrivateFolder.currentUid() == 0, "only root can give a folder away");
        Path theirs = Files.createDirectory(work.resolve("theirs"), PosixFilePermissions.asFileAttribute(PrivateFolder.OWNER_ONLY));
        Files.setOwner(theirs, lookup().lookupPrincipalByName("nobody"));

        assertThatThrownBy(() -> PrivateFolder.prepare(theirs)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must belong to this user").hasMessageContaining("uid 65534");
    }

    @Test
    void binariesAnotherUserReplacedAreNeverRun() throws IOException {
        Path binaries = PrivateFolder.prepare(work.resolve("binaries"));
        Path postgres = binaries.resolve("PG-0123/bin/postgres");
        Files.createDirectories(postgres.getParent());
        Files.writeString(postgres, "#!/bin/sh\n");
        Files.setPosixFilePermissions(postgres, PosixFilePermissions.fromString("rwxr-xrwx"));

        assertThatThrownBy(() -> PostgresBinaries.in(binaries)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(postgres.toString()).hasMessageContaining("nobody else may write to it");
        if (PrivateFolder.currentUid() == 0) {
            Files.setPosixFilePermissions(postgres, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setOwner(postgres, lookup().lookupPrincipalByName("nobody"));
            assertThatThrownBy(() -> PostgresBinaries.in(binaries)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(postgres.toString()).hasMessageContaining("uid 65534");
        }
    }

    @Test
    void theEmbeddedDatabaseDoesNotStartFromAFolderOthersMayWriteTo() throws IOException {
        Path open = Files.createDirectory(work.resolve("binaries"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> EmbeddedDatabase.start(work.resolve("db"), open))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refusing to use " + open);
        assertThat(open).isEmptyDirectory();
    }

    /** A group this user is not in: Debian's {@code nogroup}, elsewhere {@code nobody}. */
    static GroupPrincipal othersGroup() throws IOException {
        try {
            return lookup().lookupPrincipalByGroupName("nogroup");
        } catch (IOException e) {
            return lookup().lookupPrincipalByGroupName("nobody");
        }
    }

    private static UserPrincipalLookupService lookup() {
        return java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
    }
}
