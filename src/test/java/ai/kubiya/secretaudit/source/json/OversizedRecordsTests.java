package ai.kubiya.secretaudit.source.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.SourceException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record that breaks one of the parser's limits — 10,000-deep nesting, a 1,001-digit number, a string or a
 * field name too long — is one malformed record, and the records after it are read as if it were not there.
 */
class OversizedRecordsTests {

    private static final String SOURCE = "file:/tmp/inventory.json";
    private static final String SECRET_VALUE = "s3cr3t-VALUE-that-must-never-be-held";
    private static final String DEEP = "[".repeat(10_000) + "]".repeat(10_000);
    private static final String LONG_NUMBER = "1".repeat(1_001);

    @Test
    void deepNestingInAnUnknownFieldMakesThatRecordMalformedAndTheNextOneIsRead() {
        // given
        String json = "[{\"name\": \"a\"}, {\"name\": \"b\", \"labels\": " + DEEP + ", \"type\": \"token\"},"
                + " {\"name\": \"c\", \"type\": \"token\"}]";

        // when
        List<SecretMetadata> records = readAll(json);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly("a", null, "c");
        assertThat(records.get(1).isMalformed()).isTrue();
        assertThat(records.get(1).position()).isEqualTo(1);
        assertThat(records.get(1).problems())
                .containsExactly("record: nested deeper than 500 levels; the rest of the record was skipped unread");
        assertThat(records.get(2).type()).isEqualTo("token");
        assertThat(records.get(2).position()).isEqualTo(2);
    }

    @Test
    void anElementThatIsItselfDeeplyNestedIsMalformed() {
        // when
        List<SecretMetadata> records = readAll("[" + DEEP + ", {\"name\": \"after\"}]");

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly(null, "after");
        assertThat(records.get(0).problems()).singleElement().asString().startsWith("record: nested deeper than 500");
    }

    @Test
    void aThousandAndOneDigitNumberAnywhereMakesOnlyItsRecordMalformed() {
        // given: in an unknown field, in a known one, as the last field, and as an element
        String json = "[{\"name\": \"a\", \"id\": " + LONG_NUMBER + ", \"type\": \"token\"},"
                + " {\"name\": \"b\", \"created_at\": " + LONG_NUMBER + "},"
                + " {\"name\": \"c\", \"size\": -" + LONG_NUMBER + ".5e7},"
                + " " + LONG_NUMBER + ","
                + " {\"name\": \"d\"}]";

        // when
        List<SecretMetadata> records = readAll(json);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly(null, null, null, null, "d");
        assertThat(records).extracting(SecretMetadata::position).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(records.subList(0, 4)).allSatisfy(record -> assertThat(record.problems()).containsExactly(
                "record: a number longer than 1000 digits; the rest of the record was skipped unread"));
    }

    @Test
    void aHundredMegabyteValueInAnUnknownFieldIsSkippedUnread() {
        // given
        InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
                stream("[{\"name\": \"a\", \"value\": \""), new RepeatingStream('v', 100_000_000),
                stream("\", \"type\": \"token\"}, {\"name\": \"b\"}]"))));

        // when
        List<SecretMetadata> records = readAll(in);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly("a", "b");
        assertThat(records.get(0).type()).isEqualTo("token");
        assertThat(records.get(0).problems()).isEmpty();
    }

    @Test
    void aHundredMegabyteValueInAKnownFieldMakesThatRecordMalformed() {
        // given
        InputStream in = new SequenceInputStream(Collections.enumeration(List.of(
                stream("[{\"name\": \"a\", \"description\": \""), new RepeatingStream('d', 100_000_000),
                stream("\\\"}]{[\", \"type\": \"token\"},\n {\"name\": \"b\"}]"))));

        // when
        List<SecretMetadata> records = readAll(in);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly(null, "b");
        assertThat(records.get(0).problems()).containsExactly(
                "record: a value longer than 1000000 characters; the rest of the record was skipped unread");
    }

    @Test
    void aFieldNameTooLongMakesItsRecordMalformedWhereverTheParserStoppedInIt() {
        // given: Jackson stops after a name of 60,000 bytes, but inside one of 200,000
        String json = "[{\"name\": \"a\", \"" + "k".repeat(60_000) + "\": {\"x\": \"}\"}},"
                + " {\"name\": \"b\", \"" + "k".repeat(200_000) + "\\\"[\": [\"]\"]},"
                + " {\"name\": \"c\"}]";

        // when
        List<SecretMetadata> records = readAll(json);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly(null, null, "c");
        assertThat(records.get(0).problems()).singleElement().asString()
                .startsWith("record: a field name longer than 50000 bytes");
    }

    @Test
    void brokenLimitsNeverQuoteTheRecord() {
        // given
        String json = "[{\"name\": \"a\", \"value\": \"" + SECRET_VALUE + "\", \"x\": " + DEEP + "}]";

        // when
        SecretMetadata record = readAll(json).get(0);

        // then
        assertThat(record.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void thousandsOfBrokenRecordsInARowAreReadOneByOne() {
        // given
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 5_000; i++) {
            json.append("{\"name\": \"n").append(i).append("\", \"id\": ").append(LONG_NUMBER).append("},");
        }
        json.append("{\"name\": \"last\"}]");

        // when
        List<SecretMetadata> records = readAll(json.toString());

        // then
        assertThat(records).hasSize(5_001);
        assertThat(records.subList(0, 5_000)).allMatch(SecretMetadata::isMalformed);
        assertThat(records.get(5_000).name()).isEqualTo("last");
    }

    @Test
    void errorsAfterASkippedRecordStillPointAtTheirLineAndColumn() {
        // given: a deep record on line 2, broken JSON at line 4, column 14 (CR LF line ends count once)
        String json = "[{\"name\": \"a\"},\r\n {\"name\": \"b\", \"x\": " + DEEP + "},\r\n"
                + " {\"name\": \"c\"},\n {\"name\": x}]";

        // when / then
        assertThatThrownBy(() -> readAll(json))
                .isInstanceOf(SourceException.class)
                .hasMessage(SOURCE + " is not valid JSON at line 4, column 11");
    }

    @Test
    void errorsOnTheLineOfASkippedRecordPointAtTheirColumn() {
        // given: the same line with a number one digit shorter (and a space), which the parser reads itself
        String json = "[{\"x\": " + LONG_NUMBER + "}, {\"name\": x}]";
        String withinLimits = "[{\"x\": " + LONG_NUMBER.substring(1) + " }, {\"name\": x}]";
        String expected = catchThrowable(() -> readAll(withinLimits)).getMessage();

        // when / then
        assertThat(expected).endsWith("at line 1, column " + (json.indexOf("x}]") + 1));
        assertThatThrownBy(() -> readAll(json)).isInstanceOf(SourceException.class).hasMessage(expected);
    }

    @Test
    void anInputThatEndsInsideASkippedRecordIsTruncated() {
        // when / then
        assertThatThrownBy(() -> readAll("[{\"name\": \"a\", \"x\": " + "[".repeat(600) + "\"" + SECRET_VALUE))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith(SOURCE + " is truncated: the JSON ends unexpectedly at line 1, column ")
                .hasMessageNotContaining("s3cr3t");
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

    /** {@code count} times one ASCII byte, made as it is read. */
    private static final class RepeatingStream extends InputStream {

        private final byte value;
        private long left;

        RepeatingStream(char value, long count) {
            this.value = (byte) value;
            this.left = count;
        }

        @Override
        public int read() {
            if (left == 0) {
                return -1;
            }
            left--;
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (left == 0) {
                return -1;
            }
            int n = (int) Math.min(length, left);
            java.util.Arrays.fill(buffer, offset, offset + n, value);
            left -= n;
            return n;
        }
    }
}
