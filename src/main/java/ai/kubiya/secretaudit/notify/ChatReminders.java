package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.chat.ChatReminder;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.report.OwnerAdvice;
import ai.kubiya.secretaudit.report.WorstFirst;
import java.time.LocalDate;
import java.util.List;

/**
 * An owner reminder as a chat message carries it: the email's subject, first line and waiver line, and its worst
 * findings, in the email's words ({@link OwnerReminder}, {@link OwnerGuidance}).
 */
final class ChatReminders {

    /**
     * Findings in a chat message: a phone screen and a half in Slack. Certificates expired or critical are always
     * shown, as in the email; the rest are counted, and the email's workbook has them all.
     */
    static final int ITEMS = 10;

    private final OwnerReminder reminders;
    private final OwnerGuidance guidance;

    ChatReminders(OwnerReminder reminders, OwnerGuidance guidance) {
        this.reminders = reminders;
        this.guidance = guidance;
    }

    /**
     * @param subject the email's subject, as its template rendered it
     * @param rows    worst first
     */
    ChatReminder of(String subject, LocalDate asOf, List<FindingRow> rows) {
        List<ChatReminder.Item> items = OwnerReminder.shown(rows, ITEMS).stream().map(row -> item(row, asOf)).toList();
        return new ChatReminder(subject, OwnerReminder.intro(asOf, rows), items, rows.size() - items.size(),
                reminders.waiver(), guidance.waiverRequest());
    }

    private ChatReminder.Item item(FindingRow row, LocalDate asOf) {
        OwnerAdvice advice = guidance.advice(row);
        return new ChatReminder.Item(WorstFirst.word(row), WorstFirst.tier(row).colour(), row.secret(),
                OwnerReminder.problem(row, asOf), advice.text(), advice.link());
    }
}
