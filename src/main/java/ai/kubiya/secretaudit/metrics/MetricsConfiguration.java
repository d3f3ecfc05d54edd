package ai.kubiya.secretaudit.metrics;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /**
     * Spring Boot's {@link PrometheusPushGatewayManager} pushes on a timer from the moment the context starts, so
     * {@code validate}, {@code runs} and {@code export} would push too, and with {@code shutdown-operation=put} they
     * would replace the group's series with a registry that holds no run (no last success: the 26-hour alert fires).
     * {@link MetricsPush} pushes once per run instead, from the same keys; this removes Boot's manager when the keys
     * enable it.
     */
    @Bean
    static BeanDefinitionRegistryPostProcessor withoutTimedPushgatewayManager() {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                if (registry instanceof ListableBeanFactory beans) {
                    for (String name : beans.getBeanNamesForType(PrometheusPushGatewayManager.class, true, false)) {
                        registry.removeBeanDefinition(name);
                    }
                }
            }
        };
    }
}
