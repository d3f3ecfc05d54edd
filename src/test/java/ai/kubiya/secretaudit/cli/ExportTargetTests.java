package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --out} writes only regular files, and leaves no temp file on any path (real files, no mocks). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // opening a FIFO would block for good
class ExportTargetTests {

    static final byte[] WORKBOOK = "the workbook".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void aDeviceIsRefusedUntouched() throws Exception {
        Path devNull = Path.of("/dev/null");

        assertThatIllegalArgumentException().isThrownBy(() -> ExportTarget.checked(devNull, true))
                .withMessage("--out /dev/null is not a regular file (a device, FIFO or socket); export writes only"
                        + " regular files");
        assertThat(isCharacterDevice(devNull)).isTrue();
    }

    @Test
    void aLinkIsRefusedEvenWithForceAndNotFollowed() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("out.xlsx"), Path.of("/dev/null"));
        Path toFile = Files.createSymbolicLink(dir.resolve("to-file.xlsx"), Files.writeString(dir.resolve("f"), "kept"));

        assertThatIllegalArgumentException().isThrownBy(() -> ExportTarget.checked(link, true))
                .withMessageContaining("is a symbolic link");
        assertThatIllegalArgumentException().isThrownBy(() -> ExportTarget.checked(toFile, true))
                .withMessageContaining("is a symbolic link");
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Path.of("/dev/null"));
        assertThat(dir.resolve("f")).hasContent("kept");
    }

    @Test
    void aFifoThatAppearsWhileTheWorkbookIsReadIsRefusedAndNoTempFileStays() throws Exception {
        Path out = dir.resolve("out.xlsx");
        ExportTarget target = ExportTarget.checked(out, true);
        mkfifo(out);

        assertThatIllegalArgumentException().isThrownBy(() -> target.write(WORKBOOK))
                .withMessageContaining("is not a regular file");
        assertThat(Files.readAttributes(out, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isOther()).isTrue();
        assertThat(entries()).containsExactly("out.xlsx");
    }

    @Test
    void aDirectoryThatAppearsIsRefusedAndNoTempFileStays() throws Exception {
        Path out = dir.resolve("out.xlsx");
        ExportTarget target = ExportTarget.checked(out, false);
        Files.createDirectory(out);

        assertThatIllegalArgumentException().isThrownBy(() -> target.write(WORKBOOK))
                .withMessageContaining("is a directory; give a file name");
        assertThat(entries()).containsExactly("out.xlsx");
        assertThat(out).isEmptyDirectory();
    }

    @Test
    void aFileThatAppearsIsNotOverwrittenWithoutForce() throws Exception {
        Path out = dir.resolve("out.xlsx");
        ExportTarget target = ExportTarget.checked(out, false);
        Files.writeString(out, "someone else's");

        assertThatIllegalArgumentException().isThrownBy(() -> target.write(WORKBOOK))
                .withMessage("--out " + out + " already exists; give --force to replace it");
        assertThat(out).hasContent("someone else's");
        assertThat(entries()).containsExactly("out.xlsx");
    }

    @Test
    void withForceAnExistingFileIsReplacedWhole() throws Exception {
        Path out = Files.writeString(dir.resolve("out.xlsx"), "an older export, longer than the new one");

        ExportTarget.checked(out, true).write(WORKBOOK);

        assertThat(out).hasBinaryContent(WORKBOOK);
        assertThat(entries()).containsExactly("out.xlsx");
    }

    @Test
    void aNewFileIsWrittenIntoFoldersCreatedForIt() {
        Path out = dir.resolve("a/b/out.xlsx");

        ExportTarget.checked(out, false).write(WORKBOOK);

        assertThat(out).hasBinaryContent(WORKBOOK);
    }

    @Test
    void anExportThatFailsHalfWayLeavesNeitherItsTempFileNorTheTargetAndKeepsAnOlderOne() throws Exception {
        Path out = Files.writeString(dir.resolve("out.csv"), "the older export");

        assertThatThrownBy(() -> ExportTarget.checked(out, true).write(stream -> {
            stream.write(new byte[200_000]);
            throw new IllegalStateException("the database went away");
        })).hasMessage("the database went away");

        assertThat(out).hasContent("the older export");
        assertThat(entries()).containsExactly("out.csv");
    }

    @Test
    void aFolderIsRefusedWithAFileNameOfTheFormatAsTheExample() throws Exception {
        assertThatIllegalArgumentException().isThrownBy(() -> ExportTarget.checked(dir, false, "audit.ocsf.json"))
                .withMessageContaining("is a directory; give a file name, e.g. --out=" + dir.resolve("audit.ocsf.json"));
    }

    @Test
    void aFolderThatCannotBeCreatedIsAnIoFailure() throws Exception {
        Files.writeString(dir.resolve("file"), "not a folder");
        Path out = dir.resolve("file/out.xlsx");

        assertThatThrownBy(() -> ExportTarget.checked(out, false).write(WORKBOOK))
                .isInstanceOf(UncheckedIOException.class).hasMessage("cannot write " + out + ": Not a directory");
        assertThat(entries()).containsExactly("file");
    }

    static boolean isCharacterDevice(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        return (mode & 0170000) == 0020000;
    }

    static void mkfifo(Path path) throws Exception {
        assertThat(new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor()).isZero();
    }

    private java.util.List<String> entries() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
