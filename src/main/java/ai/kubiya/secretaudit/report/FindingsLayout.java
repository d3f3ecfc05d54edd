package ai.kubiya.secretaudit.report;

import static ai.kubiya.secretaudit.report.TableLayout.Column.date;
import static ai.kubiya.secretaudit.report.TableLayout.Column.name;
import static ai.kubiya.secretaudit.report.TableLayout.Column.number;
import static ai.kubiya.secretaudit.report.TableLayout.Column.status;
import static ai.kubiya.secretaudit.report.TableLayout.Column.text;

import ai.kubiya.secretaudit.finding.FindingRow;
import java.util.List;

/** The Findings sheet (docs/evidence.md#sheets-and-columns), identical in the auditor workbook and in each owner's. */
final class FindingsLayout {

    static final TableLayout<FindingRow> TABLE = new TableLayout<>("Findings", List.of(
            text("Secret", 40, FindingRow::secret),
            text("Type", 14, FindingRow::type),
            text("Scope", 16, FindingRow::scope),
            text("Integration", 18, FindingRow::integration),
            text("Owner", 32, FindingRow::owner),
            name("Rule", 20, FindingRow::rule),
            status("Status", 18, FindingRow::status),
            name("Severity", 10, FindingRow::severity),
            date("Due date", 12, FindingRow::dueDate),
            number("Age (days)", 11, FindingRow::ageDays),
            text("Lifecycle", 11, FindingRow::lifecycle),
            text("Message", 80, FindingRow::message),
            text("Waiver", 30, FindingRow::waiver),
            text("Controls", 60, row -> row.rule() == null ? null : row.rule().controls())));

    private FindingsLayout() {
    }
}
