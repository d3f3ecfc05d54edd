package ai.kubiya.secretaudit.notify;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The real composer, failing for one recipient the way an unforeseen bug in building one email would: the
 * guard around composition, not any particular cause, is what a test of it must show.
 */
final class FailingMessageComposer extends MessageComposer {

    static final String FAILS_FOR = "carol@acme.example";

    /** Replaces the application's composer in the contexts that import it. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ForCarol {

        @Bean
        @Primary
        MessageComposer failingMessageComposer(MailProperties properties) {
            return new FailingMessageComposer(properties);
        }
    }

    private FailingMessageComposer(MailProperties properties) {
        super(properties);
    }

    @Override
    byte[] compose(String messageId, Content content) {
        if (content.to().getAddress().equals(FAILS_FOR)) {
            throw new IllegalStateException("simulated failure while composing the email to " + FAILS_FOR);
        }
        return super.compose(messageId, content);
    }
}
