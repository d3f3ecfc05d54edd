package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.IsoTimestamps;
import ai.kubiya.secretaudit.PreflightBean;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Pure: the pre-flight builds it too, so a bad policy value or waiver stops a command before the database starts. */
@PreflightBean
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

    @Bean
    RotationPolicy rotationPolicy(PolicyProperties properties) {
        return properties.toPolicy();
    }

    @Bean
    RuleEvaluator ruleEvaluator(RotationPolicy policy) {
        return new RuleEvaluator(policy);
    }

    /** Read and checked at start-up: a waiver an auditor could not accept stops the application. */
    @Bean
    Waivers waivers(WaiverProperties properties, Clock clock) {
        if (properties.file() == null) {
            return new Waivers(List.of());
        }
        return new Waivers(WaiverFile.read(properties.file(), IsoTimestamps.utcDate(clock.instant()),
                properties.maxDays()));
    }

    @Bean
    PolicyVersion policyVersion(RotationPolicy policy, Waivers waivers) {
        return PolicyVersion.of(policy, waivers);
    }
}
