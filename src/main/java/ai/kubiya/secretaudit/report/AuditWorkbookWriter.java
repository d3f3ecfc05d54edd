package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.finding.ChangeRow;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.InventoryRow;
import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.finding.WaiverRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.zip.Deflater;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes the auditor workbook (docs/evidence.md#sheets-and-columns): {@code Summary}, {@code Findings}, {@code Inventory},
 * {@code Changes}, {@code Waivers}, {@code Run}. POI (SXSSF) writes Summary with its charts, Run, the styles and the
 * workbook part; the table sheets' rows are streamed as XML into deflated temp parts ({@link TableSheets}) that are
 * copied into POI's package as they are, so memory stays bounded whatever the number of rows; a table longer than
 * {@code maxDataRowsPerSheet} continues in {@code Findings (2)}, … Every sheet prints
 * landscape, one page wide, with its first row and a footer on every page ({@link WorkbookPrinting}). The output
 * stream is written but not closed.
 */
public final class AuditWorkbookWriter {

    /** Rows kept in memory per sheet before SXSSF flushes them to its (compressed) temp file: Summary and Run. */
    private static final int ROW_WINDOW = 500;
    /** The table sheets' deflate level; see docs/performance.md#the-auditor-workbook for its size and time. */
    static final int DEFLATE_LEVEL = Deflater.BEST_SPEED;

    private final int maxDataRowsPerSheet;

    public AuditWorkbookWriter() {
        this(TableSheets.EXCEL_MAX_DATA_ROWS);
    }

    public AuditWorkbookWriter(int maxDataRowsPerSheet) {
        if (maxDataRowsPerSheet < 1 || maxDataRowsPerSheet > TableSheets.EXCEL_MAX_DATA_ROWS) {
            throw new IllegalArgumentException(
                    "maxDataRowsPerSheet must be in 1.." + TableSheets.EXCEL_MAX_DATA_ROWS + ": " + maxDataRowsPerSheet);
        }
        this.maxDataRowsPerSheet = maxDataRowsPerSheet;
    }

    /** The Summary sheet's tables and its status-by-type chart (null: none). */
    public record Summary(List<SummarySection> sections, StatusMatrix statusByType) {

        public Summary {
            sections = List.copyOf(sections);
        }
    }

    /**
     * Everything one auditor workbook shows; the row sources are read once, in sheet order. The summary is asked for
     * once the table sheets are written, so that its queries can run meanwhile (13 of the step's 97 s at 1,000,000
     * secrets, on a loaded machine, when they ran first).
     */
    public record Content(RunEvidence run, Supplier<Summary> summary, RowSource<FindingRow> findings,
                          RowSource<InventoryRow> inventory, RowSource<ChangeRow> changes, List<WaiverRow> waivers) {

        public Content {
            Objects.requireNonNull(run, "run");
            Objects.requireNonNull(summary, "summary");
            Objects.requireNonNull(findings, "findings");
            Objects.requireNonNull(inventory, "inventory");
            Objects.requireNonNull(changes, "changes");
            waivers = List.copyOf(waivers);
        }

        /** A summary known before the workbook is written. */
        public Content(RunEvidence run, List<SummarySection> summary, RowSource<FindingRow> findings,
                       RowSource<InventoryRow> inventory, RowSource<ChangeRow> changes, List<WaiverRow> waivers,
                       StatusMatrix statusByType) {
            this(run, constant(new Summary(summary, statusByType)), findings, inventory, changes, waivers);
        }

        private static Supplier<Summary> constant(Summary summary) {
            return () -> summary;
        }
    }

    public void write(OutputStream out, RunEvidence run, List<SummarySection> summary,
            RowSource<FindingRow> findings, RowSource<InventoryRow> inventory) throws IOException {
        write(out, new Content(run, summary, findings, inventory, sink -> { }, List.of(), null));
    }

    public void write(OutputStream out, Content content) throws IOException {
        Objects.requireNonNull(out, "out");
        // close() deletes the temp files (it replaces the deprecated dispose() since POI 5.3).
        try (WorkbookParts parts = new WorkbookParts(DEFLATE_LEVEL);
             SXSSFWorkbook workbook = new SXSSFWorkbook(null, ROW_WINDOW, true, false)) {
            try {
                fill(workbook, parts, content);
            } catch (RuntimeException e) {
                flushQuietly(workbook, e);
                throw e;
            }
            ByteArrayOutputStream template = new ByteArrayOutputStream(1 << 16);
            workbook.write(template);
            parts.write(template.toByteArray(), out);
        }
    }

    /**
     * close() shuts the sheet writers before it disposes them, so rows still in the window of an
     * abandoned workbook would fail to flush and log a misleading "Stream closed"; flush them first.
     */
    private static void flushQuietly(SXSSFWorkbook workbook, RuntimeException failure) {
        for (Sheet sheet : workbook) {
            try {
                ((SXSSFSheet) sheet).flushRows();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private void fill(SXSSFWorkbook workbook, WorkbookParts parts, Content content) {
        CellWriter cells = new CellWriter(workbook);
        WorkbookPrinting printing = WorkbookPrinting.of(content.run());
        SXSSFSheet summarySheet = workbook.createSheet(SummarySheet.NAME);
        StyleIndexes styles = cells.indexes();
        stream(content.findings(), new TableSheets<>(workbook, parts, styles, FindingsLayout.TABLE, printing,
                maxDataRowsPerSheet));
        stream(content.inventory(), new TableSheets<>(workbook, parts, styles, InventoryLayout.TABLE, printing,
                maxDataRowsPerSheet));
        stream(content.changes(), new TableSheets<>(workbook, parts, styles, HistoryLayouts.CHANGES, printing,
                maxDataRowsPerSheet));
        RowSource<WaiverRow> waivers = sink -> content.waivers().forEach(sink);
        stream(waivers, new TableSheets<>(workbook, parts, styles, HistoryLayouts.WAIVERS, printing,
                maxDataRowsPerSheet));
        RunSheet.write(workbook.createSheet(RunSheet.NAME), cells, content.run());
        Summary summary = content.summary().get();
        SummarySheet.write(summarySheet, cells, content.run(), summary.sections(), summary.statusByType());
        for (Sheet sheet : workbook) {
            printing.apply(sheet);
        }
    }

    private static <T> void stream(RowSource<T> rows, TableSheets<T> sheets) {
        rows.forEach(sheets);
        sheets.finish();
    }
}
