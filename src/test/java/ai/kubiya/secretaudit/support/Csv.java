package ai.kubiya.secretaudit.support;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader, strict where the export must be: records end in CRLF, a quoted field may hold commas,
 * CR, LF and doubled quotes, and a quote anywhere else, or a lone CR or LF outside quotes, is an error.
 */
public final class Csv {

    private Csv() {
    }

    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                i = quoted(text, i + 1, field);
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += 2;
            } else if (c == '"' || c == '\r' || c == '\n') {
                throw new AssertionError("a bare " + (int) c + " outside quotes at " + i);
            } else {
                field.append(c);
                i++;
            }
        }
        if (!record.isEmpty() || !field.isEmpty()) {
            throw new AssertionError("the last record does not end in CRLF");
        }
        return records;
    }

    /** Reads a quoted field from {@code start} (after its opening quote); returns the index after the closing one. */
    private static int quoted(String text, int start, StringBuilder field) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                field.append('"');
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                field.append(c);
                i++;
            }
        }
        throw new AssertionError("a quoted field is not closed");
    }
}
