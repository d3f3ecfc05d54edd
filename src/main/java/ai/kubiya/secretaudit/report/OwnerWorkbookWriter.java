package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes the workbook attached to an owner's email: first what to do, worst first ({@link OwnerLayout}, the
 * owner's columns, not the auditor's), then how to rotate and how to ask for a waiver. Small by nature, so built
 * in memory, and written by {@link XlsxStream} rather than POI: at thousands of owners a run, POI's per-workbook
 * cost was most of the notification step.
 */
public final class OwnerWorkbookWriter {

    static final String HOW_TO_SHEET = "How to";

    private static final List<String> GUIDANCE = List.of(
            "To rotate a secret:",
            "1. Create a new value for the secret in the Kubiya Control Plane.",
            "2. Update every consumer (integrations, agents, jobs) to use the new value, and check that they work.",
            "3. Revoke the old value, so that it can no longer be used.",
            "An unused secret: rotate it if it is still needed, otherwise delete it.",
            "",
            "Never put a secret value in an email, a ticket or this workbook.",
            "Statuses: " + Status.EXPIRED + ", " + Status.OVERDUE + " and " + Status.MISSING + " need action now; "
                    + Status.DUE_SOON + " and " + Status.EXPIRING + " soon.");

    private final int maxDataRowsPerSheet;

    public OwnerWorkbookWriter() {
        this(TableSheets.EXCEL_MAX_DATA_ROWS);
    }

    OwnerWorkbookWriter(int maxDataRowsPerSheet) {
        this.maxDataRowsPerSheet = maxDataRowsPerSheet;
    }

    /**
     * @param rows          in any order: the workbook lists them {@link WorstFirst worst first}
     * @param advice        what to do about each row
     * @param waiverRequest a link or {@code mailto:} to request a waiver; {@code null}: the security team
     */
    public byte[] write(String owner, LocalDate asOf, List<FindingRow> rows, Function<FindingRow, OwnerAdvice> advice,
                        String waiverRequest) {
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(rows, "rows");
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096 + rows.size() * 64);
        try (XlsxStream workbook = new XlsxStream(out)) {
            writeLines(workbook, layout(owner, rows), lines(asOf, rows, advice));
            writeHowTo(workbook, owner, asOf, earliestDueDate(rows), waiverRequest);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the owner workbook", e);
        }
        return out.toByteArray();
    }

    private static List<OwnerLayout.Line> lines(LocalDate asOf, List<FindingRow> rows,
                                                Function<FindingRow, OwnerAdvice> advice) {
        List<FindingRow> sorted = new ArrayList<>(rows);
        sorted.sort(WorstFirst.ORDER);
        List<OwnerLayout.Line> lines = new ArrayList<>(sorted.size());
        for (FindingRow row : sorted) {
            lines.add(new OwnerLayout.Line(row, WorstFirst.word(row), WorstFirst.daysOverdue(row, asOf),
                    advice.apply(row)));
        }
        return lines;
    }

    /** Past Excel's row limit the table goes on in {@code What to do (2)}, as the auditor's Findings do. */
    private void writeLines(XlsxStream workbook, TableLayout<OwnerLayout.Line> layout, List<OwnerLayout.Line> lines) {
        List<Integer> widths = layout.columns().stream().map(TableLayout.Column::width).toList();
        int sheets = Math.max(1, (lines.size() + maxDataRowsPerSheet - 1) / maxDataRowsPerSheet);
        for (int s = 0; s < sheets; s++) {
            XlsxStream.Sheet sheet = workbook.sheet(layout.sheetName(s + 1), widths, true);
            sheet.row(0).header(layout.titles());
            List<OwnerLayout.Line> part = lines.subList(s * maxDataRowsPerSheet,
                    Math.min(lines.size(), (s + 1) * maxDataRowsPerSheet));
            for (int r = 0; r < part.size(); r++) {
                layout.fill(sheet.row(r + 1), part.get(r));
            }
        }
    }

    /** Rows of other owners than the reader (the fallback recipient's email) name their owner. */
    private static TableLayout<OwnerLayout.Line> layout(String owner, List<FindingRow> rows) {
        boolean others = rows.stream().anyMatch(row -> owner == null || !owner.equalsIgnoreCase(row.owner()));
        return others ? OwnerLayout.FOR_OTHERS : OwnerLayout.TABLE;
    }

    private static Optional<LocalDate> earliestDueDate(List<FindingRow> rows) {
        return rows.stream()
                .filter(row -> row.status() == null || row.status().needsAction())
                .map(FindingRow::dueDate)
                .filter(Objects::nonNull)
                .min(Comparator.naturalOrder());
    }

    private static void writeHowTo(XlsxStream workbook, String owner, LocalDate asOf,
                                   Optional<LocalDate> earliestDue, String waiverRequest) {
        XlsxStream.Sheet sheet = workbook.sheet(HOW_TO_SHEET, List.of(110, 14), false);
        int r = 0;
        sheet.row(r++).title(0, "How to");
        sheet.row(r++).text(0, "Secrets owned by " + (owner == null ? "you" : owner)
                + " that need attention as of " + asOf + " are listed, worst first, in the sheet "
                + OwnerLayout.TABLE.sheetName() + ".");
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
        sheet.row(r).text(0, "Cannot fix it in time? Request a waiver (it needs an approver): "
                + (waiverRequest == null ? "ask the security team, naming the secret, the rule, the reason and until"
                + " when." : waiverRequest));
    }
}
