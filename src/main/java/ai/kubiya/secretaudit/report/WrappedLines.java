package ai.kubiya.secretaudit.report;

import org.apache.poi.ss.usermodel.Row;

/**
 * How many lines a wrapped cell needs, so its row can be given that height. Neither SXSSF nor the spreadsheets
 * size such rows for us: LibreOffice 7.4 printed the 250-secret workbook with every wrapped Message overlapping
 * the rows below it. Counted by greedy word wrap at one character less than the column width (in characters of
 * the default font, see {@link #CHARACTERS_PER_WIDTH}), which errs towards a line too many rather than a clipped
 * one.
 */
final class WrappedLines {

    /** Excel's and LibreOffice's default row height for the default font, Calibri 11. */
    static final float LINE_POINTS = 15f;
    /**
     * A column's width counts digits; text averages narrower. Measured in LibreOffice's PDF of the synthetic
     * workbook: a 36-wide column held 54 characters of ROTATION's Controls a line, a 50-wide one 66 of a Message.
     * 1.2 keeps a margin for capitals and wider fonts.
     */
    static final double CHARACTERS_PER_WIDTH = 1.2;
    /** Beyond this a row is capped: a 32,767-character cell would otherwise be pages tall. */
    static final int MAX_LINES = 20;

    private WrappedLines() {
    }

    /** Makes {@code row} tall enough for {@code lines} lines; a single line keeps the default height. */
    static void fit(Row row, int lines) {
        if (lines > 1) {
            row.setHeightInPoints(lines * LINE_POINTS);
        }
    }

    static int count(String text, int widthInCharacters) {
        if (text == null) {
            return 1;
        }
        int capacity = Math.max(1, (int) (widthInCharacters * CHARACTERS_PER_WIDTH) - 1);
        int lines = 1;
        int used = 0;
        int i = 0;
        while (i < text.length() && lines < MAX_LINES) {
            char c = text.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            if (c == '\n') {
                lines++;
                used = 0;
                i++;
                continue;
            }
            int word = wordEnd(text, i) - i;
            if (used > 0 && used + 1 + word <= capacity) {
                used += 1 + word;
            } else {
                lines += used > 0 ? 1 : 0;
                lines += (word - 1) / capacity; // a word longer than the line is broken, as spreadsheets do
                used = (word - 1) % capacity + 1;
            }
            i += word;
        }
        return Math.min(lines, MAX_LINES);
    }

    private static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length() && text.charAt(i) != ' ' && text.charAt(i) != '\n') {
            i++;
        }
        return i;
    }
}
