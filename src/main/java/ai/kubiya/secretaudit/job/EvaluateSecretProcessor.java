package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.policy.Evaluation;
import ai.kubiya.secretaudit.policy.RuleEvaluator;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.source.SecretMetadata;
import java.time.Instant;
import java.util.List;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Applies the rules at the run's as-of; a record without a name passes through unevaluated, to be listed as malformed. */
class EvaluateSecretProcessor implements ItemProcessor<SecretMetadata, Evaluation> {

    private final RuleEvaluator evaluator;
    private final Instant asOf;

    EvaluateSecretProcessor(RuleEvaluator evaluator, Instant asOf) {
        this.evaluator = evaluator;
        this.asOf = asOf;
    }

    @Override
    public Evaluation process(SecretMetadata secret) {
        if (secret.isMalformed()) {
            return new Evaluation(secret, null, List.of(), Status.OK);
        }
        return evaluator.evaluate(secret, asOf);
    }
}
