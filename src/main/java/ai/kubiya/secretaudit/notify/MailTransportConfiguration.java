package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.report.ReportProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;

@Configuration(proxyBeanMethods = false)
class MailTransportConfiguration {

    /** SMTP when {@code spring.mail.host} is set (Spring Boot then provides the sender), else the .eml outbox. */
    @Bean
    MailTransport mailTransport(ObjectProvider<JavaMailSender> smtp, ReportProperties reports, Environment environment) {
        JavaMailSender sender = smtp.getIfAvailable();
        if (sender != null) {
            return new SmtpMailTransport(sender, environment.getProperty("spring.mail.host"));
        }
        return new EmlOutboxTransport(reports.dir().resolve("outbox"));
    }
}
