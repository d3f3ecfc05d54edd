package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class SmtpMailTransportTests {

    @Test
    void sendsOverSocketsWithoutNaglesDelay() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setProtocol("smtp"); // as Spring Boot configures it
            sender.setHost("127.0.0.1");
            sender.setPort(smtp.getSmtp().getPort());
            try (SmtpMailTransport transport = new SmtpMailTransport(sender)) {
                for (int i = 0; i < 3; i++) {
                    transport.send(i, message(sender, "owner" + i + "@acme.example"));
                }
            }

            Object factory = sender.getSession().getProperties().get("mail.smtp.socketFactory");
            assertThat(factory).isSameAs(NoDelaySocketFactory.INSTANCE);
            try (Socket socket = NoDelaySocketFactory.INSTANCE.createSocket()) {
                assertThat(socket.getTcpNoDelay()).isTrue();
            }
            assertThat(smtp.getReceivedMessages()).hasSize(3);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void leavesSocketsAloneWhenTheOperatorConfiguredHowToMakeThem() {
        Properties socks = new Properties();
        socks.setProperty("mail.smtp.socks.host", "proxy.internal:1080");
        Properties factory = new Properties();
        factory.setProperty("mail.smtps.socketFactory.class", "com.example.TheirFactory");

        assertThat(NoDelaySocketFactory.installIfUnset(socks, "smtp")).isFalse();
        assertThat(NoDelaySocketFactory.installIfUnset(factory, "smtps")).isFalse();
        assertThat(socks).doesNotContainKey("mail.smtp.socketFactory");
        assertThat(factory).doesNotContainKey("mail.smtps.socketFactory");
    }

    private static MimeMessage message(JavaMailSenderImpl sender, String to) throws Exception {
        MimeMessage message = new MimeMessage(sender.getSession());
        message.setFrom("secret-audit@localhost");
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("reminder");
        message.setText("x".repeat(20_000));
        return message;
    }
}
