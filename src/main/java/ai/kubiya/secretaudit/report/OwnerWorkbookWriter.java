package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * Writes the workbook attached to an owner's email: their {@code Findings} (same layout as the
 * auditor's) and a {@code What to do} sheet. Small by nature, so built in memory.
 */
public final class OwnerWorkbookWriter {

    static final String GUIDANCE_SHEET = "What to do";
    private static final int ROW_WINDOW = 1000;

    private static final List<String> GUIDANCE = List.of(
            "To rotate a secret:",
            "1. Create a new value for the secret in the Kubiya Control Plane.",
            "2. Update every consumer (integrations, agents, jobs) to use the new value, and check that they work.",
            "3. Revoke the old value, so that it can no longer be used.",
            "",
            "Cannot rotate in time? A waiver needs an approver: open a ticket with the security team naming the"
                    + " secret, the rule, the reason and until when.",
            "Never put a secret value in an email, a ticket or this workbook.",
            "Statuses: " + Status.OVERDUE + ", " + Status.EXPIRED + " and " + Status.MISSING + " need action now; "
                    + Status.DUE_SOON + " and " + Status.EXPIRING + " soon.");

    public byte[] write(String owner, LocalDate asOf, List<FindingRow> rows) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rows, "rows");
        // SXSSF writes rows as plain XML; XSSF's XMLBeans model made this 5x slower at 10,000 owners a run
        try (InMemoryWorkbook workbook = new InMemoryWorkbook(ROW_WINDOW);
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellWriter cells = new CellWriter(workbook);
            TableSheets<FindingRow> findings =
                    new TableSheets<>(workbook, cells, FindingsLayout.TABLE, TableSheets.EXCEL_MAX_DATA_ROWS);
            rows.forEach(findings);
            findings.finish();
            writeGuidance(workbook.createSheet(GUIDANCE_SHEET), cells, owner, asOf, earliestDueDate(rows));
            workbook.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the owner workbook", e);
        }
    }

    private static Optional<LocalDate> earliestDueDate(List<FindingRow> rows) {
        return rows.stream()
                .filter(row -> row.status() == null || row.status().needsAction())
                .map(FindingRow::dueDate)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    private static void writeGuidance(Sheet sheet, CellWriter cells, String owner, LocalDate asOf,
            Optional<LocalDate> earliestDue) {
        sheet.setColumnWidth(0, 110 * 256);
        sheet.setColumnWidth(1, 14 * 256);
        int r = 0;
        cells.title(sheet.createRow(r++), 0, "What to do");
        cells.text(sheet.createRow(r++), 0, "Secrets owned by " + (owner == null ? "you" : owner)
                + " that need attention as of " + asOf + " are listed in the Findings sheet.");
        Row due = sheet.createRow(r++);
        cells.text(due, 0, "Earliest due date");
        if (earliestDue.isPresent()) {
            cells.date(due, 1, earliestDue.get());
        } else {
            cells.text(due, 1, "none");
        }
        r++;
        for (String line : GUIDANCE) {
            Row row = sheet.createRow(r++);
            if (!line.isEmpty()) {
                cells.text(row, 0, line);
            }
        }
    }
}
