package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

/** The SMTP session the transport connects with: no Nagle delay, and the operator's own choices kept. */
class SmtpMailTransportTests {

    @Test
    void plainAndStarttlsConnectionsSendWithoutNagleDelay() throws Exception {
        // given
        Session configured = session("mail.smtp.starttls.enable", "true");

        // when
        Session session = SmtpMailTransport.withoutNagle(configured, "smtp");

        // then
        Object factory = session.getProperties().get("mail.smtp.socketFactory");
        assertThat(factory).isInstanceOf(SocketFactory.class);
        try (Socket socket = ((SocketFactory) factory).createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        }
        assertThat(session.getProperty("mail.smtp.starttls.enable")).isEqualTo("true");
        assertThat(configured.getProperties()).doesNotContainKey("mail.smtp.socketFactory");
    }

    @Test
    void anOperatorsSocketFactoryOrImplicitTlsIsLeftAlone() {
        for (Session configured : new Session[] {
                session("mail.smtp.socketFactory.class", "com.example.Factory"),
                session("mail.smtp.ssl.enable", "true")}) {
            assertThat(SmtpMailTransport.withoutNagle(configured, "smtp")).isSameAs(configured);
        }
        Session smtps = session("mail.smtps.host", "mail.example");
        assertThat(SmtpMailTransport.withoutNagle(smtps, "smtps")).isSameAs(smtps);
    }

    private static Session session(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return Session.getInstance(properties);
    }
}
