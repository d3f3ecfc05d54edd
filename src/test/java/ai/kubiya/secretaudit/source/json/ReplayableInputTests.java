package ai.kubiya.secretaudit.source.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bytes put back are read again first, and the input knows whether the last byte it gave was a closing quote. */
class ReplayableInputTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"ab\"|true", "\"ab\\\"|false", "\"ab\\\\\"|true", "\"ab\\\\\\\"|false",
            "\"ab|false", "\"|true", "\"\\\\|false"})
    void aQuoteCountsAsClosingUnlessAnOddRunOfBackslashesComesBeforeIt(String text, boolean closing)
            throws IOException {
        // given
        ReplayableInput input = input(text);

        // when
        input.readAllBytes();

        // then
        assertThat(input.lastWasUnescapedQuote()).isEqualTo(closing);
    }

    @Test
    void runsOfBackslashesLongerThanWhatIsRememberedAreStillCounted() throws IOException {
        // given: far more than the 65,536 bytes remembered, read one byte and a few thousand at a time
        ReplayableInput even = input("\"" + "\\".repeat(200_000) + "\"");
        ReplayableInput odd = input("\"" + "\\".repeat(200_001) + "\"");

        // when
        even.read();
        even.readAllBytes();
        odd.readAllBytes();

        // then
        assertThat(even.lastWasUnescapedQuote()).isTrue();
        assertThat(odd.lastWasUnescapedQuote()).isFalse();
    }

    @Test
    void bytesTakenBackAreReadAgainAndTheirQuotesCountedAgain() throws IOException {
        // given
        ReplayableInput input = input("\"a\\\\\"b");
        input.readNBytes(5);
        byte[] last = {'\\', '"'};

        // when
        input.unread(last);

        // then: the byte before the two taken back was a backslash, itself escaped
        assertThat(input.lastWasUnescapedQuote()).isFalse();
        assertThat(input.readNBytes(2)).isEqualTo(last);
        assertThat(input.lastWasUnescapedQuote()).isTrue();
        assertThat(input.readAllBytes()).containsExactly('b');
    }

    @Test
    void bytesPutBackComeFirstAndCountAsNew() throws IOException {
        // given
        ReplayableInput input = input("\"x\"]");
        input.readNBytes(3);

        // when
        input.putBack("[0".getBytes(StandardCharsets.US_ASCII));

        // then
        assertThat(new String(input.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("[0]");
        assertThat(input.lastWasUnescapedQuote()).isFalse();
    }

    @Test
    void skippedBytesAreRememberedToo() throws IOException {
        // given
        ReplayableInput input = input("ab\"c");

        // when
        long skipped = input.skip(3);

        // then
        assertThat(skipped).isEqualTo(3);
        assertThat(input.lastWasUnescapedQuote()).isTrue();
    }

    @Test
    void takingBackMoreThanWasGivenOrIsRememberedIsRefused() throws IOException {
        // given
        ReplayableInput input = input("x".repeat(70_000));
        input.readNBytes(10);

        // when / then
        assertThatThrownBy(() -> input.unread(new byte[11])).isInstanceOf(IllegalStateException.class);
        input.readAllBytes();
        assertThatThrownBy(() -> input.unread(new byte[65_536])).isInstanceOf(IllegalStateException.class);
    }

    private static ReplayableInput input(String text) {
        return new ReplayableInput(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
