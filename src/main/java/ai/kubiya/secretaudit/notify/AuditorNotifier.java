package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.notify.OutboxRepository.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Queues the auditor workbook of a run for every address in {@code audit.mail.auditors}. A workbook larger
 * than {@code audit.mail.auditor-attachment-max-size} is not attached (a million-secret workbook is ~260 MB,
 * more than a mail server or the heap should carry): the email then names it and how to export it.
 */
@Component
public class AuditorNotifier {

    private final OutboxRepository outbox;
    private final MailProperties properties;
    private final MessageComposer composer;

    AuditorNotifier(OutboxRepository outbox, MailProperties properties, MessageComposer composer) {
        this.outbox = outbox;
        this.properties = properties;
        this.composer = composer;
    }

    public int queueWorkbook(long runId, LocalDate asOf, Path workbook, String workbookSha256) throws IOException {
        if (properties.auditors().isEmpty()) {
            return 0;
        }
        long size = Files.size(workbook);
        boolean attach = size <= properties.auditorAttachmentMaxSize().toBytes();
        byte[] bytes = attach ? Files.readAllBytes(workbook) : null;
        String where = attach ? " is attached." : " is " + size + " bytes, too large to attach: download it with"
                + " `secret-rotation-audit export --run=" + runId + " --out=FILE` (or from " + workbook + ").";
        int queued = 0;
        for (String auditor : properties.auditors()) {
            String recipient = auditor.strip();
            String messageId = "<run" + runId + ".auditor." + Sha256.hex(recipient.getBytes(StandardCharsets.UTF_8))
                    .substring(0, 16) + "@secret-rotation-audit>";
            String text = "The secret rotation audit workbook of run " + runId + " of " + asOf + where + "\n"
                    + "SHA-256 of the workbook: " + workbookSha256 + "\n";
            String html = "<html><body><p>The secret rotation audit workbook of run " + runId + " of " + asOf
                    + MessageComposer.html(where) + "</p><p>SHA-256 of the workbook: <code>" + workbookSha256 + "</code></p></body></html>";
            byte[] mime = composer.compose(messageId, new MessageComposer.Content(MailProperties.address(recipient),
                    List.of(), "[Secret rotation] Audit workbook for " + asOf + " (run " + runId + ")", text, html,
                    workbook.getFileName().toString(), bytes));
            queued += outbox.enqueue(runId, Kind.AUDITOR_REPORT, null, recipient, workbookSha256, messageId, mime,
                    workbookSha256).isPresent() ? 1 : 0;
        }
        return queued;
    }
}
