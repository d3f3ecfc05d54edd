package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.policy.Evaluation;
import ai.kubiya.secretaudit.policy.RuleEvaluator;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.policy.Waivers;
import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Instant;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Applies the rules and then the waivers at the run's as-of; a record without a name passes through
 * unevaluated, to be listed as malformed.
 */
class EvaluateSecretProcessor implements ItemProcessor<SecretMetadata, Evaluation> {

    private final RuleEvaluator evaluator;
    private final Waivers waivers;
    private final Instant asOf;

    EvaluateSecretProcessor(RuleEvaluator evaluator, Waivers waivers, Instant asOf) {
        this.evaluator = evaluator;
        this.waivers = waivers;
        this.asOf = asOf;
    }

    @Override
    public Evaluation process(SecretMetadata secret) {
        if (secret.isMalformed()) {
            return new Evaluation(secret, null, List.of(), Status.OK);
        }
        return waivers.apply(evaluator.evaluate(secret, asOf), asOf);
    }
}
