package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.report.OwnerWorkbookWriter;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** One owner email as the outbox stores it: workbook, Message-ID, Cc, subject, bodies and MIME. */
final class OwnerEmailComposer {

    /**
     * A reminder decided due, to compose.
     *
     * @param owner the owner it is for; {@code null} for the fallback recipient's email
     * @param rows  worst first ({@link ai.kubiya.secretaudit.report.WorstFirst}), as the email lists them
     */
    record Reminder(String owner, InternetAddress recipient, String fingerprint, List<FindingRow> rows) {
    }

    /**
     * An email ready to store, or ({@code failure} set) the owners whose findings it would have carried and why it
     * could not be built.
     */
    record Composed(String owner, String recipient, String fingerprint, String messageId, byte[] mime,
                    String workbookSha256, List<String> owners, String failure) {

        static Composed failed(List<String> owners, String failure) {
            return new Composed(null, null, null, null, null, null, owners, failure);
        }
    }

    private final MessageComposer composer;
    private final Escalation escalation;
    private final OwnerGuidance guidance;
    private final OwnerReminder reminders;
    private final OwnerWorkbookWriter workbooks = new OwnerWorkbookWriter();

    OwnerEmailComposer(MessageComposer composer, Escalation escalation, OwnerGuidance guidance,
                       ReminderTemplates templates) {
        this.composer = composer;
        this.escalation = escalation;
        this.guidance = guidance;
        this.reminders = new OwnerReminder(guidance, templates);
    }

    /**
     * One email's failure stays that email's (one owner never fails the run): whatever the workbook writer or MIME
     * threw, its owners become unroutable, with the exception's class but none of its text (it may quote data).
     */
    Composed composeOrExplain(long runId, LocalDate asOf, Reminder reminder) {
        try {
            return compose(runId, asOf, reminder);
        } catch (RuntimeException e) {
            List<String> owners = reminder.rows().stream().map(FindingRow::owner).distinct().toList();
            return Composed.failed(owners, "the message could not be composed: " + e.getClass().getSimpleName());
        }
    }

    private Composed compose(long runId, LocalDate asOf, Reminder reminder) {
        List<FindingRow> rows = reminder.rows();
        String to = reminder.recipient().getAddress();
        byte[] workbook = workbooks.write(to, asOf, rows, guidance::advice, guidance.waiverRequest());
        String messageId = messageId(runId, to);
        OwnerReminder.Rendered parts = reminders.render(asOf, rows);
        byte[] mime = composer.compose(messageId, new MessageComposer.Content(reminder.recipient(),
                escalation.cc(rows, asOf, to), parts.subject(), parts.text(), parts.html(),
                "secrets-" + asOf + ".xlsx", workbook));
        return new Composed(reminder.owner(), to, reminder.fingerprint(), messageId, mime, Sha256.hex(workbook),
                List.of(), null);
    }

    /**
     * Fixed by run and recipient: a message that goes out twice (the one in flight when the process died) carries
     * the same Message-ID, so the recipient's mail system can recognise it.
     */
    private static String messageId(long runId, String recipient) {
        return "<run" + runId + ".owner." + Sha256.hex(recipient.getBytes(StandardCharsets.UTF_8)).substring(0, 16)
                + "@secret-rotation-audit>";
    }
}
