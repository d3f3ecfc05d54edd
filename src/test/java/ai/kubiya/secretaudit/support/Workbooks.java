package ai.kubiya.secretaudit.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads workbooks back with POI, the way an auditor's spreadsheet would: from a file (closed again before
 * returning) or, for the writers' own tests, from bytes into POI's in-memory model.
 */
public final class Workbooks {

    private static final DataFormatter FORMATTER = new DataFormatter();

    private Workbooks() {
    }

    public static List<String> sheetNames(Path file) throws Exception {
        try (Workbook workbook = open(file)) {
            List<String> names = new ArrayList<>();
            workbook.forEach(sheet -> names.add(sheet.getSheetName()));
            return names;
        }
    }

    /** The data rows of a sheet, each as header title → formatted cell text. */
    public static List<Map<String, String>> rows(Path file, String sheetName) throws Exception {
        try (Workbook workbook = open(file)) {
            Sheet sheet = workbook.getSheet(sheetName);
            if (sheet == null) {
                throw new AssertionError("no sheet " + sheetName + " in " + file);
            }
            Row header = sheet.getRow(0);
            List<Map<String, String>> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row == null) {
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (Cell title : header) {
                    Cell cell = row.getCell(title.getColumnIndex());
                    values.put(title.getStringCellValue(), cell == null ? "" : FORMATTER.formatCellValue(cell));
                }
                rows.add(values);
            }
            return rows;
        }
    }

    /** Every cell's text in every sheet, for searching (e.g. for a canary value that must not be there). */
    public static String allText(Path file) throws Exception {
        StringBuilder text = new StringBuilder();
        try (Workbook workbook = open(file)) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        text.append(FORMATTER.formatCellValue(cell)).append('\t');
                    }
                    text.append('\n');
                }
            }
        }
        return text.toString();
    }

    /** The caller closes it. */
    public static XSSFWorkbook open(byte[] xlsx) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> sheetNames(Workbook workbook) {
        return StreamSupport.stream(workbook.spliterator(), false).map(Sheet::getSheetName).toList();
    }

    /** A row's cells as text, {@code null} for a missing cell, numbers and dates as POI prints them. */
    public static List<String> rowText(Row row) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            Cell cell = row.getCell(i);
            values.add(cell == null ? null : cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : cell.toString());
        }
        return values;
    }

    public static List<Cell> cellsOfType(Workbook workbook, CellType type) {
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

    public static String autoFilterRef(Sheet sheet) {
        var worksheet = ((XSSFSheet) sheet).getCTWorksheet();
        return worksheet.isSetAutoFilter() ? worksheet.getAutoFilter().getRef() : null;
    }

    /** Rows below the header that hold at least one cell. */
    public static int dataRows(Sheet sheet) {
        int count = 0;
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && row.getPhysicalNumberOfCells() > 0) {
                count++;
            }
        }
        return count;
    }

    private static Workbook open(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return new XSSFWorkbook(in);
        }
    }
}
