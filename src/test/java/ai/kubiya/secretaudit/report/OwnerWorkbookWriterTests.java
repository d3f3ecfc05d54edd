package ai.kubiya.secretaudit.report;

import static ai.kubiya.secretaudit.report.AuditWorkbookWriterTests.FINDINGS_HEADER;
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
    private final OwnerWorkbookWriter writer = new OwnerWorkbookWriter();

    @Test
    void holdsOnlyTheGivenRowsUnderTheAuditorsHeader() throws IOException {
        List<FindingRow> rows = List.of(finding("db-password"), finding("api-key"), finding("tls-cert"));
        try (XSSFWorkbook workbook = Workbooks.open(writer.write("ana@example.com", AS_OF, rows))) {
            assertThat(sheetNames(workbook)).containsExactly("Findings", "What to do");
            Sheet findings = workbook.getSheet("Findings");
            assertThat(rowText(findings.getRow(0))).isEqualTo(FINDINGS_HEADER);
            assertThat(dataRows(findings)).isEqualTo(3);
            assertThat(IntStream.rangeClosed(1, 3).mapToObj(i -> findings.getRow(i).getCell(0).getStringCellValue()))
                    .containsExactly("db-password", "api-key", "tls-cert");
            assertThat(findings.getPaneInformation().isFreezePane()).isTrue();
            assertThat(autoFilterRef(findings)).isEqualTo("A1:N4");
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
            Sheet findings = workbook.getSheet("Findings");
            assertThat(dataRows(findings)).isEqualTo(1_500);
            assertThat(findings.getRow(1).getCell(0).getStringCellValue()).isEqualTo("secret-0");
            assertThat(findings.getRow(1_500).getCell(0).getStringCellValue()).isEqualTo("secret-1499");
            assertThat(autoFilterRef(findings)).isEqualTo("A1:N1501");
        }
    }

    @Test
    void goesOnInANewFindingsSheetPastTheRowLimit() throws IOException {
        List<FindingRow> rows = IntStream.range(0, 5).mapToObj(i -> finding("secret-" + i)).toList();
        try (XSSFWorkbook workbook = Workbooks.open(new OwnerWorkbookWriter(2).write("ana@example.com", AS_OF, rows))) {
            assertThat(sheetNames(workbook)).containsExactly("Findings", "Findings (2)", "Findings (3)", "What to do");
            for (String name : List.of("Findings", "Findings (2)", "Findings (3)")) {
                Sheet sheet = workbook.getSheet(name);
                assertThat(rowText(sheet.getRow(0))).as(name).isEqualTo(FINDINGS_HEADER);
                assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
            }
            assertThat(autoFilterRef(workbook.getSheet("Findings (2)"))).isEqualTo("A1:N3");
            assertThat(autoFilterRef(workbook.getSheet("Findings (3)"))).isEqualTo("A1:N2");
            assertThat(workbook.getSheet("Findings (3)").getRow(1).getCell(0).getStringCellValue()).isEqualTo("secret-4");
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
            Sheet findings = workbook.getSheet("Findings");
            XSSFCellStyle header = (XSSFCellStyle) findings.getRow(0).getCell(0).getCellStyle();
            assertThat(header.getFont().getBold()).isTrue();
            assertThat(header.getFillForegroundColorColor().getRGB()).isEqualTo(new byte[] {(byte) 0xD9, (byte) 0xE1, (byte) 0xF2});
            for (int r = 1; r <= rows.size(); r++) {
                Cell status = findings.getRow(r).getCell(6);
                XSSFCellStyle style = (XSSFCellStyle) status.getCellStyle();
                assertThat(style.getFillPattern()).isEqualTo(FillPatternType.SOLID_FOREGROUND);
                assertThat(style.getFillForegroundColorColor().getRGB()).as(status.getStringCellValue())
                        .isEqualTo(StatusColours.of(Status.valueOf(status.getStringCellValue())));
            }
            Cell title = workbook.getSheet("What to do").getRow(0).getCell(0);
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
            Row row = workbook.getSheet("Findings").getRow(1);
            assertThat(DateUtil.isCellDateFormatted(row.getCell(8))).isTrue();
            assertThat(row.getCell(8).getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2025, 5, 20));
            assertThat(row.getCell(9).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(6).getStringCellValue()).isEqualTo("OVERDUE");
        }
    }

    @Test
    void explainsWhatToDoWithTheEarliestDueDateNeedingAction() throws IOException {
        List<FindingRow> rows = List.of(
                due("late", Status.OVERDUE, LocalDate.of(2025, 5, 20)),
                due("soon", Status.DUE_SOON, LocalDate.of(2025, 5, 10)),
                due("waived", Status.WAIVED, LocalDate.of(2025, 1, 1)));
        try (XSSFWorkbook workbook = Workbooks.open(writer.write("ana@example.com", AS_OF, rows))) {
            Sheet guidance = workbook.getSheet("What to do");
            String text = String.join("\n", textOf(guidance));
            assertThat(text).contains("ana@example.com", "2025-06-01", "Kubiya Control Plane", "consumer",
                    "Revoke the old value", "approver", "security team");
            Cell earliest = labelled(guidance, "Earliest due date");
            assertThat(DateUtil.isCellDateFormatted(earliest)).isTrue();
            assertThat(earliest.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2025, 5, 10));
        }
    }

    @Test
    void saysSoWhenNoFindingHasADueDate() throws IOException {
        List<FindingRow> rows = List.of(due("x", Status.INSUFFICIENT_DATA, null));
        try (XSSFWorkbook workbook = Workbooks.open(writer.write("ana@example.com", AS_OF, rows))) {
            assertThat(labelled(workbook.getSheet("What to do"), "Earliest due date").getStringCellValue())
                    .isEqualTo("none");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx"})
    void formulaLikeTextStaysInertText(String payload) throws IOException {
        FindingRow row = new FindingRow(payload, null, null, null, payload, Rule.ROTATION, Status.OVERDUE,
                Severity.HIGH, null, null, "NEW", payload);
        try (XSSFWorkbook workbook = Workbooks.open(writer.write(payload, AS_OF, List.of(row)))) {
            Row written = workbook.getSheet("Findings").getRow(1);
            for (int column : new int[] {0, 4, 11}) {
                Cell cell = written.getCell(column);
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isIn(payload, payload.replace('\r', '\n'));
                assertThat(cell.getCellStyle().getQuotePrefixed()).as(FINDINGS_HEADER.get(column)).isTrue();
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
