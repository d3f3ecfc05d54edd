package ai.kubiya.secretaudit.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Comparator;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The binaries folder is used exactly when nobody but this user can add, delete or rename an entry in it, for
 * every one of the 512 modes a folder can have, with this user's own group and (as root) with a group of others.
 */
class PrivateFolderPropertyTests {

    private static Path work;

    @BeforeContainer
    static void createWork() throws IOException {
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "private-folder");
        Files.setPosixFilePermissions(work, PrivateFolder.OWNER_ONLY);
    }

    @AfterContainer
    static void deleteWork() throws IOException {
        try (Stream<Path> paths = Files.walk(work)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Property(generation = GenerationMode.EXHAUSTIVE)
    void aFolderIsUsedExactlyWhenOnlyThisUserCanChangeItsEntries(@ForAll @IntRange(min = 0, max = 0777) int mode,
            @ForAll boolean foreignGroup) throws IOException {
        if (foreignGroup && PrivateFolder.currentUid() != 0) {
            return; // only root can hand a folder to a group it is not in
        }
        Path folder = Files.createTempDirectory(work, "binaries");
        if (foreignGroup) {
            Files.getFileAttributeView(folder, PosixFileAttributeView.class).setGroup(PrivateFolderTests.othersGroup());
        }
        Files.setAttribute(folder, "unix:mode", mode);
        boolean othersCanChange = (mode & 003) == 003 || (foreignGroup && (mode & 030) == 030);

        if (othersCanChange) {
            assertThatThrownBy(() -> PrivateFolder.prepare(folder)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(folder.toString()).hasMessageContaining(String.format("mode %04o", mode));
        } else {
            assertThat(PrivateFolder.prepare(folder)).isEqualTo(folder);
            assertThat(PrivateFolder.mode(folder)).isEqualTo(0700);
        }
    }
}
