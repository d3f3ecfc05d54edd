package ai.kubiya.secretaudit.source.json;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each parser limit probed just over it. Jackson checks a string's length only when its buffer grows a segment or
 * once the closing quote is read, so a value from 1,000,001 to ~1,048,575 characters stops the parser after the
 * string and a longer one inside it; numbers, names and nesting have the same two sides. Either way the record is
 * malformed and the records after it are read as if it were not there.
 */
class ParserLimitBoundaryTests {

    static final int MAX_STRING = JsonInventoryReader.LIMITS.getMaxStringLength();
    static final String VALUE_TOO_LONG =
            "record: a value longer than 1000000 characters; the rest of the record was skipped unread";
    private static final String FOLLOWING = ", {\"name\": \"b\", \"type\": \"token\"}, {\"name\": \"c\"}]";

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 10_000, 40_000, 48_575, 48_576, 48_577, 70_000})
    void aDescriptionJustOverTheLimitAsTheLastFieldIsMalformedAndTheNextRecordsAreRead(int over) {
        // when
        List<SecretMetadata> records = readAll("[{\"name\": \"a\", \"description\": \"" + "d".repeat(MAX_STRING + over)
                + "\"}" + FOLLOWING);

        // then
        assertMalformedThenFollowing(records);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 40_000})
    void aNameJustOverTheLimitAsAMiddleFieldIsMalformedAndTheNextRecordsAreRead(int over) {
        // when
        List<SecretMetadata> records = readAll("[{\"name\": \"" + "n".repeat(MAX_STRING + over)
                + "\", \"type\": \"token\", \"labels\": {\"x\": [1]}}" + FOLLOWING);

        // then
        assertMalformedThenFollowing(records);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\\\", "\\\"", "\\\\\\\"", "\\\"}, {\\\"name\\\": \\\"x\\\"}, {\\\"", "\\u0022", "é", "🔑"})
    void aValueOverTheLimitIsSkippedWhateverItEndsWith(String ending) {
        // given: escapes (a backslash, a quote, both), JSON-looking text inside the string, UTF-8 of 2 and 4 bytes
        for (int over : new int[] {1, 40_000}) {
            String value = "d".repeat(MAX_STRING + over) + ending;

            // when
            List<SecretMetadata> records = readAll("[{\"name\": \"a\", \"description\": \"" + value + "\"}"
                    + FOLLOWING);

            // then
            assertMalformedThenFollowing(records);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\\"", "\\\\", "\\u0022"})
    void aValueEndingInEscapesIsSkippedWhereverTheParserStopsInIt(String escape) {
        // given: where the parser stops inside depends on the buffer it was lent (1,045,672 or 1,048,576 characters
        // here); from 900,000 characters on, every character is an escape, so it stops right after one
        for (int length : new int[] {MAX_STRING + 1, 1_100_000}) {
            String value = "d".repeat(900_000) + escape.repeat(length - 900_000);

            // when
            List<SecretMetadata> records = readAll("[{\"name\": \"a\", \"description\": \"" + value + "\"}"
                    + FOLLOWING);

            // then
            assertMalformedThenFollowing(records);
        }
    }

    @Test
    void aValueOfExactlyTheLimitIsKept() {
        // given
        String description = "d".repeat(MAX_STRING - 1) + "\"";

        // when
        List<SecretMetadata> records = readAll("[{\"name\": \"a\", \"description\": \""
                + description.replace("\"", "\\\"") + "\"}" + FOLLOWING);

        // then
        assertThat(records.get(0).description()).isEqualTo(description);
        assertThat(records.get(0).problems()).isEmpty();
        assertThat(records).extracting(SecretMetadata::name).containsExactly("a", "b", "c");
    }

    @Test
    void aNumberOneDigitOverTheLimitIsMalformedWhereverItStands() {
        // given: an integer and a decimal of 1,001 digits, in a field and as an element; then numbers of ~1 M digits,
        // which the parser refuses once read or, from ~1,048,576 on, as the string length limit among the digits
        String digits = "7".repeat(JsonInventoryReader.LIMITS.getMaxNumberLength() + 1);
        String json = "[{\"name\": \"a\", \"id\": " + digits + "}, {\"name\": \"a\", \"id\": 0." + digits
                + ", \"type\": \"t\"}, " + digits + ", {\"id\": " + "7".repeat(MAX_STRING + 1) + "}, {\"id\": "
                + "7".repeat(MAX_STRING + 48_576) + "}" + FOLLOWING;

        // when
        List<SecretMetadata> records = readAll(json);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly(null, null, null, null, null, "b", "c");
        assertThat(records.subList(0, 5)).allSatisfy(record -> assertThat(record.problems()).containsExactly(
                "record: a number longer than 1000 digits; the rest of the record was skipped unread"));
        assertThat(records.get(5).type()).isEqualTo("token");
    }

    @Test
    void aFieldNameOneByteOverTheLimitIsMalformedAndTheNextRecordsAreRead() {
        // given: just over, and long enough that the parser stops inside it; each holds an escaped quote and a colon
        int max = JsonInventoryReader.LIMITS.getMaxNameLength();
        String json = "[{\"name\": \"a\", \"" + "k".repeat(max + 1) + "\": \"}\"}, {\"name\": \"a\", \""
                + "k".repeat(max) + "\\\"\": 1}, {\"" + "k".repeat(3 * max) + "\\\"\\\\:\": [\"]\"]}" + FOLLOWING;

        // when
        List<SecretMetadata> records = readAll(json);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly(null, null, null, "b", "c");
        assertThat(records.subList(0, 3)).allMatch(SecretMetadata::isMalformed);
    }

    @ParameterizedTest
    @ValueSource(ints = {65_535, 65_536, 65_537, 65_538})
    void aFieldNameTooLongWithAColonAndAQuoteNearWhereTheParserStoppedIsSkipped(int at) {
        // given: Jackson stops inside a name of more than 65,536 bytes, when its buffer of 16,384 quads is full
        String name = "k".repeat(at) + ":\\\"x\\\": {" + "k".repeat(100);

        // when
        List<SecretMetadata> records = readAll("[{\"" + name + "\": {\"x\": \"}\"}}" + FOLLOWING);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly(null, "b", "c");
        assertThat(records.get(0).problems()).singleElement().asString()
                .startsWith("record: a field name longer than 50000 bytes");
    }

    @Test
    void nestingOneLevelOverTheLimitIsMalformedAndTheNextRecordsAreRead() {
        // given: the array counts as a level, so an element 500 deep is 501 deep in the document
        int max = JsonInventoryReader.LIMITS.getMaxNestingDepth();
        String json = "[" + "[".repeat(max) + "]".repeat(max) + ", {\"name\": \"a\", \"x\": " + "[".repeat(max - 1)
                + "\"]\"" + "]".repeat(max - 1) + "}, {\"name\": \"kept\", \"x\": " + "[".repeat(max - 2)
                + "]".repeat(max - 2) + "}" + FOLLOWING;

        // when
        List<SecretMetadata> records = readAll(json);

        // then
        assertThat(records).extracting(SecretMetadata::name).containsExactly(null, null, "kept", "b", "c");
        assertThat(records.get(0).problems()).singleElement().asString().startsWith("record: nested deeper than 500");
        assertThat(records.get(1).isMalformed()).isTrue();
    }

    static void assertMalformedThenFollowing(List<SecretMetadata> records) {
        assertThat(records).extracting(SecretMetadata::name).containsExactly(null, "b", "c");
        assertThat(records.get(0).problems()).containsExactly(VALUE_TOO_LONG);
        assertThat(records.get(1).type()).isEqualTo("token");
        assertThat(records).extracting(SecretMetadata::position).containsExactly(0L, 1L, 2L);
    }

    static List<SecretMetadata> readAll(String json) {
        List<SecretMetadata> records = new ArrayList<>();
        try (SecretCursor cursor = JsonInventoryReader.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "file:/tmp/inventory.json")) {
            cursor.forEachRemaining(records::add);
        }
        return records;
    }
}
