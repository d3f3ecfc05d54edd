package ai.kubiya.secretaudit.policy;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    @Bean
    PolicyVersion policyVersion(RotationPolicy policy) {
        return PolicyVersion.of(policy);
    }
}
