package ai.kubiya.secretaudit.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server (GreenMail) for a test class, and the properties that point a run at it. */
public final class TestMail {

    private TestMail() {
    }

    /** Started at once: the Spring context of the test class reads its port before any JUnit callback. */
    public static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        return smtp;
    }

    /** A database of its own, this SMTP server, and reports under {@code work}. */
    public static void registerRun(DynamicPropertyRegistry registry, GreenMail smtp, Path work) {
        TestDatabases.register(registry);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        // SMTP refuses the default sender at localhost (SmtpSenderCheck)
        registry.add("audit.mail.from", () -> "secret-audit@acme.example");
        registry.add("audit.reports.dir", () -> work.resolve("reports").toString());
    }

    /** The first recipient of each message the server received for {@code domain}, sorted: one per email sent. */
    public static List<String> recipientsAt(GreenMail smtp, String domain) {
        return Arrays.stream(smtp.getReceivedMessages())
                .map(TestMail::recipient)
                .filter(recipient -> recipient.endsWith("@" + domain))
                .sorted()
                .toList();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
