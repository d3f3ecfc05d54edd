package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.InventoryRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.support.Workbooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A row the auditor workbook streams as XML ({@link StreamedSheet}) reads back, cell by cell, as the row POI writes
 * through {@link CellWriter} (how the workbook wrote every table before): the same type, value, style (by index,
 * and so fill, format, quote prefix and wrapping) and row height, for any text, date, instant and number.
 */
class StreamedSheetPropertyTests {

    private static final Instant AS_OF = Instant.parse("2025-06-01T02:00:00Z");

    @Property(tries = 40)
    void aStreamedFindingRowReadsBackAsPoisOwn(@ForAll("findings") FindingRow finding) throws IOException {
        byte[] streamed = streamed(List.of(finding), List.of());
        try (XSSFWorkbook workbook = Workbooks.open(streamed); XSSFWorkbook reference = reference()) {
            Row expected = write(reference, FindingsLayout.TABLE, finding);
            assertSameRow(workbook.getSheet("Findings").getRow(1), expected);
        }
    }

    @Property(tries = 40)
    void aStreamedInventoryRowReadsBackAsPoisOwn(@ForAll("inventory") InventoryRow item) throws IOException {
        byte[] streamed = streamed(List.of(), List.of(item));
        try (XSSFWorkbook workbook = Workbooks.open(streamed); XSSFWorkbook reference = reference()) {
            Row expected = write(reference, InventoryLayout.TABLE, item);
            assertSameRow(workbook.getSheet("Inventory").getRow(1), expected);
        }
    }

    private static void assertSameRow(Row actual, Row expected) {
        assertThat(actual.getHeightInPoints()).isEqualTo(expected.getHeightInPoints());
        assertThat(actual.getLastCellNum()).isEqualTo(expected.getLastCellNum());
        for (int c = 0; c < expected.getLastCellNum(); c++) {
            Cell want = expected.getCell(c);
            Cell got = actual.getCell(c);
            if (want == null) {
                assertThat(got).as("column %d", c).isNull();
                continue;
            }
            assertThat(got.getCellType()).as("column %d", c).isEqualTo(want.getCellType());
            if (want.getCellType() == CellType.STRING) {
                // the text as set, not as POI decodes it: text that looks like Excel's escape _xHHHH_ now reads back
                // as written (SXSSF wrote it unescaped, so "_x0041_" read back as "A")
                String set = ((XSSFRichTextString) want.getRichStringCellValue()).getCTRst().getT();
                assertThat(got.getStringCellValue()).as("column %d", c).isEqualTo(set);
            } else {
                assertThat(got.getNumericCellValue()).as("column %d", c).isEqualTo(want.getNumericCellValue());
            }
            XSSFCellStyle style = (XSSFCellStyle) got.getCellStyle();
            assertThat(style.getIndex()).as("column %d", c).isEqualTo(want.getCellStyle().getIndex());
            assertThat(style.getQuotePrefixed()).isEqualTo(want.getCellStyle().getQuotePrefixed());
            assertThat(style.getDataFormatString()).isEqualTo(want.getCellStyle().getDataFormatString());
            assertThat(style.getWrapText()).isEqualTo(want.getCellStyle().getWrapText());
        }
    }

    private static byte[] streamed(List<FindingRow> findings, List<InventoryRow> inventory) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunEvidence run = new RunEvidence(7, AS_OF, AS_OF, AS_OF, "synthetic", false, 1, 1, 0, "v1", "policy", "0.1.0",
                List.of(), Map.of(), List.of());
        new AuditWorkbookWriter().write(out, run, List.of(), findings::forEach, inventory::forEach);
        return out.toByteArray();
    }

    /** A workbook whose CellWriter made its styles first, as the auditor workbook's does. */
    private static XSSFWorkbook reference() {
        return new XSSFWorkbook();
    }

    /** The row as POI writes it with {@link CellWriter}: what the table sheets were before they were streamed. */
    private static <T> Row write(XSSFWorkbook workbook, TableLayout<T> layout, T item) {
        CellWriter cells = new CellWriter(workbook);
        Row row = workbook.createSheet().createRow(1);
        int lines = 1;
        for (int i = 0; i < layout.columns().size(); i++) {
            TableLayout.Column<T> column = layout.columns().get(i);
            Object value = column.value().apply(item);
            switch (column.kind()) {
                case TEXT -> cells.text(row, i, (String) value);
                case WRAPPED_TEXT -> {
                    cells.wrappedText(row, i, (String) value);
                    lines = Math.max(lines, WrappedLines.count((String) value, column.width()));
                }
                case STATUS -> cells.status(row, i, (Status) value);
                case SEVERITY -> cells.severity(row, i, (Severity) value);
                case NUMBER -> cells.number(row, i, (Number) value);
                case DATE -> cells.date(row, i, (LocalDate) value);
                case DATE_TIME -> cells.dateTime(row, i, (Instant) value);
            }
        }
        WrappedLines.fit(row, lines);
        return row;
    }

    @Provide
    Arbitrary<FindingRow> findings() {
        Arbitrary<String> text = text();
        return Combinators.combine(
                Combinators.combine(text, text, text, text, text, Arbitraries.of(Rule.class), Arbitraries.of(Status.class),
                        Arbitraries.of(Severity.class)).as(Arrays::<Object>asList),
                Combinators.combine(dates(), Arbitraries.integers().injectNull(0.2), text, text, text, instants(),
                        instants(), text).as(Arrays::<Object>asList))
                .as((a, b) -> new FindingRow((String) a.get(0), (String) a.get(1), (String) a.get(2), (String) a.get(3),
                        (String) a.get(4), (Rule) a.get(5), (Status) a.get(6), (Severity) a.get(7), (LocalDate) b.get(0),
                        (Integer) b.get(1), (String) b.get(2), (String) b.get(3), (String) b.get(4), (Instant) b.get(5),
                        (Instant) b.get(6), (String) b.get(7)));
    }

    @Provide
    Arbitrary<InventoryRow> inventory() {
        Arbitrary<String> text = text();
        return Combinators.combine(
                Combinators.combine(text, text, text, text, text).as(Arrays::<Object>asList),
                Combinators.combine(instants(), instants(), instants(), Arbitraries.of(Status.class), instants(),
                        instants(), text).as(Arrays::<Object>asList))
                .as((a, b) -> new InventoryRow((String) a.get(0), (String) a.get(1), (String) a.get(2),
                        (String) a.get(3), (String) a.get(4), (Instant) b.get(0), (Instant) b.get(1), (Instant) b.get(2),
                        (Status) b.get(3), (Instant) b.get(4), (Instant) b.get(5), (String) b.get(6)));
    }

    private static Arbitrary<String> text() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars("=+-@\t\r\n _x0123456789ABCDEFabcdef&<>\"'").ofMaxLength(12),
                Arbitraries.of("_x0041_", "_x005F_", "=SUM(A1)", "\uD83D\uDD11", "\uD800", "\u0000", "\uFFFE", "]]>",
                        " lead", "trail ", "word ".repeat(30)));
        return pieces.list().ofMaxSize(5).map(list -> String.join("", list)).injectNull(0.2);
    }

    private static Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(-800_000, 3_000_000).map(LocalDate::ofEpochDay).injectNull(0.2);
    }

    private static Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-2_300_000_000_000L, 253_402_400_000_000L).map(Instant::ofEpochMilli)
                .injectNull(0.2);
    }
}
