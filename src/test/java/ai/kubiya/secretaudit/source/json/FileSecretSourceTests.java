package ai.kubiya.secretaudit.source.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.SecretSource;
import ai.kubiya.secretaudit.source.SourceException;
import ai.kubiya.secretaudit.source.SourceReads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSecretSourceTests {

    private static final Instant AS_OF = Instant.parse("2025-06-01T00:00:00Z");

    @TempDir
    Path directory;

    @Test
    void readsTheRecordsOfAFile() throws IOException {
        // given
        Path file = directory.resolve("secrets.json");
        Files.writeString(file, """
                [{"name": "github-api-token", "type": "token", "created_at": "2025-01-01T00:00:00Z"},
                 {"name": "slack-webhook-url", "type": "url", "value": "https://hooks.example/abc"}]
                """, StandardCharsets.UTF_8);
        FileSecretSource source = new FileSecretSource(file, new SourceReads());

        // when
        List<SecretMetadata> records = readAll(source);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly("github-api-token", "slack-webhook-url");
        assertThat(records.get(0).createdAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(records.get(1).toString()).doesNotContain("hooks.example");
    }

    @Test
    void readsTheFileAgainOnEveryOpen() throws IOException {
        // given
        Path file = directory.resolve("secrets.json");
        Files.writeString(file, "[{\"name\": \"a\"}, {\"name\": \"b\"}]");
        FileSecretSource source = new FileSecretSource(file, new SourceReads());

        // when
        List<SecretMetadata> first = readAll(source);
        List<SecretMetadata> second = readAll(source);

        // then
        assertThat(second).isEqualTo(first).hasSize(2);
    }

    @Test
    void readsANamedPipeAsWhenAnInventoryIsPipedIn() throws Exception {
        // given: a FIFO (as /dev/stdin is when `curl … | run --source=file:/dev/stdin`), written by another thread
        Path fifo = directory.resolve("secrets.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        Thread writer = new Thread(() -> {
            try {
                Files.writeString(fifo, "[{\"name\": \"a\"}, {\"name\": \"b\"}]");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();

        // when
        List<SecretMetadata> records = readAll(new FileSecretSource(fifo, new SourceReads()));

        // then
        writer.join(10_000);
        assertThat(records).extracting(SecretMetadata::name).containsExactly("a", "b");
    }

    @Test
    void describesItselfByPath() {
        // given
        Path file = directory.resolve("secrets.json");

        // when / then
        assertThat(new FileSecretSource(file, new SourceReads()).describe()).isEqualTo("file:" + file);
    }

    @Test
    void failsClearlyWhenTheFileIsMissing() {
        // given
        Path missing = directory.resolve("missing.json");
        FileSecretSource source = new FileSecretSource(missing, new SourceReads());

        // when / then
        assertThatThrownBy(() -> source.open(AS_OF))
                .isInstanceOf(SourceException.class)
                .hasMessage("cannot read inventory file " + missing + ": no such file");
    }

    @Test
    void failsClearlyWhenThePathIsADirectory() {
        // given
        FileSecretSource source = new FileSecretSource(directory, new SourceReads());

        // when / then
        assertThatThrownBy(() -> source.open(AS_OF))
                .isInstanceOf(SourceException.class)
                .hasMessage("cannot read inventory file " + directory + ": it is a directory");
    }

    @Test
    void namesTheFileWhenItIsNotAnArray() throws IOException {
        // given
        Path file = directory.resolve("object.json");
        Files.writeString(file, "{\"name\": \"a\"}");
        FileSecretSource source = new FileSecretSource(file, new SourceReads());

        // when / then
        assertThatThrownBy(() -> source.open(AS_OF))
                .isInstanceOf(SourceException.class)
                .hasMessage("file:" + file + " is not a JSON array (it starts with an object)");
    }

    private static List<SecretMetadata> readAll(SecretSource source) {
        List<SecretMetadata> records = new ArrayList<>();
        try (SecretCursor cursor = source.open(AS_OF)) {
            cursor.forEachRemaining(records::add);
        }
        return records;
    }
}
