package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.report.ReportProperties;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes each message as {@code {reports dir}/outbox/{outbox id}.eml}, for local runs without SMTP.
 * The file is named by the outbox row, never by data, and written atomically: sending twice overwrites.
 */
class EmlOutboxTransport implements MailTransport {

    private final Path dir;

    EmlOutboxTransport(Path dir) {
        this.dir = dir;
    }

    @Override
    public void send(long outboxId, MimeMessage message) throws Exception {
        Files.createDirectories(dir);
        Path target = dir.resolve(ReportProperties.emlFileName(outboxId));
        Path temp = Files.createTempFile(dir, ".outbox-", ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            message.writeTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String describe() {
        return "eml files in " + dir;
    }
}
