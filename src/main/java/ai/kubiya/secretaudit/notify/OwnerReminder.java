package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.OwnerAdvice;
import ai.kubiya.secretaudit.report.WorstFirst;
import ai.kubiya.secretaudit.report.WorstFirst.Tier;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The body of an owner's email, plain text and HTML, worst first ({@link WorstFirst}): per finding its severity
 * (a word, and a colour in HTML), what is wrong and what to do. No secret values, ever.
 */
final class OwnerReminder {

    /** Rows in the body; the attached workbook has them all. Certificates expired or critical are always shown. */
    static final int TABLE_ROWS = 25;

    private static final String CELL = "padding:6px 8px;border-bottom:1px solid #dddddd;vertical-align:top;";

    private final OwnerGuidance guidance;

    OwnerReminder(OwnerGuidance guidance) {
        this.guidance = guidance;
    }

    /** @param rows worst first */
    String text(LocalDate asOf, List<FindingRow> rows) {
        StringBuilder text = new StringBuilder(intro(asOf, rows)).append(", worst first:\n\n");
        List<FindingRow> shown = shown(rows);
        for (FindingRow row : shown) {
            OwnerAdvice advice = guidance.advice(row);
            text.append(WorstFirst.word(row)).append(": ").append(row.secret()).append(" — ")
                    .append(problem(row, asOf)).append("\n    What to do: ").append(advice.text()).append('\n');
            if (advice.link() != null) {
                text.append("    ").append(advice.link()).append('\n');
            }
        }
        if (rows.size() > shown.size()) {
            text.append("\n… and ").append(rows.size() - shown.size()).append(" more in the attached workbook.\n");
        }
        return text.append('\n').append(waiver()).append("\nThe attached workbook lists every finding, worst first,"
                + " with what to do.\n").toString();
    }

    /** Inline styles and a table layout: what mail clients render; no stylesheet, no script, no remote image. */
    String html(LocalDate asOf, List<FindingRow> rows) {
        StringBuilder html = new StringBuilder("<html><body style=\"font-family:Arial,Helvetica,sans-serif;"
                + "font-size:14px;color:#222222\"><p>").append(MessageComposer.html(intro(asOf, rows)))
                .append(", worst first:</p><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\""
                        + " style=\"border-collapse:collapse;width:100%;max-width:760px\"><tr>");
        for (String title : List.of("Severity", "Secret", "Problem", "What to do")) {
            html.append("<th align=\"left\" style=\"").append(CELL).append("background:#f2f2f2\">").append(title)
                    .append("</th>");
        }
        html.append("</tr>");
        List<FindingRow> shown = shown(rows);
        shown.forEach(row -> row(html, asOf, row));
        html.append("</table>");
        if (rows.size() > shown.size()) {
            html.append("<p>… and ").append(rows.size() - shown.size()).append(" more in the attached workbook.</p>");
        }
        return html.append("<p>").append(waiverHtml()).append("</p><p>The attached workbook lists every finding,"
                + " worst first, with what to do.</p></body></html>").toString();
    }

    private void row(StringBuilder html, LocalDate asOf, FindingRow row) {
        OwnerAdvice advice = guidance.advice(row);
        html.append("<tr><td style=\"").append(CELL).append("background:#").append(WorstFirst.tier(row).colour())
                .append(";color:#ffffff;font-weight:bold;white-space:nowrap\">").append(WorstFirst.word(row))
                .append("</td><td style=\"").append(CELL).append("word-break:break-all\">")
                .append(MessageComposer.html(row.secret())).append("</td><td style=\"").append(CELL).append("\">")
                .append(MessageComposer.html(problem(row, asOf))).append("</td><td style=\"").append(CELL)
                .append("\">").append(MessageComposer.html(advice.text()));
        if (advice.link() != null) {
            html.append(" <a href=\"").append(MessageComposer.html(advice.link())).append("\">Open</a>");
        }
        html.append("</td></tr>");
    }

    /** The first {@link #TABLE_ROWS}, stretched to every expired or critical certificate (they sort first). */
    private static List<FindingRow> shown(List<FindingRow> rows) {
        long certificates = rows.stream().filter(row -> WorstFirst.tier(row) == Tier.CERTIFICATE).count();
        return rows.subList(0, (int) Math.min(rows.size(), Math.max(TABLE_ROWS, certificates)));
    }

    private static String intro(LocalDate asOf, List<FindingRow> rows) {
        long secrets = rows.stream().map(FindingRow::secret).distinct().count();
        return "The secret rotation audit of " + asOf + " found " + secrets + (secrets == 1 ? " secret" : " secrets")
                + " of yours that " + (secrets == 1 ? "needs" : "need") + " attention (" + rows.size() + (rows.size() == 1 ? " finding)" : " findings)");
    }

    /** What is wrong, with the date and how late: "overdue since 2025-08-22 (465 days)". */
    static String problem(FindingRow row, LocalDate asOf) {
        Integer late = WorstFirst.daysOverdue(row, asOf);
        String rule = row.rule() == null || row.rule() == Rule.CERTIFICATE_EXPIRY ? ""
                : row.rule().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ' ';
        if (row.status() == Status.EXPIRED && row.dueDate() != null) {
            return "expired on " + row.dueDate() + (late == null ? "" : " (" + days(late) + " ago)");
        }
        if (late != null && row.status() != null && row.status().needsAction()) {
            return rule + "overdue since " + row.dueDate() + " (" + days(late) + ")";
        }
        if (row.dueDate() != null) {
            long left = ChronoUnit.DAYS.between(asOf, row.dueDate());
            return rule + (row.status() == Status.EXPIRING ? "expires on " : "due on ") + row.dueDate()
                    + (left > 0 ? " (in " + days((int) Math.min(left, Integer.MAX_VALUE)) + ")" : "");
        }
        return undated(row, rule);
    }

    private static String undated(FindingRow row, String rule) {
        if (row.status() == null) {
            return rule.strip();
        }
        return switch (row.status()) {
            case UNUSED -> row.ageDays() == null ? "unused" : "unused for " + days(row.ageDays());
            case INSUFFICIENT_DATA -> "incomplete metadata";
            case MISSING -> "required, but missing";
            default -> rule + row.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static String days(int n) {
        return n + (n == 1 ? " day" : " days");
    }

    private String waiver() {
        String link = guidance.waiverRequest();
        return "Cannot fix it in time? Request a waiver" + (link == null
                ? " from the security team, naming the secret, the rule, the reason and until when." : ": " + link);
    }

    private String waiverHtml() {
        String link = guidance.waiverRequest();
        return link == null ? MessageComposer.html(waiver()) : "Cannot fix it in time? <a href=\""
                + MessageComposer.html(link) + "\">Request a waiver</a>.";
    }
}
