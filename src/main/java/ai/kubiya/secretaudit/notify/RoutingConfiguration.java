package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.PreflightBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pure: the pre-flight builds it too, so a bad routing file stops a command before the database starts. */
@PreflightBean
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    RoutingRules routingRules(RoutingProperties properties, MailProperties mail) {
        if (properties.file() == null) {
            return RoutingRules.none();
        }
        RoutingRules rules = RoutingFile.read(properties.file());
        rules.requireAllowedDomains(mail.allowedDomains(), "audit.routing.file: " + properties.file().getFileName());
        return rules;
    }
}
