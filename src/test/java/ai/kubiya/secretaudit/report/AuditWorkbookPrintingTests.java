package ai.kubiya.secretaudit.report;

import static ai.kubiya.secretaudit.support.Workbooks.rowText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The auditor workbook on paper, and the columns that let an auditor re-perform every age (issue 16). */
class AuditWorkbookPrintingTests {

    static final Instant AS_OF = Instant.parse("2025-06-01T02:00:00Z");
    static final Instant ROTATED = Instant.parse("2024-12-23T10:11:12Z");
    static final Instant UPDATED = Instant.parse("2025-01-02T03:04:05Z");

    @Test
    void everySheetPrintsLandscapeOnePageWideWithItsFirstRowAndTheRunOnEveryPage() throws IOException {
        try (XSSFWorkbook workbook = write(false)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(6);
            for (Sheet sheet : workbook) {
                String name = sheet.getSheetName();
                assertThat(sheet.getPrintSetup().getLandscape()).as(name).isTrue();
                assertThat(sheet.getFitToPage()).as(name).isTrue();
                assertThat(sheet.getPrintSetup().getFitWidth()).as(name).isEqualTo((short) 1);
                assertThat(sheet.getPrintSetup().getFitHeight()).as(name).isZero();
                assertThat(sheet.getRepeatingRows()).as(name).isEqualTo(new CellRangeAddress(0, 0, -1, -1));
                assertThat(sheet.getFooter().getLeft()).as(name).isEqualTo("Run 42, as of 2025-06-01 02:00:00 UTC");
                assertThat(sheet.getFooter().getCenter()).as(name).isEmpty();
                assertThat(sheet.getFooter().getRight()).as(name).isEqualTo("Page &P of &N");
            }
            assertThat(title(workbook)).isEqualTo("Secret rotation audit: run 42, as of 2025-06-01 02:00:00 UTC")
                    .doesNotContain("DRY RUN");
        }
    }

    @Test
    void aDryRunSaysSoInTheSummaryTitleAndOnEveryPrintedPage() throws IOException {
        try (XSSFWorkbook workbook = write(true)) {
            assertThat(title(workbook)).isEqualTo("DRY RUN: Secret rotation audit: run 42, as of 2025-06-01 02:00:00 UTC");
            for (Sheet sheet : workbook) {
                assertThat(sheet.getFooter().getCenter()).as(sheet.getSheetName()).isEqualTo("&BDRY RUN");
            }
        }
    }

    @Test
    void theRunSheetStartsAPageForEachSection() throws IOException {
        try (XSSFWorkbook workbook = write(false)) {
            Sheet run = workbook.getSheet("Run");
            List<String> pageTops = new ArrayList<>();
            for (int rowBreak : run.getRowBreaks()) {
                pageTops.add(run.getRow(rowBreak + 1).getCell(0).getStringCellValue());
            }
            assertThat(pageTops).containsExactly("Malformed records", "Owner workbooks sent", "Unroutable owners",
                    "Undelivered owner emails", "Earlier runs' owner emails tried again", "Chat messages not delivered");
            assertThat(run.getRow(run.getRowBreaks()[0])).as("the blank row after the fields ends their page").isNull();
            assertThat(run.getRow(run.getRowBreaks()[0] - 1).getCell(0).getStringCellValue())
                    .isEqualTo("Chat messages sent");
        }
    }

    @Test
    void findingsAndInventoryShowTheRotationBasisOfEachSecret() throws IOException {
        try (XSSFWorkbook workbook = write(false)) {
            List<Map<String, String>> findings = rows(workbook, "Findings");
            assertThat(findings).extracting(row -> row.get("Secret"), row -> row.get("Age (days)"),
                            row -> row.get("Age basis"), row -> row.get("Rotated (UTC)"), row -> row.get("Updated (UTC)"))
                    .containsExactly(
                            tuple("rotated", "160", "rotated_at", "2024-12-23 10:11:12", "2025-01-02 03:04:05"),
                            tuple("updated-only", "150", "updated_at", "", "2025-01-02 03:04:05"),
                            tuple("neither", "100", "created_at", "", ""));
            List<Map<String, String>> inventory = rows(workbook, "Inventory");
            assertThat(inventory).extracting(row -> row.get("Secret"), row -> row.get("Age basis"),
                            row -> row.get("Rotated (UTC)"), row -> row.get("Updated (UTC)"))
                    .containsExactly(
                            tuple("rotated", "rotated_at", "2024-12-23 10:11:12", "2025-01-02 03:04:05"),
                            tuple("updated-only", "updated_at", "", "2025-01-02 03:04:05"),
                            tuple("neither", "created_at", "", ""));
            Sheet sheet = workbook.getSheet("Findings");
            Cell rotated = sheet.getRow(1).getCell(rowText(sheet.getRow(0)).indexOf("Rotated (UTC)"));
            assertThat(rotated.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 12, 23, 10, 11, 12));
        }
    }

    @Test
    void severityIsColouredLikeTheStatusOfTheSameUrgency() throws IOException {
        try (XSSFWorkbook workbook = write(false)) {
            Sheet findings = workbook.getSheet("Findings");
            int status = rowText(findings.getRow(0)).indexOf("Status");
            int severity = rowText(findings.getRow(0)).indexOf("Severity");
            for (int r = 1; r <= findings.getLastRowNum(); r++) {
                Row row = findings.getRow(r);
                assertThat(fill(row.getCell(severity))).as(row.getCell(severity).getStringCellValue())
                        .isEqualTo(fill(row.getCell(status)));
            }
            assertThat(fill(findings.getRow(1).getCell(severity))).endsWith("FFC7CE");
            assertThat(fill(findings.getRow(3).getCell(severity))).isNotEqualTo(fill(findings.getRow(1).getCell(severity)));
        }
    }

    @Test
    void aRowIsAsTallAsItsWrappedMessageNeeds() throws IOException {
        try (XSSFWorkbook workbook = write(false)) {
            Sheet findings = workbook.getSheet("Findings");
            assertThat(findings.getRow(1).getHeightInPoints()).as("a long message and controls").isEqualTo(30f);
            assertThat(findings.getRow(3).getHeightInPoints()).as("short texts").isEqualTo(findings.getDefaultRowHeightInPoints());
            int column = rowText(findings.getRow(0)).indexOf("Message");
            XSSFCellStyle message = (XSSFCellStyle) findings.getRow(1).getCell(column).getCellStyle();
            assertThat(message.getWrapText()).isTrue();
        }
    }

    /** Header title → the cell as a spreadsheet shows it, per data row. */
    private static List<Map<String, String>> rows(XSSFWorkbook workbook, String sheetName) {
        DataFormatter formatter = new DataFormatter();
        Sheet sheet = workbook.getSheet(sheetName);
        List<String> titles = rowText(sheet.getRow(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (int r = 1; r <= sheet.getLastRowNum(); r++) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < titles.size(); c++) {
                Cell cell = sheet.getRow(r).getCell(c);
                values.put(titles.get(c), cell == null ? "" : formatter.formatCellValue(cell));
            }
            rows.add(values);
        }
        return rows;
    }

    private static String title(XSSFWorkbook workbook) {
        return workbook.getSheet("Summary").getRow(0).getCell(0).getStringCellValue();
    }

    private static String fill(Cell cell) {
        return ((XSSFCellStyle) cell.getCellStyle()).getFillForegroundXSSFColor().getARGBHex();
    }

    private static XSSFWorkbook write(boolean dryRun) throws IOException {
        Instant created = Instant.parse("2020-01-01T00:00:00Z");
        List<FindingRow> findings = List.of(
                finding("rotated", Status.OVERDUE, Severity.HIGH, 160, ROTATED, UPDATED, "rotated_at",
                        "token last rotated 160 days ago; policy allows 60 days; rotation was due 2025-02-21"),
                finding("updated-only", Status.DUE_SOON, Severity.MEDIUM, 150, null, UPDATED, "updated_at",
                        "api_key last updated 150 days ago; policy allows 90 days"),
                finding("neither", Status.UNUSED, Severity.LOW, 100, null, null, "created_at", "not used"));
        List<InventoryRow> inventory = List.of(
                new InventoryRow("rotated", "token", "org", null, "ana@example.com", created, null, null,
                        Status.OVERDUE, ROTATED, UPDATED, "rotated_at"),
                new InventoryRow("updated-only", "api_key", "org", null, "ana@example.com", created, null, null,
                        Status.DUE_SOON, null, UPDATED, "updated_at"),
                new InventoryRow("neither", "token", "org", null, "ana@example.com", created, null, null,
                        Status.UNUSED, null, null, "created_at"));
        RunEvidence run = new RunEvidence(42, AS_OF, AS_OF, AS_OF.plusSeconds(60), "synthetic", dryRun, 3, 3, 0,
                "sha256:abc", "policy", "0.1.0", List.of(), Map.of("ana@example.com", "aa11"), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AuditWorkbookWriter().write(out, run, List.of(), findings::forEach, inventory::forEach);
        return Workbooks.open(out.toByteArray());
    }

    private static FindingRow finding(String secret, Status status, Severity severity, int age, Instant rotated,
                                      Instant updated, String basis, String message) {
        Rule rule = status == Status.UNUSED ? Rule.UNUSED : Rule.ROTATION;
        return new FindingRow(secret, "token", "org", null, "ana@example.com", rule, status, severity,
                LocalDate.of(2025, 2, 21), age, "NEW", message, null, rotated, updated, basis);
    }
}
