package ai.kubiya.secretaudit.report;

import static ai.kubiya.secretaudit.report.TableLayout.Column.date;
import static ai.kubiya.secretaudit.report.TableLayout.Column.name;
import static ai.kubiya.secretaudit.report.TableLayout.Column.number;
import static ai.kubiya.secretaudit.report.TableLayout.Column.status;
import static ai.kubiya.secretaudit.report.TableLayout.Column.text;

import ai.kubiya.secretaudit.finding.FindingRow;
import java.util.ArrayList;
import java.util.List;

/**
 * The owner's "What to do" sheet (docs/owners.md#the-workbook): the owner's columns, not the auditor's — no Owner
 * (always the reader), no Controls (the auditor's concern) — and what to do, with a link, on every row.
 */
final class OwnerLayout {

    /** One row as the owner reads it: the finding, its severity word, days past due, and the advice. */
    record Line(FindingRow row, String severity, Integer daysOverdue, OwnerAdvice advice) {
    }

    static final TableLayout<Line> TABLE = table(false);

    /**
     * For the fallback recipient, who receives the findings of owners that cannot be mailed: which owner each row
     * is about is then the point, so the Owner column is back.
     */
    static final TableLayout<Line> FOR_OTHERS = table(true);

    private OwnerLayout() {
    }

    private static TableLayout<Line> table(boolean owners) {
        List<TableLayout.Column<Line>> columns = new ArrayList<>(List.of(
                text("Severity", 10, Line::severity),
                text("Secret", 40, line -> line.row().secret()),
                status("Status", 18, line -> line.row().status()),
                date("Due date", 12, line -> line.row().dueDate()),
                number("Days overdue", 13, Line::daysOverdue),
                text("What to do", 70, line -> line.advice() == null ? null : line.advice().text()),
                text("Link", 50, line -> line.advice() == null ? null : line.advice().link()),
                name("Rule", 20, line -> line.row().rule()),
                text("Type", 14, line -> line.row().type()),
                text("Scope", 16, line -> line.row().scope()),
                text("Integration", 18, line -> line.row().integration()),
                text("Message", 80, line -> line.row().message()),
                text("Waiver", 30, line -> line.row().waiver())));
        if (owners) {
            columns.add(2, text("Owner", 32, line -> line.row().owner()));
        }
        return new TableLayout<>("What to do", columns);
    }
}
