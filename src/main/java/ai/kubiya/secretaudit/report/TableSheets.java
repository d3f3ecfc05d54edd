package ai.kubiya.secretaudit.report;

import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Streams the rows of one table into as many sheets as it needs: past {@code maxDataRows} it goes on
 * in {@code Name (2)}, {@code Name (3)}, … each with the same header, frozen pane and autofilter.
 * Call {@link #finish()} once the rows are done; a table without rows still gets its header sheet.
 */
final class TableSheets<T> implements Consumer<T> {

    static final int EXCEL_MAX_DATA_ROWS = 1_048_575;

    private final Workbook workbook;
    private final CellWriter cells;
    private final TableLayout<T> layout;
    private final int maxDataRows;
    private Sheet sheet;
    private int sheetCount;
    private int dataRows;

    TableSheets(Workbook workbook, CellWriter cells, TableLayout<T> layout, int maxDataRows) {
        if (maxDataRows < 1 || maxDataRows > EXCEL_MAX_DATA_ROWS) {
            throw new IllegalArgumentException("maxDataRows must be in 1.." + EXCEL_MAX_DATA_ROWS + ": " + maxDataRows);
        }
        this.workbook = workbook;
        this.cells = cells;
        this.layout = layout;
        this.maxDataRows = maxDataRows;
    }

    @Override
    public void accept(T item) {
        if (sheet == null || dataRows == maxDataRows) {
            startSheet();
        }
        Row row = sheet.createRow(++dataRows);
        layout.fill(row, item, cells);
    }

    void finish() {
        if (sheet == null) {
            startSheet();
        }
        addAutoFilter();
    }

    private void startSheet() {
        if (sheet != null) {
            addAutoFilter();
        }
        sheetCount++;
        sheet = workbook.createSheet(layout.sheetName(sheetCount));
        dataRows = 0;
        for (int i = 0; i < layout.columns().size(); i++) {
            sheet.setColumnWidth(i, layout.columns().get(i).width() * 256);
        }
        cells.header(sheet.createRow(0), layout.titles());
        sheet.createFreezePane(0, 1);
    }

    private void addAutoFilter() {
        sheet.setAutoFilter(new CellRangeAddress(0, dataRows, 0, layout.columns().size() - 1));
    }
}
