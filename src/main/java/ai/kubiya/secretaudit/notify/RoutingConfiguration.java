package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.PreflightBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pure: the pre-flight builds it too, so a bad routing file stops a command before the database starts. */
@PreflightBean
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    RoutingRules routingRules(RoutingProperties properties) {
        return properties.file() == null ? RoutingRules.none() : RoutingFile.read(properties.file());
    }
}
