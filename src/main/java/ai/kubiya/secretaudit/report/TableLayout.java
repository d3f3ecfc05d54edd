package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.Row;

/** The columns of a table sheet (title, width, how a cell is filled), shared by every workbook that shows it. */
record TableLayout<T>(String sheetName, List<Column<T>> columns) {

    TableLayout {
        columns = List.copyOf(columns);
    }

    List<String> titles() {
        return columns.stream().map(Column::title).toList();
    }

    void fill(Row row, T item, CellWriter cells) {
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).filler().fill(cells, row, i, item);
        }
    }

    /** @param width in characters of the default font */
    record Column<T>(String title, int width, Filler<T> filler) {

        static <T> Column<T> text(String title, int width, Function<T, String> value) {
            return new Column<>(title, width, (cells, row, i, item) -> cells.text(row, i, value.apply(item)));
        }

        static <T> Column<T> name(String title, int width, Function<T, Enum<?>> value) {
            return text(title, width, item -> {
                Enum<?> constant = value.apply(item);
                return constant == null ? null : constant.name();
            });
        }

        static <T> Column<T> status(String title, int width, Function<T, Status> value) {
            return new Column<>(title, width, (cells, row, i, item) -> cells.status(row, i, value.apply(item)));
        }

        static <T> Column<T> number(String title, int width, Function<T, Number> value) {
            return new Column<>(title, width, (cells, row, i, item) -> cells.number(row, i, value.apply(item)));
        }

        static <T> Column<T> date(String title, int width, Function<T, LocalDate> value) {
            return new Column<>(title, width, (cells, row, i, item) -> cells.date(row, i, value.apply(item)));
        }

        static <T> Column<T> dateTime(String title, int width, Function<T, Instant> value) {
            return new Column<>(title, width, (cells, row, i, item) -> cells.dateTime(row, i, value.apply(item)));
        }
    }

    @FunctionalInterface
    interface Filler<T> {

        void fill(CellWriter cells, Row row, int column, T item);
    }
}
