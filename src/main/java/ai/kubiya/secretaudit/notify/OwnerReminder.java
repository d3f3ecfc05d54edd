package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRow;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** The words of an owner's email: subject, plain text and a short HTML table. No secret values, ever. */
final class OwnerReminder {

    private static final int TABLE_ROWS = 25;

    private OwnerReminder() {
    }

    /** Counts secrets, not findings: a secret both overdue and unused is one secret to act on. */
    static String subject(List<FindingRow> rows) {
        LocalDate earliest = earliestDue(rows);
        long secrets = rows.stream().map(FindingRow::secret).distinct().count();
        return "[Secret rotation] " + secrets + (secrets == 1 ? " secret needs" : " secrets need")
                + " your attention" + (earliest == null ? "" : ", first due " + earliest);
    }

    static String text(LocalDate asOf, List<FindingRow> rows) {
        StringBuilder text = new StringBuilder("The secret rotation audit of ").append(asOf)
                .append(" found ").append(rows.size()).append(" finding(s) on secrets you own:\n\n");
        for (FindingRow row : rows.subList(0, Math.min(TABLE_ROWS, rows.size()))) {
            text.append("- ").append(row.secret()).append(": ").append(row.rule()).append(' ').append(row.status())
                    .append(row.dueDate() == null ? "" : ", due " + row.dueDate()).append('\n');
        }
        if (rows.size() > TABLE_ROWS) {
            text.append("… and ").append(rows.size() - TABLE_ROWS).append(" more in the attached workbook.\n");
        }
        return text.append("\nThe attached workbook lists every finding with what to do.\n").toString();
    }

    static String html(LocalDate asOf, List<FindingRow> rows) {
        StringBuilder html = new StringBuilder("<html><body><p>The secret rotation audit of ").append(asOf)
                .append(" found ").append(rows.size()).append(" finding(s) on secrets you own.</p>")
                .append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">")
                .append("<tr><th>Secret</th><th>Rule</th><th>Status</th><th>Due date</th></tr>");
        for (FindingRow row : rows.subList(0, Math.min(TABLE_ROWS, rows.size()))) {
            html.append("<tr><td>").append(MessageComposer.html(row.secret())).append("</td><td>").append(row.rule())
                    .append("</td><td>").append(row.status()).append("</td><td>")
                    .append(row.dueDate() == null ? "" : row.dueDate()).append("</td></tr>");
        }
        html.append("</table>");
        if (rows.size() > TABLE_ROWS) {
            html.append("<p>… and ").append(rows.size() - TABLE_ROWS).append(" more in the attached workbook.</p>");
        }
        return html.append("<p>The attached workbook lists every finding with what to do.</p></body></html>").toString();
    }

    private static LocalDate earliestDue(List<FindingRow> rows) {
        return rows.stream().map(FindingRow::dueDate).filter(Objects::nonNull).min(LocalDate::compareTo).orElse(null);
    }
}
