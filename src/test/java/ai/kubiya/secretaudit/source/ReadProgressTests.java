package ai.kubiya.secretaudit.source;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.source.json.FileSecretSource;
import ai.kubiya.secretaudit.source.synthetic.SyntheticSecretSource;
import ai.kubiya.secretaudit.support.Inventory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How far a pass has got, as each kind of source can tell: records of a count, bytes of a file's size. */
class ReadProgressTests {

    static final Instant AS_OF = Instant.parse("2026-11-26T00:00:00Z");

    @TempDir
    Path work;

    @Test
    void aSyntheticPassCountsItsRecordsOfItsCount() {
        try (SecretCursor cursor = SyntheticSecretSource.parse("synthetic:10").open(AS_OF)) {
            assertThat(cursor.progress()).isEqualTo(new ReadProgress(0, 10, ReadProgress.Unit.RECORDS));
            for (int i = 0; i < 4; i++) {
                cursor.next();
            }
            assertThat(cursor.progress()).isEqualTo(new ReadProgress(4, 10, ReadProgress.Unit.RECORDS));
        }
    }

    @Test
    void aFilePassCountsTheBytesReadOfTheFilesSizeAndEndsAtIt() throws Exception {
        Path file = new Inventory(AS_OF).generated(2_000, "acme.example").writeTo(work.resolve("inventory.json"));
        long size = Files.size(file);

        try (SecretCursor cursor = new FileSecretSource(file, new SourceReads()).open(AS_OF)) {
            ReadProgress start = cursor.progress();
            assertThat(start.unit()).isEqualTo(ReadProgress.Unit.BYTES);
            assertThat(start.total()).isEqualTo(size);
            assertThat(start.done()).isLessThan(size);
            while (cursor.hasNext()) {
                cursor.next();
            }
            assertThat(cursor.progress().done()).isEqualTo(size);
        }
    }

    @Test
    void aCursorThatCannotTellSaysSo() {
        SecretCursor silent = new SecretCursor() {
            @Override
            public boolean hasNext() {
                return false;
            }

            @Override
            public SecretMetadata next() {
                throw new java.util.NoSuchElementException();
            }

            @Override
            public void close() {
            }
        };
        assertThat(silent.progress().totalKnown()).isFalse();
    }
}
