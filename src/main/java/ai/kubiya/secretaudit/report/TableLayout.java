package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The columns of a table sheet (title, width, kind of cell, value), shared by every workbook that shows it,
 * whether {@link StreamedSheet} writes it (the auditor workbook) or {@link XlsxStream} does (the owner's).
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

    /** Writes row {@code index} as tall as its longest wrapped text needs, then its cells. */
    void fill(StreamedSheet sheet, int index, T item) {
        int lines = 1;
        for (Column<T> column : columns) {
            if (column.kind() == Kind.WRAPPED_TEXT) {
                lines = Math.max(lines, WrappedLines.count((String) column.value().apply(item), column.width()));
            }
        }
        sheet.row(index, lines);
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).fill(sheet, i, item);
        }
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

        void fill(StreamedSheet sheet, int column, T item) {
            Object cell = value.apply(item);
            switch (kind) {
                case TEXT -> sheet.text(column, (String) cell);
                case WRAPPED_TEXT -> sheet.wrappedText(column, (String) cell);
                case STATUS -> sheet.status(column, (Status) cell);
                case SEVERITY -> sheet.severity(column, (Severity) cell);
                case NUMBER -> sheet.number(column, (Number) cell);
                case DATE -> sheet.date(column, (LocalDate) cell);
                case DATE_TIME -> sheet.dateTime(column, (Instant) cell);
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
