package ai.kubiya.secretaudit.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch folders under the build's temp dir (surefire points {@code java.io.tmpdir} into {@code target/}). */
public final class TestFiles {

    private TestFiles() {
    }

    public static Path directory(String prefix) {
        try {
            return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
