package ai.kubiya.secretaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.support.Workbooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * What {@link XlsxStream} writes is what POI reads back, for any text, date and number: the contract the
 * owner's workbook shares with the auditor's, which POI writes.
 */
class XlsxStreamPropertyTests {

    @Property(tries = 300)
    void textReadsBackAsCleanedAndFormulaLikeTextIsQuotePrefixed(@ForAll("nastyText") String value) throws IOException {
        try (XSSFWorkbook workbook = Workbooks.open(oneRow(sheet -> sheet.text(2, value)))) {
            Cell cell = workbook.getSheetAt(0).getRow(0).getCell(2);
            String cleaned = CellWriter.clean(value);
            if (cleaned.isEmpty()) {
                assertThat(cell == null || cell.getStringCellValue().isEmpty()).isTrue();
                return;
            }
            assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
            assertThat(cell.getStringCellValue()).isEqualTo(cleaned);
            assertThat(cell.getCellStyle().getQuotePrefixed()).isEqualTo(CellWriter.mightBeFormula(cleaned));
        }
    }

    @Property(tries = 300)
    void datesAreExcelSerialsWithADateFormatOrIsoTextOutsideExcelsRange(
            @ForAll @LongRange(min = -800_000, max = 3_000_000) long epochDay) throws IOException {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        try (XSSFWorkbook workbook = Workbooks.open(oneRow(sheet -> sheet.date(0, date)))) {
            Cell cell = workbook.getSheetAt(0).getRow(0).getCell(0);
            if (date.getYear() < 1900 || date.getYear() > 9999) {
                assertThat(cell.getStringCellValue()).isEqualTo(date.toString());
            } else {
                assertThat(cell.getNumericCellValue()).isEqualTo(DateUtil.getExcelDate(date));
                assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
                assertThat(cell.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(date);
            }
        }
    }

    @Property(tries = 200)
    void instantsAreUtcDateTimesToTheMillisecond(
            @ForAll @LongRange(min = -2_208_988_800_000L, max = 253_402_300_799_000L) long epochMilli) throws IOException {
        Instant instant = Instant.ofEpochMilli(epochMilli);
        try (XSSFWorkbook workbook = Workbooks.open(oneRow(sheet -> sheet.dateTime(0, instant)))) {
            Cell cell = workbook.getSheetAt(0).getRow(0).getCell(0);
            assertThat(DateUtil.isCellDateFormatted(cell)).isTrue();
            LocalDateTime expected = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            assertThat(cell.getNumericCellValue())
                    .isCloseTo(DateUtil.getExcelDate(expected), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Property(tries = 100)
    void integersStayExactNumbers(@ForAll int value) throws IOException {
        try (XSSFWorkbook workbook = Workbooks.open(oneRow(sheet -> sheet.number(1, value)))) {
            Cell cell = workbook.getSheetAt(0).getRow(0).getCell(1);
            assertThat(cell.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(cell.getNumericCellValue()).isEqualTo(value);
        }
    }

    @Property(tries = 200)
    void cellReferencesAreExcels(@ForAll @IntRange(min = 0, max = 16_383) int column,
                                 @ForAll @IntRange(min = 1, max = 1_048_576) int row) {
        assertThat(XlsxStream.reference(column, row))
                .isEqualTo(CellReference.convertNumToColString(column) + row);
    }

    @Provide
    Arbitrary<String> nastyText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(12),
                Arbitraries.strings().withChars("=+-@\t\r\n_x0123456789ABCDEFabcdef&<>\"' ").ofMaxLength(12),
                Arbitraries.of("_x0041_", "_x005F_", "_X0041_", "_x00zz_", "_x000D_", "=SUM(A1)", "\uD83D\uDD11", "\uD800",
                        "\uDC00", "\u0000", "\uFFFE", "]]>", "&amp;", "'"),
                Arbitraries.of(Status.class).map(Status::name));
        return pieces.list().ofMaxSize(6).map(list -> String.join("", list));
    }

    private static byte[] oneRow(java.util.function.Consumer<XlsxStream.Sheet> cells) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxStream xlsx = new XlsxStream(out)) {
            cells.accept(xlsx.sheet("Sheet", List.of(10, 10, 10), false).row(0));
        }
        return out.toByteArray();
    }
}
