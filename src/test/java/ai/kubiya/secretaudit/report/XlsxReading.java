package ai.kubiya.secretaudit.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Reads written workbooks back with POI's in-memory model, for assertions. */
final class XlsxReading {

    private XlsxReading() {
    }

    static XSSFWorkbook open(byte[] xlsx) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> sheetNames(Workbook workbook) {
        return StreamSupport.stream(workbook.spliterator(), false).map(Sheet::getSheetName).toList();
    }

    static List<String> rowText(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            Cell cell = row.getCell(i);
            values.add(cell == null ? null : cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : cell.toString());
        }
        return values;
    }

    static List<Cell> cellsOfType(Workbook workbook, CellType type) {
        List<Cell> found = new ArrayList<>();
        for (Sheet sheet : workbook) {
            for (Row row : sheet) {
                for (Cell cell : row) {
                    if (cell.getCellType() == type) {
                        found.add(cell);
                    }
                }
            }
        }
        return found;
    }

    static String autoFilterRef(Sheet sheet) {
        var worksheet = ((XSSFSheet) sheet).getCTWorksheet();
        return worksheet.isSetAutoFilter() ? worksheet.getAutoFilter().getRef() : null;
    }

    /** Rows below the header that hold at least one cell. */
    static int dataRows(Sheet sheet) {
        int count = 0;
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && row.getPhysicalNumberOfCells() > 0) {
                count++;
            }
        }
        return count;
    }
}
