package ai.kubiya.secretaudit.notify;

import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The real SMTP transport, plus a kill right after the Nth message the server accepted (once): the window
 * between "the server has it" and "the outbox says SENT" that a crash or {@code kill -9} can hit.
 */
final class CrashingMailTransport implements MailTransport {

    /** Replaces the application's transport in the contexts that import it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class AfterSecondSend {

        @Bean
        @Primary
        MailTransport crashingMailTransport(JavaMailSender sender) {
            return new CrashingMailTransport(new SmtpMailTransport((JavaMailSenderImpl) sender), 2);
        }
    }

    /** An Error, like a kill: the sender's {@code catch (Exception)} must not turn it into a recorded failure. */
    static final class SimulatedCrash extends Error {

        SimulatedCrash() {
            super("simulated crash between the SMTP send and the SENT mark");
        }
    }

    private final MailTransport delegate;
    private final int crashAfter;
    private int sent;

    CrashingMailTransport(MailTransport delegate, int crashAfter) {
        this.delegate = delegate;
        this.crashAfter = crashAfter;
    }

    @Override
    public void send(long outboxId, MimeMessage message) throws Exception {
        delegate.send(outboxId, message);
        if (++sent == crashAfter) {
            throw new SimulatedCrash();
        }
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
