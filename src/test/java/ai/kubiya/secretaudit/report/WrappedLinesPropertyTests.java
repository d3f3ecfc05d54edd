package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** A wrapped row is never counted shorter than its text needs, nor taller than one line a word. */
class WrappedLinesPropertyTests {

    @Property(tries = 2000)
    void theLinesCountedHoldEveryCharacterAndNoMoreLinesThanWordsNeed(
            @ForAll("texts") String text, @ForAll @IntRange(min = 2, max = 120) int width) {
        int capacity = (int) (width * WrappedLines.CHARACTERS_PER_WIDTH) - 1;
        int lines = WrappedLines.count(text, width);

        assertThat(lines).isBetween(1, WrappedLines.MAX_LINES);
        long printed = text.chars().filter(c -> c != ' ' && c != '\n').count();
        if (lines < WrappedLines.MAX_LINES) {
            assertThat((long) lines * capacity).as("room for every character").isGreaterThanOrEqualTo(printed);
            int wordLines = 0;
            for (String line : text.split("\n", -1)) {
                for (String word : line.trim().split(" +")) {
                    wordLines += Math.max(1, (word.length() + capacity - 1) / capacity);
                }
            }
            assertThat(lines).as("at most a line per word (long words broken)").isLessThanOrEqualTo(wordLines);
        }
    }

    @Example
    void aRotationMessageTakesTwoLinesOfTheMessageColumn() {
        assertThat(WrappedLines.count("token last rotated 160 days ago; policy allows 60 days; rotation was due"
                + " 2025-02-21", 50)).isEqualTo(2);
        assertThat(WrappedLines.count("not used for 120 days; policy allows 90 days", 50)).isEqualTo(1);
        assertThat(WrappedLines.count("line1\nline2", 50)).isEqualTo(2);
        assertThat(WrappedLines.count("m".repeat(40_000), 50)).isEqualTo(WrappedLines.MAX_LINES);
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars("abcdefghij -;:0123456789\n").ofMaxLength(400);
    }
}
