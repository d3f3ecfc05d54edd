package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.report.OwnerWorkbookWriter;
import jakarta.mail.internet.InternetAddress;
import java.nio.charset.StandardCharsets;
import ai.kubiya.secretaudit.chat.ChatReminder;
import ai.kubiya.secretaudit.notify.OutboxRepository.Kind;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
     * An email ready to store, with the chat messages that mirror it, or ({@code failure} set) the owners whose
     * findings it would have carried and why it could not be built.
     */
    record Composed(String owner, String recipient, String fingerprint, String messageId, byte[] mime,
                    String workbookSha256, List<Chat> chats, List<String> owners, String failure) {

        static Composed failed(List<String> owners, String failure) {
            return new Composed(null, null, null, null, null, null, List.of(), owners, failure);
        }
    }

    /** A chat message mirroring the email: its kind, where it goes, its Message-ID and rendered payload. */
    record Chat(Kind kind, String target, String messageId, byte[] payload) {
    }

    private final MessageComposer composer;
    private final Escalation escalation;
    private final OwnerGuidance guidance;
    private final OwnerReminder reminders;
    private final OwnerWorkbookWriter workbooks = new OwnerWorkbookWriter();
    private final ChatChannels chat;
    private final ChatReminders chatReminders;

    OwnerEmailComposer(MessageComposer composer, Escalation escalation, OwnerGuidance guidance,
                       ReminderTemplates templates, ChatChannels chat) {
        this.composer = composer;
        this.escalation = escalation;
        this.guidance = guidance;
        this.reminders = new OwnerReminder(guidance, templates);
        this.chat = chat;
        this.chatReminders = new ChatReminders(reminders, guidance);
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
                chats(runId, asOf, reminder, parts.subject()), List.of(), null);
    }

    /** One message per chat service that has a target for this reminder; rendered once, for every service. */
    private List<Chat> chats(long runId, LocalDate asOf, Reminder reminder, String subject) {
        List<Chat> chats = new ArrayList<>();
        ChatReminder message = null;
        for (ChatChannels.Channel channel : chat.enabled()) {
            String target = channel.target().apply(reminder);
            if (target != null) {
                message = message != null ? message : chatReminders.of(subject, asOf, reminder.rows());
                String to = reminder.recipient().getAddress().toLowerCase(Locale.ROOT);
                chats.add(new Chat(channel.kind(), target, "<run" + runId + "." + channel.kind().name()
                        .toLowerCase(Locale.ROOT) + "." + Sha256.hex(to.getBytes(StandardCharsets.UTF_8))
                        .substring(0, 16) + "@secret-rotation-audit>", channel.renderer().apply(message)));
            }
        }
        return chats;
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
