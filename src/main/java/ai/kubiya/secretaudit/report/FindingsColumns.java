package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.finding.FindingRow;
import java.util.List;
import java.util.function.Function;

/**
 * The Findings sheet's columns for the formats that are not XLSX ({@code export}: CSV, JSON, OCSF), read from
 * {@link FindingsLayout}, so that a column added to the sheet is exported by every format without a second list;
 * and the workbook's rule for text a spreadsheet could run as a formula ({@link CellWriter}), for the CSV.
 */
public final class FindingsColumns {

    /**
     * @param value a {@code String} (enum constants by name), a {@code Status}, a {@code Number}, a {@code LocalDate}
     *              or an {@code Instant}, or null
     */
    public record Column(String title, Function<FindingRow, ?> value) {
    }

    private static final List<Column> COLUMNS = FindingsLayout.TABLE.columns().stream()
            .map(column -> new Column(column.title(), column.value())).toList();

    private FindingsColumns() {
    }

    /** In the sheet's order. */
    public static List<Column> all() {
        return COLUMNS;
    }

    /** The text as a cell of the workbook holds it ({@link CellWriter#clean}). */
    public static String cellText(String value) {
        return CellWriter.clean(value);
    }

    /** Whether the workbook writes this {@link #cellText} with a quote prefix, so that it stays text. */
    public static boolean mightBeFormula(String cellText) {
        return CellWriter.mightBeFormula(cellText);
    }
}
