package ai.kubiya.secretaudit.source.json;

import static ai.kubiya.secretaudit.source.json.ParserLimitBoundaryTests.MAX_STRING;
import static ai.kubiya.secretaudit.source.json.ParserLimitBoundaryTests.assertMalformedThenFollowing;
import static ai.kubiya.secretaudit.source.json.ParserLimitBoundaryTests.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The string length limit, probed around it: a value of at most 1,000,000 characters is kept whole, a longer one
 * makes its record malformed, and the records after it are read whether the parser stopped inside the value or
 * after it. The last 100,000 characters are made of the texts that could mislead the skipping (escaped quotes and
 * backslashes, JSON inside the string, 2- and 4-byte UTF-8), so that wherever the parser stops it is next to one.
 */
class StringLengthLimitPropertyTests {

    private static final List<String> TAILS = List.of("d", "\\\"", "\\\\", "\\\\\\\"", "\\\"}, {\\\"name\\\": 1}",
            "\\u0022", "é", "🔑", "]}");

    @Property(tries = 40)
    void aValueIsKeptUpToTheLimitAndMakesOnlyItsRecordMalformedBeyond(
            @ForAll @IntRange(min = -2, max = 70_000) int over, @ForAll("tails") String tail,
            @ForAll boolean lastField) {
        // given: a description of exactly MAX_STRING + over characters (as Java and Jackson count them)
        String value = value(MAX_STRING + over, tail);
        String record = lastField
                ? "{\"name\": \"a\", \"description\": \"" + value + "\"}"
                : "{\"name\": \"a\", \"description\": \"" + value + "\", \"type\": \"token\", \"x\": [\"]\"]}";

        // when
        List<SecretMetadata> records = readAll("[" + record + ", {\"name\": \"b\", \"type\": \"token\"},"
                + " {\"name\": \"c\"}]");

        // then
        if (over <= 0) {
            assertThat(records).extracting(SecretMetadata::name).containsExactly("a", "b", "c");
            assertThat(records.get(0).description()).hasSize(MAX_STRING + over);
        } else {
            assertMalformedThenFollowing(records);
        }
    }

    @Provide
    Arbitrary<String> tails() {
        return Arbitraries.of(TAILS);
    }

    /** {@code length} characters of JSON string content, decoded: plain text, then {@code tail} over and over. */
    private static String value(int length, String tail) {
        int tailLength = decodedLength(tail);
        int repeats = Math.min(100_000, length) / tailLength;
        return "d".repeat(length - repeats * tailLength) + tail.repeat(repeats);
    }

    private static int decodedLength(String json) {
        String inArray = "[\"" + json + "\"]";
        return tools.jackson.databind.json.JsonMapper.shared().readValue(inArray, String[].class)[0].length();
    }
}
