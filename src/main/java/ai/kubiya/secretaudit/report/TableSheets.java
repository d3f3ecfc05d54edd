package ai.kubiya.secretaudit.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Streams the rows of one table into as many sheets as it needs: past {@code maxDataRows} it goes on
 * in {@code Name (2)}, {@code Name (3)}, … each with the same header, frozen pane and autofilter.
 * Each sheet is a {@link StreamedSheet} in a {@link DeflatedPart}; POI holds an empty stand-in of it, so that the
 * workbook's sheet list, autofilter and print-title names are POI's, and {@link WorkbookParts} puts the part in
 * its place. Call {@link #finish()} once the rows are done; a table without rows still gets its header sheet.
 */
final class TableSheets<T> implements Consumer<T> {

    static final int EXCEL_MAX_DATA_ROWS = 1_048_575;

    private final SXSSFWorkbook workbook;
    private final WorkbookParts parts;
    private final StyleIndexes styles;
    private final TableLayout<T> layout;
    private final WorkbookPrinting printing;
    private final int maxDataRows;
    private Sheet standIn;
    private DeflatedPart part;
    private StreamedSheet sheet;
    private int sheetCount;
    private int dataRows;

    TableSheets(SXSSFWorkbook workbook, WorkbookParts parts, StyleIndexes styles, TableLayout<T> layout,
                WorkbookPrinting printing, int maxDataRows) {
        if (maxDataRows < 1 || maxDataRows > EXCEL_MAX_DATA_ROWS) {
            throw new IllegalArgumentException("maxDataRows must be in 1.." + EXCEL_MAX_DATA_ROWS + ": " + maxDataRows);
        }
        this.workbook = workbook;
        this.parts = parts;
        this.styles = styles;
        this.layout = layout;
        this.printing = printing;
        this.maxDataRows = maxDataRows;
    }

    @Override
    public void accept(T item) {
        if (sheet == null || dataRows == maxDataRows) {
            startSheet();
        }
        layout.fill(sheet, ++dataRows, item);
    }

    void finish() {
        if (sheet == null) {
            startSheet();
        }
        endSheet();
    }

    private void startSheet() {
        if (sheet != null) {
            endSheet();
        }
        sheetCount++;
        standIn = workbook.createSheet(layout.sheetName(sheetCount));
        dataRows = 0;
        String partName = workbook.getXSSFWorkbook().getSheet(standIn.getSheetName()).getPackagePart()
                .getPartName().getName();
        part = parts.create(partName);
        sheet = new StreamedSheet(part, styles, layout, printing);
    }

    private void endSheet() {
        standIn.setAutoFilter(new CellRangeAddress(0, dataRows, 0, layout.columns().size() - 1));
        sheet.finish(dataRows);
        try {
            part.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
