package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.report.ReportProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

@Configuration(proxyBeanMethods = false)
class MailTransportConfiguration {

    /** SMTP when {@code spring.mail.host} is set (Spring Boot then provides the sender), else the .eml outbox. */
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> smtp, ReportProperties reports) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender instanceof JavaMailSenderImpl configured) {
            return new SmtpMailTransport(configured);
        }
        return new EmlOutboxTransport(reports.outboxDir());
    }
}
