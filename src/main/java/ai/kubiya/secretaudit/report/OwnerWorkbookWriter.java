package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes the workbook attached to an owner's email: their {@code Findings} (same layout as the
 * auditor's) and a {@code What to do} sheet. Small by nature, so built in memory, and written by
 * {@link XlsxStream} rather than POI: at thousands of owners a run, POI's per-workbook cost was most of
 * the notification step.
 */
public final class OwnerWorkbookWriter {

    static final String GUIDANCE_SHEET = "What to do";

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

    private final int maxDataRowsPerSheet;

    public OwnerWorkbookWriter() {
        this(TableSheets.EXCEL_MAX_DATA_ROWS);
    }

    OwnerWorkbookWriter(int maxDataRowsPerSheet) {
        this.maxDataRowsPerSheet = maxDataRowsPerSheet;
    }

    public byte[] write(String owner, LocalDate asOf, List<FindingRow> rows) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rows, "rows");
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + rows.size() * 64);
        try (XlsxStream workbook = new XlsxStream(out)) {
            writeFindings(workbook, rows);
            writeGuidance(workbook, owner, asOf, earliestDueDate(rows));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the owner workbook", e);
        }
        return out.toByteArray();
    }

    /** Past Excel's row limit the table goes on in {@code Findings (2)}, as in the auditor's workbook. */
    private void writeFindings(XlsxStream workbook, List<FindingRow> rows) {
        TableLayout<FindingRow> layout = FindingsLayout.TABLE;
        List<Integer> widths = layout.columns().stream().map(TableLayout.Column::width).toList();
        int sheets = Math.max(1, (rows.size() + maxDataRowsPerSheet - 1) / maxDataRowsPerSheet);
        for (int s = 0; s < sheets; s++) {
            XlsxStream.Sheet sheet = workbook.sheet(layout.sheetName(s + 1), widths, true);
            sheet.row(0).header(layout.titles());
            List<FindingRow> part = rows.subList(s * maxDataRowsPerSheet,
                    Math.min(rows.size(), (s + 1) * maxDataRowsPerSheet));
            for (int r = 0; r < part.size(); r++) {
                layout.fill(sheet.row(r + 1), part.get(r));
            }
        }
    }

    private static Optional<LocalDate> earliestDueDate(List<FindingRow> rows) {
        return rows.stream()
                .filter(row -> row.status() == null || row.status().needsAction())
                .map(FindingRow::dueDate)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    private static void writeGuidance(XlsxStream workbook, String owner, LocalDate asOf,
            Optional<LocalDate> earliestDue) {
        XlsxStream.Sheet sheet = workbook.sheet(GUIDANCE_SHEET, List.of(110, 14), false);
        int r = 0;
        sheet.row(r++).title(0, "What to do");
        sheet.row(r++).text(0, "Secrets owned by " + (owner == null ? "you" : owner)
                + " that need attention as of " + asOf + " are listed in the Findings sheet.");
        XlsxStream.Sheet due = sheet.row(r++);
        due.text(0, "Earliest due date");
        if (earliestDue.isPresent()) {
            due.date(1, earliestDue.get());
        } else {
            due.text(1, "none");
        }
        r++;
        for (String line : GUIDANCE) {
            if (!line.isEmpty()) {
                sheet.row(r).text(0, line);
            }
            r++;
        }
    }
}
