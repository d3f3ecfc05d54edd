package ai.kubiya.secretaudit.report;

import static ai.kubiya.secretaudit.report.TableLayout.Column.date;
import static ai.kubiya.secretaudit.report.TableLayout.Column.dateTime;
import static ai.kubiya.secretaudit.report.TableLayout.Column.name;
import static ai.kubiya.secretaudit.report.TableLayout.Column.number;
import static ai.kubiya.secretaudit.report.TableLayout.Column.status;
import static ai.kubiya.secretaudit.report.TableLayout.Column.text;

import ai.kubiya.secretaudit.finding.ChangeRow;
import ai.kubiya.secretaudit.finding.WaiverRow;
import java.util.List;

/** The {@code Changes} and {@code Waivers} sheets: what moved since the previous run, and on whose authority. */
final class HistoryLayouts {

    static final TableLayout<ChangeRow> CHANGES = new TableLayout<>("Changes", List.of(
            text("Change", 11, ChangeRow::change),
            text("Secret", 40, ChangeRow::secret),
            text("Type", 14, ChangeRow::type),
            text("Scope", 16, ChangeRow::scope),
            text("Integration", 18, ChangeRow::integration),
            text("Owner", 32, ChangeRow::owner),
            name("Rule", 20, ChangeRow::rule),
            status("Status", 18, ChangeRow::status),
            dateTime("First seen (UTC)", 20, ChangeRow::firstSeen),
            number("Days open", 10, ChangeRow::daysOpen)));

    static final TableLayout<WaiverRow> WAIVERS = new TableLayout<>("Waivers", List.of(
            text("Secret", 30, WaiverRow::secret),
            name("Rule", 20, WaiverRow::rule),
            text("Reason", 50, WaiverRow::reason),
            text("Approved by", 30, WaiverRow::approvedBy),
            text("Ticket", 16, WaiverRow::ticket),
            date("Expires", 12, WaiverRow::expires),
            text("State", 11, WaiverRow::state),
            number("Findings waived", 16, WaiverRow::waived),
            number("Findings no longer waived", 24, WaiverRow::expired)));

    private HistoryLayouts() {
    }
}
