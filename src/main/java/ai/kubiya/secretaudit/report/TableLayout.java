package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;

/**
 * The columns of a table sheet (title, width, kind of cell, value), shared by every workbook that shows it,
 * whether POI writes it ({@link CellWriter}) or {@link XlsxStream} does.
 */
record TableLayout<T>(String sheetName, List<Column<T>> columns) {

    TableLayout {
        columns = List.copyOf(columns);
    }

    List<String> titles() {
        return columns.stream().map(Column::title).toList();
    }

    /** The name of the {@code index}-th sheet (from 1) of a table too long for one. */
    String sheetName(int index) {
        return index == 1 ? sheetName : sheetName + " (" + index + ")";
    }

    /** Fills the row, and makes it as tall as its longest wrapped text needs. */
    void fill(Row row, T item, CellWriter cells) {
        int lines = 1;
        for (int i = 0; i < columns.size(); i++) {
            Column<T> column = columns.get(i);
            column.fill(cells, row, i, item);
            if (column.kind() == Kind.WRAPPED_TEXT) {
                lines = Math.max(lines, WrappedLines.count((String) column.value().apply(item), column.width()));
            }
        }
        WrappedLines.fit(row, lines);
    }

    void fill(XlsxStream.Sheet sheet, T item) {
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).fill(sheet, i, item);
        }
    }

    /** WRAPPED_TEXT breaks long text within its column (top-aligned), so a printed page keeps it whole. */
    enum Kind { TEXT, WRAPPED_TEXT, STATUS, SEVERITY, NUMBER, DATE, DATE_TIME }

    /** @param width in characters of the default font */
    record Column<T>(String title, int width, Kind kind, Function<T, ?> value) {

        static <T> Column<T> text(String title, int width, Function<T, String> value) {
            return new Column<>(title, width, Kind.TEXT, value);
        }

        static <T> Column<T> wrapped(String title, int width, Function<T, String> value) {
            return new Column<>(title, width, Kind.WRAPPED_TEXT, value);
        }

        static <T> Column<T> severity(String title, int width, Function<T, Severity> value) {
            return new Column<>(title, width, Kind.SEVERITY, value);
        }

        static <T> Column<T> name(String title, int width, Function<T, Enum<?>> value) {
            return text(title, width, item -> {
                Enum<?> constant = value.apply(item);
                return constant == null ? null : constant.name();
            });
        }

        static <T> Column<T> status(String title, int width, Function<T, Status> value) {
            return new Column<>(title, width, Kind.STATUS, value);
        }

        static <T> Column<T> number(String title, int width, Function<T, Number> value) {
            return new Column<>(title, width, Kind.NUMBER, value);
        }

        static <T> Column<T> date(String title, int width, Function<T, LocalDate> value) {
            return new Column<>(title, width, Kind.DATE, value);
        }

        static <T> Column<T> dateTime(String title, int width, Function<T, Instant> value) {
            return new Column<>(title, width, Kind.DATE_TIME, value);
        }

        void fill(CellWriter cells, Row row, int column, T item) {
            Object cell = value.apply(item);
            switch (kind) {
                case TEXT -> cells.text(row, column, (String) cell);
                case WRAPPED_TEXT -> cells.wrappedText(row, column, (String) cell);
                case STATUS -> cells.status(row, column, (Status) cell);
                case SEVERITY -> cells.severity(row, column, (Severity) cell);
                case NUMBER -> cells.number(row, column, (Number) cell);
                case DATE -> cells.date(row, column, (LocalDate) cell);
                case DATE_TIME -> cells.dateTime(row, column, (Instant) cell);
            }
        }

        void fill(XlsxStream.Sheet sheet, int column, T item) {
            Object cell = value.apply(item);
            switch (kind) {
                case TEXT, WRAPPED_TEXT -> sheet.text(column, (String) cell);
                case STATUS -> sheet.status(column, (Status) cell);
                case SEVERITY -> sheet.text(column, cell == null ? null : ((Severity) cell).name());
                case NUMBER -> sheet.number(column, (Number) cell);
                case DATE -> sheet.date(column, (LocalDate) cell);
                case DATE_TIME -> sheet.dateTime(column, (Instant) cell);
            }
        }
    }
}
