package ai.kubiya.secretaudit.report;

import static ai.kubiya.secretaudit.report.AuditWorkbookWriterTests.finding;
import static ai.kubiya.secretaudit.support.Workbooks.autoFilterRef;
import static ai.kubiya.secretaudit.support.Workbooks.cellsOfType;
import static ai.kubiya.secretaudit.support.Workbooks.dataRows;
import static ai.kubiya.secretaudit.support.Workbooks.rowText;
import static ai.kubiya.secretaudit.support.Workbooks.sheetNames;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.support.Workbooks;
import java.io.File;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.apache.poi.util.TempFileCreationStrategy;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnerWorkbookWriterTests {

    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 1);
    static final List<String> OWNER_HEADER = List.of("Severity", "Secret", "Status", "Due date", "Days overdue",
            "What to do", "Link", "Rule", "Type", "Scope", "Integration", "Message", "Waiver");
    private static final String SHEET = "What to do";
    private final Writer writer = new Writer(new OwnerWorkbookWriter());

    /** The writer with a fixed advice per row, so that the tests read as before. */
    private record Writer(OwnerWorkbookWriter writer) {

        byte[] write(String owner, LocalDate asOf, List<FindingRow> rows) {
            return writer.write(owner, asOf, rows,
                    row -> new OwnerAdvice("Rotate " + row.secret(), "https://runbooks.example/" + row.secret()),
                    null);
        }
    }

    @Test
    void holdsOnlyTheGivenRowsUnderTheOwnersHeaderWithWhatToDoFirst() throws IOException {
        List<FindingRow> rows = List.of(finding("db-password"), finding("api-key"), finding("tls-cert"));
        try (XSSFWorkbook workbook = Workbooks.open(writer.write("ana@example.com", AS_OF, rows))) {
            assertThat(sheetNames(workbook)).containsExactly(SHEET, "How to");
            Sheet findings = workbook.getSheet(SHEET);
            assertThat(rowText(findings.getRow(0))).isEqualTo(OWNER_HEADER).doesNotContain("Owner", "Controls");
            assertThat(dataRows(findings)).isEqualTo(3);
            assertThat(IntStream.rangeClosed(1, 3).mapToObj(i -> findings.getRow(i).getCell(1).getStringCellValue()))
                    .containsExactly("api-key", "db-password", "tls-cert");
            assertThat(rowText(findings.getRow(1))).startsWith("OVERDUE", "api-key", "OVERDUE", "2025-05-20", "12.0",
                    "Rotate api-key", "https://runbooks.example/api-key", "ROTATION");
            assertThat(findings.getPaneInformation().isFreezePane()).isTrue();
            assertThat(autoFilterRef(findings)).isEqualTo("A1:M4");
        }
    }

    @Test
    void anExpiredCertificateIsTheFirstRowThoughOtherSecretsWereDueLongBefore() throws IOException {
        FindingRow certificate = new FindingRow("tls-cert", "certificate", "org", null, "ana@example.com",
                Rule.CERTIFICATE_EXPIRY, Status.EXPIRED, Severity.CRITICAL, LocalDate.of(2025, 5, 31), null, "NEW",
                "expired");
        List<FindingRow> rows = new ArrayList<>(List.of(due("unused", Status.UNUSED, null),
                due("soon", Status.DUE_SOON, LocalDate.of(2025, 6, 5)), due("old", Status.OVERDUE,
                        LocalDate.of(2024, 3, 1)), certificate));
        try (XSSFWorkbook workbook = Workbooks.open(writer.write("ana@example.com", AS_OF, rows))) {
            Sheet sheet = workbook.getSheet(SHEET);
            assertThat(workbook.getSheetIndex(sheet)).isZero();
            assertThat(IntStream.rangeClosed(1, 4).mapToObj(i -> sheet.getRow(i).getCell(0).getStringCellValue()
                    + " " + sheet.getRow(i).getCell(1).getStringCellValue()))
                    .containsExactly("EXPIRED tls-cert", "OVERDUE old", "DUE SOON soon", "UNUSED unused");
            assertThat(sheet.getRow(2).getCell(4).getNumericCellValue()).isEqualTo(457);
        }
    }

    @Test
    void buildsTheWorkbookWithoutTempFilesEvenPastTheRowWindow() throws IOException {
        List<FindingRow> rows = IntStream.range(0, 1_500).mapToObj(i -> finding("secret-" + i)).toList();
        byte[] bytes;
        TempFile.setTempFileCreationStrategy(new NoTempFiles());
        try {
            bytes = writer.write("ana@example.com", AS_OF, rows);
        } finally {
            TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy());
        }
        try (XSSFWorkbook workbook = Workbooks.open(bytes)) {
            Sheet findings = workbook.getSheet(SHEET);
            assertThat(dataRows(findings)).isEqualTo(1_500);
            assertThat(findings.getRow(1).getCell(1).getStringCellValue()).isEqualTo("secret-0");
            assertThat(findings.getRow(1_500).getCell(1).getStringCellValue()).isEqualTo("secret-999");
            assertThat(autoFilterRef(findings)).isEqualTo("A1:M1501");
        }
    }

    @Test
    void goesOnInANewWhatToDoSheetPastTheRowLimit() throws IOException {
        List<FindingRow> rows = IntStream.range(0, 5).mapToObj(i -> finding("secret-" + i)).toList();
        Writer small = new Writer(new OwnerWorkbookWriter(2));
        try (XSSFWorkbook workbook = Workbooks.open(small.write("ana@example.com", AS_OF, rows))) {
            assertThat(sheetNames(workbook)).containsExactly(SHEET, SHEET + " (2)", SHEET + " (3)", "How to");
            for (String name : List.of(SHEET, SHEET + " (2)", SHEET + " (3)")) {
                Sheet sheet = workbook.getSheet(name);
                assertThat(rowText(sheet.getRow(0))).as(name).isEqualTo(OWNER_HEADER);
                assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
            }
            assertThat(autoFilterRef(workbook.getSheet(SHEET + " (2)"))).isEqualTo("A1:M3");
            assertThat(autoFilterRef(workbook.getSheet(SHEET + " (3)"))).isEqualTo("A1:M2");
            assertThat(workbook.getSheet(SHEET + " (3)").getRow(1).getCell(1).getStringCellValue()).isEqualTo("secret-4");
        }
    }

    @Test
    void theSameRemindersGiveTheSameBytes() {
        List<FindingRow> rows = List.of(finding("db-password"), finding("api-key"));
        assertThat(writer.write("ana@example.com", AS_OF, rows)).isEqualTo(writer.write("ana@example.com", AS_OF, rows));
    }

    @Test
    void headerAndStatusCellsCarryTheAuditorsStyles() throws IOException {
        List<FindingRow> rows = Arrays.stream(Status.values()).map(status -> due("s-" + status, status, null)).toList();
        try (XSSFWorkbook workbook = Workbooks.open(writer.write("ana@example.com", AS_OF, rows))) {
            Sheet findings = workbook.getSheet(SHEET);
            XSSFCellStyle header = (XSSFCellStyle) findings.getRow(0).getCell(0).getCellStyle();
            assertThat(header.getFont().getBold()).isTrue();
            assertThat(header.getFillForegroundColorColor().getRGB()).isEqualTo(new byte[] {(byte) 0xD9, (byte) 0xE1, (byte) 0xF2});
            for (int r = 1; r <= rows.size(); r++) {
                Cell status = findings.getRow(r).getCell(2);
                XSSFCellStyle style = (XSSFCellStyle) status.getCellStyle();
                assertThat(style.getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
                assertThat(style.getFillForegroundColorColor().getRGB()).as(status.getStringCellValue())
                        .isEqualTo(StatusColours.of(Status.valueOf(status.getStringCellValue())));
            }
            Cell title = workbook.getSheet("How to").getRow(0).getCell(0);
            assertThat(((XSSFCellStyle) title.getCellStyle()).getFont().getFontHeightInPoints()).isEqualTo((short) 14);
        }
    }

    private static final class NoTempFiles implements TempFileCreationStrategy {

        @Override
        public File createTempFile(String prefix, String suffix) {
            throw new AssertionError("an owner workbook created the temp file " + prefix + "…" + suffix);
        }

        @Override
        public File createTempDirectory(String prefix) {
            throw new AssertionError("an owner workbook created the temp directory " + prefix + "…");
        }
    }

    @Test
    void keepsTheAuditorsCellTypes() throws IOException {
        try (XSSFWorkbook workbook = Workbooks.open(writer.write("ana@example.com", AS_OF, List.of(finding("a"))))) {
            Row row = workbook.getSheet(SHEET).getRow(1);
            assertThat(DateUtil.isCellDateFormatted(row.getCell(3))).isTrue();
            assertThat(row.getCell(3).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2025, 5, 20));
            assertThat(row.getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(4).getNumericCellValue()).isEqualTo(12);
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("OVERDUE");
        }
    }

    @Test
    void explainsWhatToDoWithTheEarliestDueDateNeedingAction() throws IOException {
        List<FindingRow> rows = List.of(
                due("late", Status.OVERDUE, LocalDate.of(2025, 5, 20)),
                due("soon", Status.DUE_SOON, LocalDate.of(2025, 5, 10)),
                due("waived", Status.WAIVED, LocalDate.of(2025, 1, 1)));
        try (XSSFWorkbook workbook = Workbooks.open(writer.write("ana@example.com", AS_OF, rows))) {
            Sheet guidance = workbook.getSheet("How to");
            String text = String.join("\n", textOf(guidance));
            assertThat(text).contains("ana@example.com", "2025-06-01", "Kubiya Control Plane", "consumer",
                    "Revoke the old value", "approver", "security team", "otherwise delete it");
            Cell earliest = labelled(guidance, "Earliest due date");
            assertThat(DateUtil.isCellDateFormatted(earliest)).isTrue();
            assertThat(earliest.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2025, 5, 10));
        }
    }

    @Test
    void saysSoWhenNoFindingHasADueDate() throws IOException {
        List<FindingRow> rows = List.of(due("x", Status.INSUFFICIENT_DATA, null));
        try (XSSFWorkbook workbook = Workbooks.open(writer.write("ana@example.com", AS_OF, rows))) {
            assertThat(labelled(workbook.getSheet("How to"), "Earliest due date").getStringCellValue())
                    .isEqualTo("none");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"})
    void formulaLikeTextStaysInertText(String payload) throws IOException {
        FindingRow row = new FindingRow(payload, null, null, null, payload, Rule.ROTATION, Status.OVERDUE,
                Severity.HIGH, null, null, "NEW", payload);
        try (XSSFWorkbook workbook = Workbooks.open(writer.write(payload, AS_OF, List.of(row)))) {
            Row written = workbook.getSheet(SHEET).getRow(1);
            for (int column : new int[] {1, 11}) {
                Cell cell = written.getCell(column);
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isIn(payload, payload.replace('\r', '\n'));
                assertThat(cell.getCellStyle().getQuotePrefixed()).as(OWNER_HEADER.get(column)).isTrue();
            }
            assertThat(cellsOfType(workbook, CellType.FORMULA)).isEmpty();
        }
    }

    private static FindingRow due(String secret, Status status, LocalDate dueDate) {
        return new FindingRow(secret, "password", "org", "github", "ana@example.com", Rule.ROTATION, status,
                Severity.MEDIUM, dueDate, 1, "OPEN", "m");
    }

    private static List<String> textOf(Sheet sheet) {
        List<String> lines = new ArrayList<>();
        for (Row row : sheet) {
            for (Cell cell : row) {
                if (cell.getCellType() == CellType.STRING) {
                    lines.add(cell.getStringCellValue());
                }
            }
        }
        return lines;
    }

    private static Cell labelled(Sheet sheet, String label) {
        for (Row row : sheet) {
            Cell first = row.getCell(0);
            if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals(label)) {
                return row.getCell(1);
            }
        }
        throw new AssertionError("no row " + label);
    }
}
