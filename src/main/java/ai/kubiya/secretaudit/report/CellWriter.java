package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFColor;

/**
 * Writes cells with styles made once per workbook, and makes every text XLSX-safe: characters XML
 * cannot hold are dropped, the length is capped at Excel's cell limit, and text a spreadsheet could
 * read as a formula (docs/evidence.md#formula-safe-text) gets a quote-prefixed style, so it stays text even when a user edits
 * the cell. Text is only ever written as a string cell.
 */
final class CellWriter {

    static final int MAX_CELL_CHARS = 32_767;
    private static final String FORMULA_TRIGGERS = "=+-@\t\r";
    private static final Instant FIRST_EXCEL_INSTANT = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LAST_EXCEL_INSTANT = Instant.parse("9999-12-31T23:59:59Z");
    static final byte[] HEADER_FILL = {(byte) 0xD9, (byte) 0xE1, (byte) 0xF2};

    private final Workbook workbook;
    private final SafeStyle text;
    private final SafeStyle wrapped;
    private final SafeStyle header;
    private final SafeStyle title;
    private final CellStyle date;
    private final CellStyle dateTime;
    private final CellStyle integer;
    private final Map<Status, CellStyle> statuses = new EnumMap<>(Status.class);
    private final Map<Severity, CellStyle> severities = new EnumMap<>(Severity.class);

    CellWriter(Workbook workbook) {
        this.workbook = workbook;
        this.text = safe(top(workbook.createCellStyle()));
        this.wrapped = safe(wrapping(workbook.createCellStyle()));
        this.header = safe(bold(workbook.createCellStyle(), 11, HEADER_FILL));
        this.title = safe(bold(workbook.createCellStyle(), 14, null));
        this.date = formatted("yyyy-mm-dd");
        // UTC, said by the column title or field name: a literal "UTC" in the format made POI (DateUtil,
        // DataFormatter) read these cells as plain numbers, though Excel and LibreOffice show them as dates.
        this.dateTime = formatted("yyyy-mm-dd hh:mm:ss");
        this.integer = formatted("0");
        for (Status status : Status.values()) {
            statuses.put(status, fill(top(workbook.createCellStyle()), StatusColours.of(status)));
        }
        for (Severity severity : Severity.values()) {
            severities.put(severity, fill(top(workbook.createCellStyle()), StatusColours.of(severity)));
        }
    }

    /** The index of each style in the workbook's styles part, for {@link StreamedSheet}. */
    StyleIndexes indexes() {
        return new StyleIndexes(text.plain().getIndex(), text.quoted().getIndex(), wrapped.plain().getIndex(),
                wrapped.quoted().getIndex(), header.plain().getIndex(), header.quoted().getIndex(), date.getIndex(),
                dateTime.getIndex(), integer.getIndex(),
                statuses.values().stream().mapToInt(CellStyle::getIndex).toArray(),
                severities.values().stream().mapToInt(CellStyle::getIndex).toArray());
    }

    void header(Row row, List<String> titles) {
        for (int column = 0; column < titles.size(); column++) {
            write(row, column, titles.get(column), header);
        }
    }

    void header(Row row, int column, String value) {
        write(row, column, value, header);
    }

    void title(Row row, int column, String value) {
        write(row, column, value, title);
    }

    void text(Row row, int column, String value) {
        write(row, column, value, text);
    }

    void wrappedText(Row row, int column, String value) {
        write(row, column, value, wrapped);
    }

    void status(Row row, int column, Status value) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.name());
            cell.setCellStyle(statuses.get(value));
        }
    }

    void severity(Row row, int column, Severity value) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.name());
            cell.setCellStyle(severities.get(value));
        }
    }

    void number(Row row, int column, Number value) {
        if (value != null) {
            Cell cell = row.createCell(column);
            cell.setCellValue(value.doubleValue());
            cell.setCellStyle(integer);
        }
    }

    void bool(Row row, int column, boolean value) {
        row.createCell(column).setCellValue(value);
    }

    /** Dates Excel cannot represent (before 1900, after 9999) are written as ISO text instead. */
    void date(Row row, int column, LocalDate value) {
        if (value == null) {
            return;
        }
        if (!isExcelDate(value)) {
            text(row, column, value.toString());
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        cell.setCellStyle(date);
    }

    /** Instants are shown in UTC; see {@link #date} for the out-of-range case. */
    void dateTime(Row row, int column, Instant value) {
        if (value == null) {
            return;
        }
        if (!isExcelDateTime(value)) {
            text(row, column, value.toString());
            return;
        }
        Cell cell = row.createCell(column);
        cell.setCellValue(LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        cell.setCellStyle(dateTime);
    }

    /** Drops characters XML 1.0 cannot hold (unpaired surrogates included) and caps the length. */
    static String clean(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isPlainXmlChar(value.charAt(i))) {
                return cap(strip(value, i));
            }
        }
        return cap(value);
    }

    /** Excel's dates run from 1900 to 9999; others are written as ISO text. */
    static boolean isExcelDate(LocalDate value) {
        return value.getYear() >= 1900 && value.getYear() <= 9999;
    }

    static boolean isExcelDateTime(Instant value) {
        return !value.isBefore(FIRST_EXCEL_INSTANT) && !value.isAfter(LAST_EXCEL_INSTANT);
    }

    static boolean mightBeFormula(String cleaned) {
        return !cleaned.isEmpty() && FORMULA_TRIGGERS.indexOf(cleaned.charAt(0)) >= 0;
    }

    private void write(Row row, int column, String value, SafeStyle style) {
        if (value == null) {
            return;
        }
        String cleaned = clean(value);
        Cell cell = row.createCell(column);
        cell.setCellValue(cleaned);
        cell.setCellStyle(mightBeFormula(cleaned) ? style.quoted() : style.plain());
    }

    private static boolean isPlainXmlChar(char c) {
        return (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD) || c == '\t' || c == '\n' || c == '\r';
    }

    private static String strip(String value, int firstBad) {
        StringBuilder kept = new StringBuilder(value.length()).append(value, 0, firstBad);
        for (int i = firstBad; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isPlainXmlChar(c)) {
                kept.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                kept.append(c).append(value.charAt(++i));
            }
        }
        return kept.toString();
    }

    private static String cap(String value) {
        if (value.length() <= MAX_CELL_CHARS) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(MAX_CELL_CHARS - 1)) ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
        return value.substring(0, end);
    }

    private SafeStyle safe(CellStyle plain) {
        CellStyle quoted = workbook.createCellStyle();
        quoted.cloneStyleFrom(plain);
        quoted.setQuotePrefixed(true);
        return new SafeStyle(plain, quoted);
    }

    private static CellStyle wrapping(CellStyle style) {
        style.setWrapText(true);
        return top(style);
    }

    /** Top-aligned, so a row that wrapped text makes taller still reads as one line across. */
    private static CellStyle top(CellStyle style) {
        style.setVerticalAlignment(VerticalAlignment.TOP);
        return style;
    }

    private CellStyle bold(CellStyle style, int points, byte[] fill) {
        Font font = workbook.createFont();
        font.setBold(true);
        font.setFontHeightInPoints((short) points);
        style.setFont(font);
        return fill == null ? style : fill(style, fill);
    }

    private CellStyle formatted(String format) {
        CellStyle style = top(workbook.createCellStyle());
        style.setDataFormat(workbook.createDataFormat().getFormat(format));
        return style;
    }

    private static CellStyle fill(CellStyle style, byte[] rgb) {
        style.setFillForegroundColor(new XSSFColor(rgb));
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        return style;
    }

    private record SafeStyle(CellStyle plain, CellStyle quoted) {
    }
}
