package ai.kubiya.secretaudit.source.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.SourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class JsonInventoryReaderTests {

    private static final String SOURCE = "file:/tmp/inventory.json";
    private static final String SECRET_VALUE = "s3cr3t-VALUE-that-must-never-be-held";

    @Test
    void readsEveryKnownField() {
        // given
        String json = """
                [{"name": "prod-datadog-api-key", "type": "api_key", "scope": "org",
                  "description": "Datadog key", "integration": "datadog",
                  "created_at": "2024-01-15T10:00:00Z", "created_by": "alice.smith@acme.example",
                  "last_used": "2024-06-01T08:30:00+02:00", "rotated_at": "2024-03-01",
                  "updated_at": "2024-04-01T12:00:00", "expires_at": "2025-01-01T00:00:00Z"}]
                """;

        // when
        List<SecretMetadata> records = readAll(json);

        // then
        assertThat(records).containsExactly(new SecretMetadata(0, "prod-datadog-api-key", "api_key", "org",
                "Datadog key", "datadog", "alice.smith@acme.example",
                Instant.parse("2024-01-15T10:00:00Z"), Instant.parse("2024-06-01T06:30:00Z"),
                Instant.parse("2024-03-01T00:00:00Z"), Instant.parse("2024-04-01T12:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z"), List.of()));
    }

    @Test
    void keepsStringsAsGivenAndStripsOnlyTimestamps() {
        // given
        String json = """
                [{"name": " spaced name ", "type": "API Key", "created_at": "  2024-01-15T10:00:00Z\\n"}]
                """;

        // when
        SecretMetadata record = readAll(json).get(0);

        // then
        assertThat(record.name()).isEqualTo(" spaced name ");
        assertThat(record.type()).isEqualTo("API Key");
        assertThat(record.createdAt()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
        assertThat(record.problems()).isEmpty();
    }

    @Test
    void skipsUnknownFieldsAndNeverKeepsTheValue() {
        // given
        String json = """
                [{"id": 17, "value": "%1$s", "labels": {"env": "prod", "nested": [1, {"value": "%1$s"}]},
                  "name": "github-api-token", "tags": ["a", "b"], "secret": {"value": "%1$s"},
                  "enabled": true, "type": "token"}]
                """.formatted(SECRET_VALUE);

        // when
        List<SecretMetadata> records = readAll(json);

        // then
        assertThat(records).hasSize(1);
        SecretMetadata record = records.get(0);
        assertThat(record.name()).isEqualTo("github-api-token");
        assertThat(record.type()).isEqualTo("token");
        assertThat(record.problems()).isEmpty();
        assertThat(record.toString()).doesNotContain(SECRET_VALUE).doesNotContain("s3cr3t");
    }

    @Test
    void reportsKnownFieldsOfTheWrongType() {
        // given
        String json = """
                [{"name": 42, "type": {"kind": "token"}, "scope": ["org"], "created_by": true,
                  "created_at": 1700000000, "integration": "github"}]
                """;

        // when
        SecretMetadata record = readAll(json).get(0);

        // then
        assertThat(record.name()).isNull();
        assertThat(record.type()).isNull();
        assertThat(record.scope()).isNull();
        assertThat(record.createdBy()).isNull();
        assertThat(record.createdAt()).isNull();
        assertThat(record.integration()).isEqualTo("github");
        assertThat(record.problems()).containsExactly(
                "name: expected a string but found a number",
                "type: expected a string but found an object",
                "scope: expected a string but found an array",
                "created_by: expected a string but found a boolean",
                "created_at: expected a string but found a number");
        assertThat(record.hasProblemWith("created_at")).isTrue();
    }

    @Test
    void reportsUnparseableTimestampsWithoutQuotingThem() {
        // given
        String longValue = "x".repeat(200);
        String json = """
                [{"name": "n", "created_at": "last tuesday", "expires_at": "%s"}]
                """.formatted(longValue);

        // when
        SecretMetadata record = readAll(json).get(0);

        // then
        assertThat(record.createdAt()).isNull();
        assertThat(record.expiresAt()).isNull();
        assertThat(record.problems()).containsExactly(
                "created_at: not an ISO-8601 timestamp (such as 2026-11-26T10:00:00Z or 2026-11-26)",
                "expires_at: not an ISO-8601 timestamp (such as 2026-11-26T10:00:00Z or 2026-11-26)");
    }

    @Test
    void readsNullAndEmptyTimestampsAsAbsent() {
        // given
        String json = """
                [{"name": null, "type": null, "created_at": null, "last_used": "", "rotated_at": "   "}]
                """;

        // when
        SecretMetadata record = readAll(json).get(0);

        // then
        assertThat(record).isEqualTo(new SecretMetadata(0, null, null, null, null, null, null,
                null, null, null, null, null, List.of()));
        assertThat(record.isMalformed()).isTrue();
    }

    @Test
    void turnsElementsThatAreNotObjectsIntoMalformedRecords() {
        // given
        String json = """
                ["just-a-name", 12, [{"name": "inner"}], null, true, {"name": "real"}]
                """;

        // when
        List<SecretMetadata> records = readAll(json);

        // then
        assertThat(records).extracting(SecretMetadata::position).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(records.subList(0, 5)).extracting(r -> r.problems().get(0)).containsExactly(
                "record: expected a JSON object but found a string",
                "record: expected a JSON object but found a number",
                "record: expected a JSON object but found an array",
                "record: expected a JSON object but found null",
                "record: expected a JSON object but found a boolean");
        assertThat(records.subList(0, 5)).allSatisfy(r -> assertThat(r.name()).isNull());
        assertThat(records.get(5).name()).isEqualTo("real");
    }

    @Test
    void readsAnEmptyArray() {
        // when
        List<SecretMetadata> records = readAll(" [ ] ");

        // then
        assertThat(records).isEmpty();
    }

    @Test
    void rejectsATopLevelValueThatIsNotAnArray() {
        // given
        String json = """
                {"secrets": [{"name": "a"}]}
                """;

        // when / then
        assertThatThrownBy(() -> readAll(json))
                .isInstanceOf(SourceException.class)
                .hasMessage(SOURCE + " is not a JSON array (it starts with an object)");
    }

    @Test
    void rejectsEmptyInput() {
        // when / then
        assertThatThrownBy(() -> readAll("  \n"))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith(SOURCE + " is empty");
    }

    @Test
    void rejectsTruncatedInputWithItsLocationButNotItsContent() {
        // given
        String json = "[{\"name\": \"a\"},\n {\"name\": \"b\", \"value\": \"" + SECRET_VALUE;

        // when / then
        assertThatThrownBy(() -> readAll(json))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith(SOURCE + " is truncated")
                .hasMessageContaining("line 2, column")
                .hasMessageNotContaining("s3cr3t")
                .hasNoCause();
    }

    @Test
    void rejectsInvalidJsonWithoutQuotingIt() {
        // given
        String json = "[{\"name\": \"a\"},\n{\"name\": \"b\", \"value\": " + SECRET_VALUE + "}]";

        // when / then
        assertThatThrownBy(() -> readAll(json))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith(SOURCE + " is not valid JSON at line 2, column")
                .hasMessageNotContaining("s3cr3t")
                .hasNoCause();
    }

    @Test
    void reportsAStreamThatFailsMidway() {
        // given
        InputStream failing = new InputStream() {
            private final InputStream start = stream("[{\"name\": \"a\"}, {\"name\": \"b\"}, ");

            @Override
            public int read() throws IOException {
                int next = start.read();
                if (next < 0) {
                    throw new IOException("connection reset");
                }
                return next;
            }
        };

        // when / then
        assertThatThrownBy(() -> readAll(failing))
                .isInstanceOf(SourceException.class)
                .hasMessage("cannot read " + SOURCE + ": connection reset")
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void rejectsContentAfterTheArray() {
        // when / then
        assertThatThrownBy(() -> readAll("[{\"name\": \"a\"}] [{\"name\": \"b\"}]"))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith(SOURCE + " has content after the JSON array");
    }

    @Test
    void closesTheStreamWithTheCursor() {
        // given
        TrackingStream in = new TrackingStream("[{\"name\": \"a\"}, {\"name\": \"b\"}]");

        // when
        try (SecretCursor cursor = JsonInventoryReader.read(in, SOURCE)) {
            cursor.next();
        }

        // then
        assertThat(in.closed).isTrue();
    }

    @Test
    void closesTheStreamWhenTheInputIsRejected() {
        // given
        TrackingStream in = new TrackingStream("{}");

        // when
        assertThatThrownBy(() -> JsonInventoryReader.read(in, SOURCE)).isInstanceOf(SourceException.class);

        // then
        assertThat(in.closed).isTrue();
    }

    @Test
    void endsWithNoSuchElement() {
        // given
        SecretCursor cursor = JsonInventoryReader.read(stream("[{\"name\": \"a\"}]"), SOURCE);
        cursor.next();

        // when / then
        assertThat(cursor.hasNext()).isFalse();
        assertThat(cursor.hasNext()).isFalse();
        assertThatThrownBy(cursor::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void streamsAHugeArrayWithoutReadingItAllFirst() {
        // given
        int elements = 200_000;
        GeneratedArrayStream in = new GeneratedArrayStream(elements);

        // when
        long count = 0;
        long lastPosition = -1;
        long generatedWhenFirstRead;
        try (SecretCursor cursor = JsonInventoryReader.read(in, SOURCE)) {
            SecretMetadata first = cursor.next();
            generatedWhenFirstRead = in.generated;
            assertThat(first.name()).isEqualTo("secret-0");
            count++;
            while (cursor.hasNext()) {
                SecretMetadata record = cursor.next();
                assertThat(record.problems()).isEmpty();
                lastPosition = record.position();
                count++;
            }
        }

        // then
        assertThat(count).isEqualTo(elements);
        assertThat(lastPosition).isEqualTo(elements - 1);
        assertThat(generatedWhenFirstRead).isLessThan(1_000);
        assertThat(in.generated).isEqualTo(elements);
    }

    private static List<SecretMetadata> readAll(String json) {
        return readAll(stream(json));
    }

    private static List<SecretMetadata> readAll(InputStream in) {
        List<SecretMetadata> records = new ArrayList<>();
        try (SecretCursor cursor = JsonInventoryReader.read(in, SOURCE)) {
            cursor.forEachRemaining(records::add);
        }
        return records;
    }

    private static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final class TrackingStream extends ByteArrayInputStream {

        boolean closed;

        TrackingStream(String json) {
            super(json.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }

    /** Makes the bytes of a JSON array one element at a time, as they are read. */
    private static final class GeneratedArrayStream extends InputStream {

        private final int elements;
        private byte[] chunk = "[".getBytes(StandardCharsets.UTF_8);
        private int offset;
        private boolean ended;
        int generated;

        GeneratedArrayStream(int elements) {
            this.elements = elements;
        }

        @Override
        public int read() {
            if (offset == chunk.length && !refill()) {
                return -1;
            }
            return chunk[offset++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int from, int length) {
            if (length == 0) {
                return 0;
            }
            if (offset == chunk.length && !refill()) {
                return -1;
            }
            int n = Math.min(length, chunk.length - offset);
            System.arraycopy(chunk, offset, buffer, from, n);
            offset += n;
            return n;
        }

        private boolean refill() {
            String next;
            if (generated < elements) {
                next = (generated == 0 ? "" : ",") + "{\"name\":\"secret-" + generated
                        + "\",\"type\":\"token\",\"value\":\"" + SECRET_VALUE
                        + "\",\"created_at\":\"2024-01-01T00:00:00Z\"}";
                generated++;
            } else if (!ended) {
                next = "]";
                ended = true;
            } else {
                return false;
            }
            chunk = next.getBytes(StandardCharsets.UTF_8);
            offset = 0;
            return true;
        }
    }
}
