package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Status;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes an XLSX package straight into a zip stream: rows as SpreadsheetML as they come, then the workbook,
 * styles and relationships when it is closed. For the owner's attachment, where building a POI workbook per
 * owner (its package model, XMLBeans styles, part bookkeeping) cost several times the rows themselves; the
 * auditor workbook stays with POI. The cells and their safety are {@link CellWriter}'s: the same styles
 * (quote-prefixed text that looks like a formula, {@code yyyy-mm-dd} dates, the status fills), the same
 * cleaning of text. Tests read what it writes back with POI. The bytes depend only on the content (entries
 * carry a fixed time), so the same reminder gives the same SHA-256.
 */
final class XlsxStream implements Closeable {

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static final long ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final LocalDate FIRST_REAL_LEAP_DAY_SUCCESSOR = LocalDate.of(1900, 3, 1);

    /** Indexes into {@code cellXfs} of {@link #STYLES}. */
    private static final int TEXT = 0;
    private static final int TEXT_QUOTED = 1;
    private static final int HEADER = 2;
    private static final int HEADER_QUOTED = 3;
    private static final int TITLE = 4;
    private static final int TITLE_QUOTED = 5;
    private static final int DATE = 6;
    private static final int INTEGER = 7;
    private static final int DATE_TIME = 8;
    private static final int FIRST_STATUS = 9;

    private static final String STYLES = styles();

    private final ZipOutputStream zip;
    private final Utf8Buffer xml;
    private final List<String> sheetNames = new ArrayList<>();
    private final List<String> autoFilters = new ArrayList<>();
    private Sheet open;

    XlsxStream(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
        this.xml = new Utf8Buffer(zip);
    }

    /**
     * Starts the next sheet; the previous one is finished.
     *
     * @param widths of the first columns, in characters of the default font
     * @param frozenHeader freeze the first row and put an autofilter over the table
     */
    Sheet sheet(String name, List<Integer> widths, boolean frozenHeader) {
        finishSheet();
        sheetNames.add(name);
        open = new Sheet(frozenHeader);
        try {
            begin("xl/worksheets/sheet" + sheetNames.size() + ".xml");
            xml.text("<worksheet xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS + "\"><sheetViews><sheetView ");
            xml.text(sheetNames.size() == 1 ? "tabSelected=\"1\" " : "");
            xml.text("workbookViewId=\"0\">");
            if (frozenHeader) {
                xml.text("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                        + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/>");
            }
            xml.text("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
            if (!widths.isEmpty()) {
                xml.text("<cols>");
                for (int i = 0; i < widths.size(); i++) {
                    xml.text("<col min=\"" + (i + 1) + "\" max=\"" + (i + 1) + "\" width=\"" + widths.get(i)
                            + "\" customWidth=\"1\"/>");
                }
                xml.text("</cols>");
            }
            xml.text("<sheetData>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return open;
    }

    /** Finishes the package: workbook, styles, relationships, content types. The stream is not closed. */
    @Override
    public void close() throws IOException {
        finishSheet();
        if (sheetNames.isEmpty()) {
            throw new IllegalStateException("a workbook needs a sheet");
        }
        StringBuilder workbook = new StringBuilder("<workbook xmlns=\"" + MAIN + "\" xmlns:r=\"" + RELATIONSHIPS
                + "\"><bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        StringBuilder workbookRels = new StringBuilder("<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\">");
        StringBuilder contentTypes = new StringBuilder("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
                + "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                + "spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/styles.xml\" ContentType=\"application/"
                + "vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        StringBuilder filters = new StringBuilder();
        for (int i = 0; i < sheetNames.size(); i++) {
            int n = i + 1;
            workbook.append("<sheet name=\"").append(escape(sheetNames.get(i))).append("\" sheetId=\"").append(n)
                    .append("\" r:id=\"rId").append(n).append("\"/>");
            workbookRels.append("<Relationship Id=\"rId").append(n).append("\" Type=\"").append(RELATIONSHIPS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(n).append(".xml\"/>");
            contentTypes.append("<Override PartName=\"/xl/worksheets/sheet").append(n).append(".xml\" ContentType=\""
                    + "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
            if (autoFilters.get(i) != null) {
                String quotedName = "'" + sheetNames.get(i).replace("'", "''") + "'!";
                filters.append("<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"").append(i)
                        .append("\" hidden=\"1\">").append(escape(quotedName + absolute(autoFilters.get(i))))
                        .append("</definedName>");
            }
        }
        workbook.append("</sheets>");
        if (!filters.isEmpty()) {
            workbook.append("<definedNames>").append(filters).append("</definedNames>");
        }
        workbook.append("</workbook>");
        workbookRels.append("<Relationship Id=\"rId").append(sheetNames.size() + 1).append("\" Type=\"")
                .append(RELATIONSHIPS).append("/styles\" Target=\"styles.xml\"/></Relationships>");
        contentTypes.append("</Types>");
        part("xl/workbook.xml", workbook);
        part("xl/_rels/workbook.xml.rels", workbookRels);
        part("xl/styles.xml", STYLES);
        part("_rels/.rels", "<Relationships xmlns=\"" + PACKAGE_RELATIONSHIPS + "\"><Relationship Id=\"rId1\" Type=\""
                + RELATIONSHIPS + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
        part("[Content_Types].xml", contentTypes);
        xml.flush();
        zip.finish();
    }

    /** One sheet's rows, written as they come: rows and, within a row, cells in ascending order. */
    final class Sheet {

        private final boolean frozenHeader;
        private int rowNumber;
        private int lastColumn = -1;
        private boolean rowOpen;

        private Sheet(boolean frozenHeader) {
            this.frozenHeader = frozenHeader;
        }

        /** Starts row {@code index} (from 0, above the last one); rows skipped stay empty. */
        Sheet row(int index) {
            if (index < rowNumber) {
                throw new IllegalArgumentException("row " + index + " after row " + (rowNumber - 1));
            }
            endRow();
            rowNumber = index + 1;
            write("<row r=\"" + rowNumber + "\">");
            rowOpen = true;
            return this;
        }

        void header(List<String> titles) {
            for (int i = 0; i < titles.size(); i++) {
                string(i, titles.get(i), HEADER, HEADER_QUOTED);
            }
        }

        void title(int column, String value) {
            string(column, value, TITLE, TITLE_QUOTED);
        }

        void text(int column, String value) {
            string(column, value, TEXT, TEXT_QUOTED);
        }

        void status(int column, Status value) {
            if (value != null) {
                inline(column, value.name(), FIRST_STATUS + value.ordinal());
            }
        }

        void number(int column, Number value) {
            if (value != null) {
                boolean integral = value instanceof Integer || value instanceof Long || value instanceof Short
                        || value instanceof Byte;
                numeric(column, integral ? value.toString() : Double.toString(value.doubleValue()), INTEGER);
            }
        }

        /** Dates Excel cannot represent (before 1900, after 9999) are written as ISO text, as POI's are. */
        void date(int column, LocalDate value) {
            if (value == null) {
                return;
            }
            if (!CellWriter.isExcelDate(value)) {
                text(column, value.toString());
                return;
            }
            numeric(column, Long.toString(serial(value)), DATE);
        }

        void dateTime(int column, Instant value) {
            if (value == null) {
                return;
            }
            if (!CellWriter.isExcelDateTime(value)) {
                text(column, value.toString());
                return;
            }
            LocalDateTime utc = LocalDateTime.ofInstant(value, ZoneOffset.UTC);
            double fraction = utc.toLocalTime().toNanoOfDay() / 86_400e9;
            numeric(column, Double.toString(serial(utc.toLocalDate()) + fraction), DATE_TIME);
        }

        private void string(int column, String value, int plain, int quoted) {
            if (value != null) {
                String cleaned = CellWriter.clean(value);
                inline(column, cleaned, CellWriter.mightBeFormula(cleaned) ? quoted : plain);
            }
        }

        private void inline(int column, String cleaned, int style) {
            cell(column, style, "inlineStr");
            write("<is><t xml:space=\"preserve\">");
            writeEscapedText(cleaned);
            write("</t></is></c>");
        }

        private void numeric(int column, String value, int style) {
            cell(column, style, null);
            write("<v>" + value + "</v></c>");
        }

        private void cell(int column, int style, String type) {
            if (!rowOpen) {
                throw new IllegalStateException("no row started");
            }
            lastColumn = Math.max(lastColumn, column);
            write("<c r=\"" + reference(column, rowNumber) + "\"" + (style == TEXT ? "" : " s=\"" + style + "\"")
                    + (type == null ? "" : " t=\"" + type + "\"") + ">");
        }

        private void endRow() {
            if (rowOpen) {
                write("</row>");
                rowOpen = false;
            }
        }

        private void finish() throws IOException {
            endRow();
            xml.ascii("</sheetData>");
            String filter = null;
            if (frozenHeader) {
                filter = "A1:" + reference(Math.max(lastColumn, 0), Math.max(rowNumber, 1));
                xml.ascii("<autoFilter ref=\"" + filter + "\"/>");
            }
            xml.ascii("<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\""
                    + " footer=\"0.3\"/></worksheet>");
            autoFilters.add(filter);
            end();
        }

        private void write(String text) {
            xml.text(text);
        }

        /** Escaped as {@link Utf8Buffer#escaped} does it for the auditor workbook: the same rules, one place. */
        private void writeEscapedText(String text) {
            xml.escaped(text);
        }
    }

    /** {@code _xHHHH_} at {@code i}: what Excel and POI read as the character U+HHHH. */
    static boolean isExcelEscape(String text, int i) {
        if (i + 6 >= text.length() || text.charAt(i + 1) != 'x' || text.charAt(i + 6) != '_') {
            return false;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (Character.digit(text.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Excel's serial day number; Excel counts a 29 February 1900 that never was. */
    static long serial(LocalDate date) {
        long days = ChronoUnit.DAYS.between(EXCEL_EPOCH, date);
        return date.isBefore(FIRST_REAL_LEAP_DAY_SUCCESSOR) ? days - 1 : days;
    }

    /** {@code A1}-style reference of a cell, both from 0 for the column, from 1 for the row. */
    static String reference(int column, int row) {
        StringBuilder letters = new StringBuilder(4);
        for (int c = column + 1; c > 0; c = (c - 1) / 26) {
            letters.insert(0, (char) ('A' + (c - 1) % 26));
        }
        return letters.append(row).toString();
    }

    private static String absolute(String range) {
        return range.replaceAll("([A-Z]+)(\\d+)", "\\$$1\\$$2");
    }

    private void finishSheet() {
        if (open != null) {
            try {
                open.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            open = null;
        }
    }

    private void begin(String name) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        xml.ascii("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    }

    private void end() throws IOException {
        xml.flush();
        zip.closeEntry();
    }

    private void part(String name, CharSequence content) throws IOException {
        begin(name);
        xml.text(content);
        end();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String styles() {
        HexFormat hex = HexFormat.of().withUpperCase();
        StringBuilder fills = new StringBuilder("<fill><patternFill patternType=\"none\"/></fill>"
                + "<fill><patternFill patternType=\"gray125\"/></fill>");
        fills.append(solid(hex.formatHex(CellWriter.HEADER_FILL)));
        StringBuilder statusXfs = new StringBuilder();
        for (Status status : Status.values()) {
            fills.append(solid(hex.formatHex(StatusColours.of(status))));
            statusXfs.append("<xf numFmtId=\"0\" fontId=\"0\" fillId=\"").append(3 + status.ordinal())
                    .append("\" borderId=\"0\" xfId=\"0\" applyFill=\"1\"/>");
        }
        String xfs = "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
                + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" quotePrefix=\"1\"/>"
                + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\"/>"
                + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\""
                + " quotePrefix=\"1\"/>"
                + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
                + "<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" quotePrefix=\"1\"/>"
                + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
                + statusXfs;
        return "<styleSheet xmlns=\"" + MAIN + "\"><numFmts count=\"2\">"
                + "<numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd\"/>"
                + "<numFmt numFmtId=\"165\" formatCode=\"yyyy-mm-dd hh:mm:ss\"/></numFmts>"
                + "<fonts count=\"3\">" + font("", 11) + font("<b/>", 11) + font("<b/>", 14) + "</fonts>"
                + "<fills count=\"" + (3 + Status.values().length) + "\">" + fills + "</fills>"
                + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
                + "<cellXfs count=\"" + (FIRST_STATUS + Status.values().length) + "\">" + xfs + "</cellXfs>"
                + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
                + "</styleSheet>";
    }

    private static String font(String weight, int points) {
        return "<font>" + weight + "<sz val=\"" + points + "\"/><name val=\"Calibri\"/><family val=\"2\"/></font>";
    }

    private static String solid(String rgb) {
        return "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF" + rgb + "\"/><bgColor indexed=\"64\"/>"
                + "</patternFill></fill>";
    }
}
