package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.OwnerAdvice;
import ai.kubiya.secretaudit.report.WorstFirst;
import ai.kubiya.secretaudit.report.WorstFirst.Tier;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An owner's email, subject, plain text and HTML, worst first ({@link WorstFirst}): per finding its severity (a word,
 * and a colour in HTML), what is wrong and what to do. This class makes the model; {@link ReminderTemplates} the
 * words around it. No secret values, ever.
 */
final class OwnerReminder {

    /** Rows in the body; the attached workbook has them all. Certificates expired or critical are always shown. */
    static final int TABLE_ROWS = 25;

    private static final LocalDate SAMPLE_DAY = LocalDate.of(2026, 1, 15);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final OwnerGuidance guidance;
    private final ReminderTemplates templates;

    OwnerReminder(OwnerGuidance guidance) {
        this(guidance, ReminderTemplates.defaults());
    }

    OwnerReminder(OwnerGuidance guidance, ReminderTemplates templates) {
        this.guidance = guidance;
        this.templates = templates;
    }

    /** The three parts of one email. */
    record Rendered(String subject, String text, String html) {
    }

    /** @param rows worst first; the model is made once for the three templates */
    Rendered render(LocalDate asOf, List<FindingRow> rows) {
        Map<String, Object> model = model(asOf, rows);
        return new Rendered(oneLine(templates.render(ReminderTemplates.SUBJECT, model)),
                templates.render(ReminderTemplates.TEXT, model), templates.render(ReminderTemplates.HTML, model));
    }

    private static String oneLine(String subject) {
        return WHITESPACE.matcher(subject.strip()).replaceAll(" ");
    }

    /** A certificate expired and a token overdue, through one template: the start-up check of an operator's file. */
    String renderSample(String template) {
        List<FindingRow> rows = List.of(
                new FindingRow("sample-certificate", "certificate", "organization", null, "owner@example.com",
                        Rule.CERTIFICATE_EXPIRY, Status.EXPIRED, Severity.CRITICAL, SAMPLE_DAY.minusDays(1), null,
                        "NEW", null),
                new FindingRow("sample-token", "token", "organization", "github", "owner@example.com", Rule.ROTATION,
                        Status.OVERDUE, Severity.HIGH, SAMPLE_DAY.minusDays(30), 120, "OPEN", null));
        return templates.render(template, model(SAMPLE_DAY, rows));
    }

    /** The variables a template sees (docs/owners.md#your-own-templates lists them). */
    Map<String, Object> model(LocalDate asOf, List<FindingRow> rows) {
        List<FindingRow> shown = shown(rows, TABLE_ROWS);
        Map<String, Object> model = new HashMap<>();
        model.put("asOf", asOf.toString());
        String summary = OwnerSubject.summary(rows);
        model.put("subject", OwnerSubject.tagged(summary));
        model.put("summary", summary);
        model.put("intro", intro(asOf, rows));
        model.put("secrets", rows.stream().map(FindingRow::secret).distinct().count());
        model.put("findings", rows.size());
        model.put("rows", shown.stream().map(row -> row(asOf, row)).toList());
        model.put("more", rows.size() - shown.size());
        model.put("waiverLink", guidance.waiverRequest());
        model.put("waiverText", waiver());
        return model;
    }

    private Map<String, Object> row(LocalDate asOf, FindingRow row) {
        OwnerAdvice advice = guidance.advice(row);
        Map<String, Object> view = new HashMap<>();
        view.put("severity", WorstFirst.word(row));
        view.put("colour", WorstFirst.tier(row).colour());
        view.put("secret", row.secret());
        view.put("type", row.type());
        view.put("scope", row.scope());
        view.put("integration", row.integration());
        view.put("problem", problem(row, asOf));
        view.put("dueDate", row.dueDate() == null ? null : row.dueDate().toString());
        view.put("todo", advice.text());
        view.put("link", advice.link());
        return view;
    }

    /**
     * The first {@code limit} of worst-first rows, stretched to every expired or critical certificate (they sort
     * first): the email's table and a chat message alike never leave one out.
     */
    static List<FindingRow> shown(List<FindingRow> rows, int limit) {
        long certificates = rows.stream().filter(row -> WorstFirst.tier(row) == Tier.CERTIFICATE).count();
        return rows.subList(0, (int) Math.min(rows.size(), Math.max(limit, certificates)));
    }

    static String intro(LocalDate asOf, List<FindingRow> rows) {
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

    String waiver() {
        String link = guidance.waiverRequest();
        return "Cannot fix it in time? Request a waiver" + (link == null
                ? " from the security team, naming the secret, the rule, the reason and until when." : ": " + link);
    }
}
