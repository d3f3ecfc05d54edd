package ai.kubiya.secretaudit.report;

import static ai.kubiya.secretaudit.report.TableLayout.Column.date;
import static ai.kubiya.secretaudit.report.TableLayout.Column.dateTime;
import static ai.kubiya.secretaudit.report.TableLayout.Column.name;
import static ai.kubiya.secretaudit.report.TableLayout.Column.number;
import static ai.kubiya.secretaudit.report.TableLayout.Column.severity;
import static ai.kubiya.secretaudit.report.TableLayout.Column.status;
import static ai.kubiya.secretaudit.report.TableLayout.Column.text;
import static ai.kubiya.secretaudit.report.TableLayout.Column.wrapped;

import ai.kubiya.secretaudit.finding.FindingRow;
import java.util.List;

/** The Findings sheet (docs/evidence.md#sheets-and-columns), identical in the auditor workbook and in each owner's. */
final class FindingsLayout {

    /**
     * Widths chosen for paper as well as screen: printed one page wide, the 17 columns (344 characters) shrink to
     * about 40% (measured in LibreOffice's PDF, landscape Letter), so Message and Controls wrap instead of being
     * 80 and 60 characters wide; each 10 characters more would shrink the type by about 3%.
     * Age basis names the field Age (days) was measured from; with Rotated and Updated (and Created, on the
     * Inventory sheet) every age can be recomputed. They come last: columns are only ever added at the end
     * (docs/evidence.md#sheets-and-columns).
     */
    static final TableLayout<FindingRow> TABLE = new TableLayout<>("Findings", List.of(
            text("Secret", 36, FindingRow::secret),
            text("Type", 12, FindingRow::type),
            text("Scope", 12, FindingRow::scope),
            text("Integration", 14, FindingRow::integration),
            text("Owner", 28, FindingRow::owner),
            name("Rule", 19, FindingRow::rule),
            status("Status", 18, FindingRow::status),
            severity("Severity", 9, FindingRow::severity),
            date("Due date", 11, FindingRow::dueDate),
            number("Age (days)", 10, FindingRow::ageDays),
            text("Lifecycle", 10, FindingRow::lifecycle),
            wrapped("Message", 50, FindingRow::message),
            text("Waiver", 20, FindingRow::waiver),
            wrapped("Controls", 44, row -> row.rule() == null ? null : row.rule().controls()),
            text("Age basis", 11, FindingRow::ageBasis),
            dateTime("Rotated (UTC)", 20, FindingRow::rotated),
            dateTime("Updated (UTC)", 20, FindingRow::updated)));

    private FindingsLayout() {
    }
}
