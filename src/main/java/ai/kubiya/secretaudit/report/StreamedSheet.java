package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * One table sheet of the auditor workbook written as SpreadsheetML text, row by row, into its part: the same
 * cells and style indexes {@link CellWriter} gives POI's cells (read back by POI in the tests), the frozen header,
 * the autofilter and the print setup of {@link WorkbookPrinting}. SXSSF spent most of the auditor workbook's time
 * on its row and cell objects and on its temp files (compressed, read back, inflated, compressed again); this
 * writes each cell once. Rows must come in order, and a row's cells in column order.
 */
final class StreamedSheet {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /** Style indexes as text; CellWriter makes fewer than 30 styles. */
    private static final String[] STYLE_NUMBERS = IntStream.range(0, 64)
            .mapToObj(Integer::toString).toArray(String[]::new);

    private final Utf8Buffer xml;
    private final StyleIndexes styles;
    private final String[] columnLetters;
    private final String footer;
    private String rowNumber;

    StreamedSheet(OutputStream part, StyleIndexes styles, TableLayout<?> layout, WorkbookPrinting printing) {
        this.xml = new Utf8Buffer(part);
        this.styles = styles;
        int columns = layout.columns().size();
        this.columnLetters = new String[columns];
        for (int i = 0; i < columns; i++) {
            columnLetters[i] = XlsxStream.reference(i, 1).replace("1", "");
        }
        write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<worksheet xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS
                + "\"><sheetPr><pageSetUpPr autoPageBreaks=\"true\" fitToPage=\"true\"/></sheetPr><sheetViews>"
                + "<sheetView workbookViewId=\"0\"><pane ySplit=\"1.0\" state=\"frozen\" topLeftCell=\"A2\""
                + " activePane=\"bottomLeft\"/><selection pane=\"bottomLeft\"/></sheetView></sheetViews>"
                + "<sheetFormatPr defaultRowHeight=\"15.0\"/><cols>");
        for (int i = 0; i < columns; i++) {
            write("<col min=\"" + (i + 1) + "\" max=\"" + (i + 1) + "\" width=\"" + layout.columns().get(i).width()
                    + ".0\" customWidth=\"true\"/>");
        }
        write("</cols><sheetData>");
        row(0, 1);
        List<String> titles = layout.titles();
        for (int i = 0; i < titles.size(); i++) {
            text(i, titles.get(i), styles.header(), styles.headerQuoted());
        }
        this.footer = printing.footer();
    }

    /** Starts row {@code index} (from 0), {@code lines} lines of text tall. */
    StreamedSheet row(int index, int lines) {
        if (rowNumber != null) {
            write("</row>");
        }
        rowNumber = Integer.toString(index + 1);
        write(lines > 1 ? "<row r=\"" + rowNumber + "\" customHeight=\"true\" ht=\""
                + lines * WrappedLines.LINE_POINTS + "\">" : "<row r=\"" + rowNumber + "\">");
        return this;
    }

    void text(int column, String value) {
        text(column, value, styles.text(), styles.textQuoted());
    }

    void wrappedText(int column, String value) {
        text(column, value, styles.wrapped(), styles.wrappedQuoted());
    }

    void status(int column, Status value) {
        if (value != null) {
            inline(column, value.name(), styles.status(value));
        }
    }

    void severity(int column, Severity value) {
        if (value != null) {
            inline(column, value.name(), styles.severity(value));
        }
    }

    void number(int column, Number value) {
        if (value != null) {
            numeric(column, value.doubleValue(), styles.integer());
        }
    }

    /** As {@link CellWriter#date}: Excel's serial day, or ISO text outside Excel's years. */
    void date(int column, LocalDate value) {
        if (value == null) {
            return;
        }
        if (!CellWriter.isExcelDate(value)) {
            text(column, value.toString());
            return;
        }
        numeric(column, XlsxStream.serial(value), styles.date());
    }

    /** As {@link CellWriter#dateTime}: the serial POI computes for the UTC date and time. */
    void dateTime(int column, Instant value) {
        if (value == null) {
            return;
        }
        if (!CellWriter.isExcelDateTime(value)) {
            text(column, value.toString());
            return;
        }
        numeric(column, DateUtil.getExcelDate(LocalDateTime.ofInstant(value, ZoneOffset.UTC)), styles.dateTime());
    }

    /** Ends the sheet: its autofilter over {@code dataRows} rows below the header, then how it prints. */
    void finish(int dataRows) {
        if (rowNumber != null) {
            write("</row>");
        }
        write("</sheetData><autoFilter ref=\"A1:" + columnLetters[columnLetters.length - 1] + (dataRows + 1) + "\"/>"
                + "<pageMargins bottom=\"0.75\" footer=\"0.3\" header=\"0.3\" left=\"0.7\" right=\"0.7\" top=\"0.75\"/>"
                + "<pageSetup orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/><headerFooter><oddFooter>");
        escaped(footer);
        write("</oddFooter></headerFooter></worksheet>");
        xml.flush();
    }

    private void text(int column, String value, int plain, int quoted) {
        if (value != null) {
            String cleaned = CellWriter.clean(value);
            inline(column, cleaned, CellWriter.mightBeFormula(cleaned) ? quoted : plain);
        }
    }

    private void inline(int column, String cleaned, int style) {
        cell(column, style);
        write(hasOuterSpace(cleaned) ? "\" t=\"inlineStr\"><is><t xml:space=\"preserve\">" : "\" t=\"inlineStr\"><is><t>");
        escaped(cleaned);
        write("</t></is></c>");
    }

    /** Integral values as integers ({@code 45352}, not {@code 45352.0}): the same double read back, fewer bytes. */
    private void numeric(int column, double value, int style) {
        cell(column, style);
        write("\" t=\"n\"><v>");
        long integral = (long) value;
        write(integral == value ? Long.toString(integral) : Double.toString(value));
        write("</v></c>");
    }

    /** Opens the cell up to its style's value: {@code <c r="B7" s="3}. */
    private void cell(int column, int style) {
        write("<c r=\"");
        write(columnLetters[column]);
        write(rowNumber);
        write("\" s=\"");
        write(style < STYLE_NUMBERS.length ? STYLE_NUMBERS[style] : Integer.toString(style));
    }

    private static boolean hasOuterSpace(String text) {
        return !text.isEmpty() && (Character.isWhitespace(text.charAt(0))
                || Character.isWhitespace(text.charAt(text.length() - 1)));
    }

    private void escaped(String text) {
        xml.escaped(text);
    }

    private void write(String text) {
        xml.ascii(text);
    }
}
