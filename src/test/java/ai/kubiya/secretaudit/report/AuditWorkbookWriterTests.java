package ai.kubiya.secretaudit.report;

import static ai.kubiya.secretaudit.support.Workbooks.autoFilterRef;
import static ai.kubiya.secretaudit.support.Workbooks.cellsOfType;
import static ai.kubiya.secretaudit.support.Workbooks.dataRows;
import static ai.kubiya.secretaudit.support.Workbooks.rowText;
import static ai.kubiya.secretaudit.support.Workbooks.sheetNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.InventoryRow;
import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.support.Workbooks;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

class AuditWorkbookWriterTests {

    static final List<String> FINDINGS_HEADER = List.of("Secret", "Type", "Scope", "Integration", "Owner", "Rule",
            "Status", "Severity", "Due date", "Age (days)", "Lifecycle", "Message", "Waiver", "Controls", "Age basis",
            "Rotated (UTC)", "Updated (UTC)");
    static final int MESSAGE = FINDINGS_HEADER.indexOf("Message");
    static final List<String> INVENTORY_HEADER = List.of("Secret", "Type", "Scope", "Integration", "Owner",
            "Created (UTC)", "Last used (UTC)", "Expires (UTC)", "Status", "Rotated (UTC)", "Updated (UTC)", "Age basis");
    private static final Instant AS_OF = Instant.parse("2025-06-01T02:00:00Z");

    @Test
    void writesTheSheetsInSpecOrder() throws IOException {
        try (XSSFWorkbook workbook = write(List.of(finding("db-password")), List.of(inventory("db-password")))) {
            assertThat(sheetNames(workbook)).containsExactly("Summary", "Findings", "Inventory", "Changes", "Waivers", "Run");
        }
    }

    @Test
    void headersCarryTheExactColumnTitles() throws IOException {
        try (XSSFWorkbook workbook = write(List.of(finding("a")), List.of(inventory("a")))) {
            assertThat(rowText(workbook.getSheet("Findings").getRow(0))).isEqualTo(FINDINGS_HEADER);
            assertThat(rowText(workbook.getSheet("Inventory").getRow(0))).isEqualTo(INVENTORY_HEADER);
        }
    }

    @Test
    void findingCellsHaveRealTypes() throws IOException {
        try (XSSFWorkbook workbook = write(List.of(finding("db-password")), List.of())) {
            Row row = workbook.getSheet("Findings").getRow(1);
            Cell due = row.getCell(8);
            assertThat(due.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(due)).isTrue();
            assertThat(due.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(due.getLocalDateTimeCellValue().toLocalDate()).isEqualTo(LocalDate.of(2025, 5, 20));
            Cell age = row.getCell(9);
            assertThat(age.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(age)).isFalse();
            assertThat(age.getNumericCellValue()).isEqualTo(103.0);
            assertThat(rowText(row).subList(0, 8)).containsExactly("db-password", "password", "org", "github",
                    "ana@example.com", "ROTATION", "OVERDUE", "HIGH");
            assertThat(rowText(row).subList(MESSAGE - 1, MESSAGE + 1)).containsExactly("OPEN", "Rotate every 90 days");
        }
    }

    @Test
    void nullsAreBlankCells() throws IOException {
        FindingRow sparse = new FindingRow("s", null, null, null, null, Rule.METADATA, Status.INSUFFICIENT_DATA,
                Severity.LOW, null, null, "NEW", null);
        InventoryRow unused = new InventoryRow("s", null, null, null, null, null, null, null, Status.OK);
        try (XSSFWorkbook workbook = write(List.of(sparse), List.of(unused))) {
            Row finding = workbook.getSheet("Findings").getRow(1);
            for (int column : new int[] {1, 2, 3, 4, 8, 9, MESSAGE, 14, 15, 16}) {
                assertThat(finding.getCell(column, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK).getCellType())
                        .as("column %s", FINDINGS_HEADER.get(column)).isEqualTo(CellType.BLANK);
            }
            Row item = workbook.getSheet("Inventory").getRow(1);
            for (int column = 1; column <= 11; column++) {
                if (column == 8) {
                    continue; // Status
                }
                assertThat(item.getCell(column, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK).getCellType())
                        .as("column %s", INVENTORY_HEADER.get(column)).isEqualTo(CellType.BLANK);
            }
        }
    }

    @Test
    void inventoryInstantsAreUtcDateTimes() throws IOException {
        try (XSSFWorkbook workbook = write(List.of(), List.of(inventory("api-key")))) {
            Row row = workbook.getSheet("Inventory").getRow(1);
            Cell created = row.getCell(5);
            assertThat(created.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(DateUtil.isCellDateFormatted(created)).isTrue();
            assertThat(created.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            assertThat(new DataFormatter().formatCellValue(created)).isEqualTo("2024-01-02 03:04:05");
            assertThat(created.getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 1, 2, 3, 4, 5));
            assertThat(row.getCell(6).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2025, 5, 30, 23, 0));
            assertThat(row.getCell(7)).isNull();
            assertThat(row.getCell(8).getStringCellValue()).isEqualTo("DUE_SOON");
        }
    }

    @Test
    void datesExcelCannotHoldAreWrittenAsIsoText() throws IOException {
        InventoryRow ancient = new InventoryRow("old", null, null, null, null,
                Instant.parse("1899-12-31T00:00:00Z"), null, null, Status.OK);
        try (XSSFWorkbook workbook = write(List.of(), List.of(ancient))) {
            Cell created = workbook.getSheet("Inventory").getRow(1).getCell(5);
            assertThat(created.getCellType()).isEqualTo(CellType.STRING);
            assertThat(created.getStringCellValue()).isEqualTo("1899-12-31T00:00:00Z");
        }
    }

    @Test
    void statusCellsAreColouredByUrgencyWithStylesMadeOnce() throws IOException {
        List<FindingRow> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(finding("s" + i, Status.values()[i % Status.values().length]));
        }
        try (XSSFWorkbook workbook = write(rows, List.of())) {
            Map<Status, String> fills = new EnumMap<>(Status.class);
            for (Row row : workbook.getSheet("Findings")) {
                if (row.getRowNum() > 0) {
                    Cell status = row.getCell(6);
                    XSSFCellStyle style = (XSSFCellStyle) status.getCellStyle();
                    fills.put(Status.valueOf(status.getStringCellValue()), style.getFillForegroundXSSFColor().getARGBHex());
                }
            }
            assertThat(fills.get(Status.OVERDUE)).isEqualTo(fills.get(Status.EXPIRED)).isEqualTo(fills.get(Status.MISSING))
                    .endsWith("FFC7CE");
            assertThat(fills.get(Status.DUE_SOON)).isEqualTo(fills.get(Status.EXPIRING));
            assertThat(fills.get(Status.UNUSED)).isEqualTo(fills.get(Status.INSUFFICIENT_DATA));
            assertThat(List.of(fills.get(Status.OVERDUE), fills.get(Status.DUE_SOON), fills.get(Status.UNUSED),
                    fills.get(Status.WAIVED), fills.get(Status.OK))).doesNotHaveDuplicates();
            assertThat(workbook.getNumCellStyles()).isLessThan(30);
        }
    }

    @Test
    void headerIsBoldFrozenAndFilteredWithFixedWidths() throws IOException {
        try (XSSFWorkbook workbook = write(List.of(finding("a"), finding("b")), List.of(inventory("a")))) {
            assertTableSheet(workbook.getSheet("Findings"), "A1:Q3");
            assertTableSheet(workbook.getSheet("Inventory"), "A1:L2");
            Sheet findings = workbook.getSheet("Findings");
            assertThat(findings.getColumnWidth(0)).isGreaterThan(findings.getColumnWidth(1));
            assertThat(findings.getColumnWidth(MESSAGE)).isGreaterThan(findings.getColumnWidth(0));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\u0000=1+1"})
    void formulaLikeTextStaysInertText(String payload) throws IOException {
        FindingRow finding = new FindingRow(payload, "password", "org", "github", payload, Rule.ROTATION,
                Status.OVERDUE, Severity.HIGH, null, 1, "NEW", payload);
        InventoryRow item = new InventoryRow(payload, null, null, null, payload, null, null, null, Status.OVERDUE);
        List<SummarySection> summary = List.of(new SummarySection("By owner", List.of(new SummarySection.Count(payload, 1))));
        String expected = CellWriter.clean(payload);
        try (XSSFWorkbook workbook = write(new AuditWorkbookWriter(), run(payload), summary, List.of(finding), List.of(item))) {
            List<Cell> planted = List.of(
                    workbook.getSheet("Findings").getRow(1).getCell(0),
                    workbook.getSheet("Findings").getRow(1).getCell(4),
                    workbook.getSheet("Findings").getRow(1).getCell(MESSAGE),
                    workbook.getSheet("Inventory").getRow(1).getCell(0),
                    workbook.getSheet("Inventory").getRow(1).getCell(4),
                    workbook.getSheet("Summary").getRow(3).getCell(0),
                    runValue(workbook, "Source"));
            assertThat(planted).allSatisfy(cell -> {
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                assertThat(cell.getStringCellValue()).isIn(expected, expected.replace('\r', '\n'));
                assertThat(cell.getCellStyle().getQuotePrefixed()).isTrue();
            });
            assertThat(cellsOfType(workbook, CellType.FORMULA)).isEmpty();
        }
    }

    @Test
    void ordinaryTextIsNotQuotePrefixed() throws IOException {
        try (XSSFWorkbook workbook = write(List.of(finding("db-password")), List.of())) {
            assertThat(workbook.getSheet("Findings").getRow(1).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
        }
    }

    @Test
    void charactersXlsxCannotHoldAreRemoved() throws IOException {
        String dirty = "a\u0000b\u0007c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh\uD800i\uDC00j";
        FindingRow row = new FindingRow(dirty, null, null, null, "x\ty", Rule.ROTATION, Status.OVERDUE,
                Severity.HIGH, null, null, "NEW", "line1\nline2 \uD83D\uDD11");
        try (XSSFWorkbook workbook = write(List.of(row), List.of())) {
            Row written = workbook.getSheet("Findings").getRow(1);
            assertThat(written.getCell(0).getStringCellValue()).isEqualTo("abcdefghij");
            assertThat(written.getCell(4).getStringCellValue()).isEqualTo("x\ty");
            assertThat(written.getCell(MESSAGE).getStringCellValue()).isEqualTo("line1\nline2 \uD83D\uDD11");
        }
    }

    @Test
    void overlongTextIsCappedAtExcelsCellLimit() throws IOException {
        String message = "m".repeat(40_000);
        FindingRow row = new FindingRow("s", null, null, null, null, Rule.ROTATION, Status.OVERDUE,
                Severity.HIGH, null, null, "NEW", message);
        try (XSSFWorkbook workbook = write(List.of(row), List.of())) {
            assertThat(workbook.getSheet("Findings").getRow(1).getCell(MESSAGE).getStringCellValue()).hasSize(32_767);
        }
    }

    @Test
    void splitsLongTablesAcrossNumberedSheets() throws IOException {
        List<FindingRow> findings = IntStream.range(0, 12).mapToObj(i -> finding("f" + i)).toList();
        List<InventoryRow> inventory = IntStream.range(0, 6).mapToObj(i -> inventory("i" + i)).toList();
        try (XSSFWorkbook workbook = write(new AuditWorkbookWriter(5), run("file:x"), summary(), findings, inventory)) {
            assertThat(sheetNames(workbook)).containsExactly("Summary", "Findings", "Findings (2)", "Findings (3)",
                    "Inventory", "Inventory (2)", "Changes", "Waivers", "Run");
            assertThat(Stream.of("Findings", "Findings (2)", "Findings (3)").map(workbook::getSheet)
                    .map(Workbooks::dataRows)).containsExactly(5, 5, 2);
            assertThat(Stream.of("Inventory", "Inventory (2)").map(workbook::getSheet).map(Workbooks::dataRows))
                    .containsExactly(5, 1);
            for (String name : List.of("Findings", "Findings (2)", "Findings (3)")) {
                assertThat(rowText(workbook.getSheet(name).getRow(0))).as(name).isEqualTo(FINDINGS_HEADER);
            }
            assertTableSheet(workbook.getSheet("Findings (2)"), "A1:Q6");
            assertTableSheet(workbook.getSheet("Findings (3)"), "A1:Q3");
            assertTableSheet(workbook.getSheet("Inventory (2)"), "A1:L2");
            List<String> secrets = Stream.of("Findings", "Findings (2)", "Findings (3)").map(workbook::getSheet)
                    .flatMap(sheet -> IntStream.rangeClosed(1, sheet.getLastRowNum())
                            .mapToObj(i -> sheet.getRow(i).getCell(0).getStringCellValue()))
                    .toList();
            assertThat(secrets).isEqualTo(findings.stream().map(FindingRow::secret).toList());
        }
    }

    @Test
    void aContinuationSheetPrintsAndWrapsLikeTheFirst() throws IOException {
        List<FindingRow> findings = IntStream.range(0, 7).mapToObj(i -> new FindingRow("f" + i, "password", "org",
                "github", "ana@example.com", Rule.ROTATION, Status.OVERDUE, Severity.HIGH, null, 1, "NEW",
                "word ".repeat(30))).toList();
        try (XSSFWorkbook workbook = write(new AuditWorkbookWriter(5), run("x"), summary(), findings, List.of())) {
            for (String name : List.of("Findings", "Findings (2)")) {
                Sheet sheet = workbook.getSheet(name);
                assertThat(sheet.getPrintSetup().getLandscape()).as(name).isTrue();
                assertThat(sheet.getFitToPage()).as(name).isTrue();
                assertThat(sheet.getRepeatingRows()).as(name).isEqualTo(CellRangeAddress.valueOf("1:1"));
                assertThat(sheet.getFooter().getLeft()).as(name).isEqualTo("Run 42, as of 2025-06-01 02:00:00 UTC");
                assertThat(sheet.getFooter().getCenter()).as(name).isEqualTo("&BDRY RUN");
                Row last = sheet.getRow(sheet.getLastRowNum());
                assertThat(last.getHeightInPoints()).as(name).isEqualTo(3 * WrappedLines.LINE_POINTS);
                assertThat(last.getCell(MESSAGE).getCellStyle().getWrapText()).as(name).isTrue();
            }
            assertThat(workbook.getSheet("Findings (2)").getColumnWidth(MESSAGE))
                    .isEqualTo(workbook.getSheet("Findings").getColumnWidth(MESSAGE)).isEqualTo(50 * 256);
        }
    }

    @Test
    void emptyTablesStillGetTheirHeaderSheet() throws IOException {
        try (XSSFWorkbook workbook = write(List.of(), List.of())) {
            assertThat(rowText(workbook.getSheet("Findings").getRow(0))).isEqualTo(FINDINGS_HEADER);
            assertThat(dataRows(workbook.getSheet("Findings"))).isZero();
            assertTableSheet(workbook.getSheet("Findings"), "A1:Q1");
        }
    }

    @Test
    void runSheetHoldsTheEvidence() throws IOException {
        try (XSSFWorkbook workbook = write(List.of(finding("a")), List.of(inventory("a")))) {
            assertThat(rowText(workbook.getSheet("Run").getRow(0))).containsExactly("Field", "Value");
            assertThat(runValue(workbook, "Run id").getNumericCellValue()).isEqualTo(42.0);
            assertThat(runValue(workbook, "As of (UTC)").getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2025, 6, 1, 2, 0));
            assertThat(DateUtil.isCellDateFormatted(runValue(workbook, "Started (UTC)"))).isTrue();
            assertThat(runValue(workbook, "Ended (UTC)").getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2025, 6, 1, 2, 3, 4));
            assertThat(runValue(workbook, "Source").getStringCellValue()).isEqualTo("file:secrets.json");
            assertThat(runValue(workbook, "Dry run").getBooleanCellValue()).isTrue();
            assertThat(runValue(workbook, "Secrets read").getNumericCellValue()).isEqualTo(1_000.0);
            assertThat(runValue(workbook, "Secrets evaluated").getNumericCellValue()).isEqualTo(998.0);
            assertThat(runValue(workbook, "Malformed records").getNumericCellValue()).isEqualTo(2.0);
            assertThat(runValue(workbook, "Policy version").getStringCellValue()).isEqualTo("sha256:abc");
            assertThat(runValue(workbook, "Policy").getStringCellValue()).isEqualTo("- rotation: 90d\n- unused: 180d");
            assertThat(runValue(workbook, "Application version").getStringCellValue()).isEqualTo("0.1.0");
            List<String> columnA = columnText(workbook.getSheet("Run"), 0);
            assertThat(columnA).containsSubsequence("Malformed records", "line 7: missing name", "line 9: bad date",
                    "Owner workbooks sent", "Owner", "ana@example.com", "bo@example.com", "Unroutable owners",
                    "nobody: no address");
            assertThat(columnText(workbook.getSheet("Run"), 1)).containsSubsequence("SHA-256", "aa11", "bb22");
        }
    }

    @Test
    void runSheetListsTheChatMessagesNotDeliveredAndCountsThoseSent() throws IOException {
        RunEvidence base = run("file:secrets.json");
        String refused = "Slack → DM for dana@acme.example: FAILED_PERMANENT after 1 attempt(s): users_not_found";
        Map<String, Integer> sent = new LinkedHashMap<>(Map.of("Slack", 12));
        sent.put("Teams", 0);
        RunEvidence withChat = new RunEvidence(base.runId(), base.asOf(), base.startedAt(), base.endedAt(),
                base.source(), base.dryRun(), base.read(), base.evaluated(), base.malformed(), base.policyVersion(),
                base.policy(), base.appVersion(), base.malformedRecords(), base.ownerWorkbooks(), base.unroutable(),
                List.of(), List.of(), null, Map.of(), List.of(refused), sent);

        try (XSSFWorkbook workbook = write(new AuditWorkbookWriter(), withChat, summary(), List.of(), List.of());
             XSSFWorkbook without = write(List.of(), List.of())) {
            assertThat(runValue(workbook, "Chat messages sent").getStringCellValue()).isEqualTo("Slack 12, Teams 0");
            assertThat(columnText(workbook.getSheet("Run"), 0)).containsSubsequence("Chat messages not delivered",
                    refused);
            assertThat(runValue(without, "Chat messages sent").getStringCellValue()).isEqualTo("none");
            assertThat(columnText(without.getSheet("Run"), 0)).containsSubsequence("Chat messages not delivered",
                    "None");
        }
    }

    @Test
    void summaryShowsEachSectionAndChartsTheFirst() throws IOException {
        try (XSSFWorkbook workbook = write(List.of(finding("a")), List.of())) {
            XSSFSheet sheet = workbook.getSheet("Summary");
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).contains("42").contains("2025-06-01 02:00:00");
            assertThat(columnText(sheet, 0)).containsSubsequence("By status", "OVERDUE", "DUE_SOON", "By owner",
                    "ana@example.com");
            assertThat(sheet.getRow(3).getCell(1).getNumericCellValue()).isEqualTo(12.0);
            assertThat(sheet.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(3.0);
            assertThat(sheet.getDrawingPatriarch()).as("drawing with the chart").isNotNull();
            List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(1);
            var series = charts.get(0).getChartSeries().get(0).getSeries(0);
            assertThat(series.getCategoryData().getPointCount()).isEqualTo(2);
            assertThat(series.getCategoryData().getDataRangeReference()).isEqualTo("Summary!$A$4:$A$5");
            assertThat(series.getValuesData().getDataRangeReference()).isEqualTo("Summary!$B$4:$B$5");
        }
    }

    @Test
    void summaryChartsStatusByTypeAsClusteredBars() throws IOException {
        StatusMatrix matrix = new StatusMatrix("Secrets by type and status", List.of("token", "api_key"),
                List.of(Status.OK, Status.OVERDUE), new long[][] {{5, 2}, {7, 0}});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AuditWorkbookWriter().write(out, new AuditWorkbookWriter.Content(run("synthetic:10"), summary(),
                sink -> { }, sink -> { }, sink -> { }, List.of(), matrix));

        try (XSSFWorkbook workbook = new XSSFWorkbook(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            XSSFSheet sheet = workbook.getSheet("Summary");
            assertThat(columnText(sheet, 0)).containsSubsequence("Secrets by type and status", "token", "api_key");
            List<XSSFChart> charts = sheet.getDrawingPatriarch().getCharts();
            assertThat(charts).hasSize(2);
            var bars = charts.get(1).getChartSeries().get(0);
            assertThat(bars.getSeriesCount()).isEqualTo(2);
            assertThat(((org.apache.poi.xddf.usermodel.chart.XDDFBarChartData.Series) bars.getSeries(0))
                    .getCTBarSer().getTx().getV()).isEqualTo("OK");
            assertThat(((org.apache.poi.xddf.usermodel.chart.XDDFBarChartData.Series) bars.getSeries(1))
                    .getCTBarSer().getTx().getV()).isEqualTo("OVERDUE");
            assertThat(bars.getSeries(1).getCategoryData().getPointCount()).isEqualTo(2);
            assertThat(bars.getSeries(1).getValuesData().getPointAt(0)).isEqualTo(2.0);
        }
    }

    @Test
    void everyPartOfThePackageIsThereOnceAndReadsBackWithItsChecksum() throws IOException {
        List<FindingRow> findings = IntStream.range(0, 3_000).mapToObj(i -> finding("f" + i)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AuditWorkbookWriter(1_000).write(out, run("x"), summary(), findings::forEach, sink -> { });
        List<String> names = new ArrayList<>();
        // ZipInputStream checks each entry's CRC-32 and sizes against its bytes as it reads them
        try (ZipInputStream zip = new ZipInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                zip.transferTo(OutputStream.nullOutputStream());
            }
        }
        assertThat(names).doesNotHaveDuplicates().contains("xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml")
                .filteredOn(name -> name.startsWith("xl/worksheets/sheet")).hasSize(8);
    }

    @Test
    void theSummaryIsAskedForOnceTheTablesAreWrittenAndItsSheetStaysFirst() throws IOException {
        AtomicBoolean tablesRead = new AtomicBoolean();
        List<Boolean> askedAfterTables = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AuditWorkbookWriter().write(out, new AuditWorkbookWriter.Content(run("x"), () -> {
            askedAfterTables.add(tablesRead.get());
            return new AuditWorkbookWriter.Summary(summary(), null);
        }, List.of(finding("a"))::forEach, sink -> { }, sink -> tablesRead.set(true), List.of()));

        assertThat(askedAfterTables).containsExactly(true);
        try (XSSFWorkbook workbook = Workbooks.open(out.toByteArray())) {
            assertThat(sheetNames(workbook).get(0)).isEqualTo("Summary");
            assertThat(columnText(workbook.getSheet("Summary"), 0)).containsSubsequence("By status", "OVERDUE");
        }
    }

    @Test
    void leavesTheCallersStreamOpen() throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        OutputStream out = new FilterOutputStream(new ByteArrayOutputStream()) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        new AuditWorkbookWriter().write(out, run("x"), summary(), sink -> { }, sink -> { });
        assertThat(closed).isFalse();
    }

    @Test
    void rejectsSheetSizesExcelCannotHold() throws IOException {
        assertThatThrownBy(() -> new AuditWorkbookWriter(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuditWorkbookWriter(1_048_576)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void removesItsTempFilesQuietlyEvenWhenTheRowsFail(CapturedOutput output) throws IOException {
        Path poiTemp = Path.of(System.getProperty("java.io.tmpdir"), "poifiles");
        Set<Path> before = listing(poiTemp);
        RowSource<FindingRow> failing = sink -> {
            IntStream.range(0, 2_000).forEach(i -> sink.accept(finding("f" + i)));
            throw new IllegalStateException("cursor closed");
        };
        assertThatThrownBy(() -> new AuditWorkbookWriter().write(new ByteArrayOutputStream(), run("x"), summary(),
                failing, sink -> { })).hasMessage("cursor closed");
        write(List.of(finding("a")), List.of(inventory("a"))).close();
        assertThat(listing(poiTemp)).isSubsetOf(before);
        assertThat(output).doesNotContain("Failed to dispose");
    }

    @Test
    void streamsTwoHundredThousandLazilyGeneratedInventoryRows() throws Exception {
        int rows = 200_000;
        RowSource<InventoryRow> lazy = sink -> {
            for (int i = 0; i < rows; i++) {
                sink.accept(inventory("secret-" + i));
            }
        };
        Path file = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "inventory", ".xlsx");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                new AuditWorkbookWriter().write(out, run("synthetic"), summary(), sink -> { }, lazy);
            }
            assertThat(countRows(file, "Inventory")).containsExactly(rows + 1, rows + 1);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** @return {number of row elements, the last row's 1-based number} read with SAX, never as a whole */
    private static int[] countRows(Path xlsx, String sheetName) throws Exception {
        try (OPCPackage pkg = OPCPackage.open(xlsx.toFile(), PackageAccess.READ)) {
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) new XSSFReader(pkg).getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    if (sheets.getSheetName().equals(sheetName)) {
                        int[] counts = new int[2];
                        SAXParserFactory factory = SAXParserFactory.newInstance();
                        factory.setNamespaceAware(true);
                        factory.newSAXParser().parse(sheet, new DefaultHandler() {
                            @Override
                            public void startElement(String uri, String local, String qName, Attributes attributes) {
                                if (local.equals("row")) {
                                    counts[0]++;
                                    counts[1] = Integer.parseInt(attributes.getValue("r"));
                                }
                            }
                        });
                        return counts;
                    }
                }
            }
        }
        throw new AssertionError("no sheet " + sheetName);
    }

    private static void assertTableSheet(Sheet sheet, String filterRef) {
        PaneInformation pane = sheet.getPaneInformation();
        assertThat(pane).as(sheet.getSheetName()).isNotNull();
        assertThat(pane.isFreezePane()).isTrue();
        assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
        assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
        assertThat(autoFilterRef(sheet)).as(sheet.getSheetName()).isEqualTo(filterRef);
        assertThat(sheet.getWorkbook().getFontAt(sheet.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold())
                .isTrue();
    }

    private static Cell runValue(XSSFWorkbook workbook, String field) {
        for (Row row : workbook.getSheet("Run")) {
            Cell label = row.getCell(0);
            if (label != null && label.getCellType() == CellType.STRING && label.getStringCellValue().equals(field)) {
                return row.getCell(1);
            }
        }
        throw new AssertionError("no Run field " + field);
    }

    private static List<String> columnText(Sheet sheet, int column) {
        List<String> values = new ArrayList<>();
        for (Row row : sheet) {
            Cell cell = row.getCell(column);
            if (cell != null && cell.getCellType() == CellType.STRING) {
                values.add(cell.getStringCellValue());
            }
        }
        return values;
    }

    private static Set<Path> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.collect(Collectors.toSet());
        }
    }

    private static XSSFWorkbook write(List<FindingRow> findings, List<InventoryRow> inventory) {
        return write(new AuditWorkbookWriter(), run("file:secrets.json"), summary(), findings, inventory);
    }

    private static XSSFWorkbook write(AuditWorkbookWriter writer, RunEvidence run, List<SummarySection> summary,
            List<FindingRow> findings, List<InventoryRow> inventory) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, run, summary, findings::forEach, inventory::forEach);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return Workbooks.open(out.toByteArray());
    }

    static FindingRow finding(String secret) {
        return finding(secret, Status.OVERDUE);
    }

    static FindingRow finding(String secret, Status status) {
        return new FindingRow(secret, "password", "org", "github", "ana@example.com", Rule.ROTATION, status,
                Severity.HIGH, LocalDate.of(2025, 5, 20), 103, "OPEN", "Rotate every 90 days");
    }

    private static InventoryRow inventory(String secret) {
        return new InventoryRow(secret, "api_key", "org", "slack", "bo@example.com",
                Instant.parse("2024-01-02T03:04:05Z"), Instant.parse("2025-05-30T23:00:00Z"), null, Status.DUE_SOON);
    }

    private static RunEvidence run(String source) {
        return new RunEvidence(42, AS_OF, AS_OF, Instant.parse("2025-06-01T02:03:04Z"), source, true, 1_000, 998, 2,
                "sha256:abc", "- rotation: 90d\n- unused: 180d", "0.1.0",
                List.of("line 7: missing name", "line 9: bad date"),
                Map.of("bo@example.com", "bb22", "ana@example.com", "aa11"), List.of("nobody: no address"));
    }

    private static List<SummarySection> summary() {
        return List.of(
                new SummarySection("By status", List.of(new SummarySection.Count("OVERDUE", 12),
                        new SummarySection.Count("DUE_SOON", 3))),
                new SummarySection("By owner", List.of(new SummarySection.Count("ana@example.com", 15))));
    }
}
