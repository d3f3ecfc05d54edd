package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.source.SecretMetadata;
import java.util.List;

/**
 * Every rule's verdict on one secret.
 *
 * @param type     the normalised type ({@code null} when missing)
 * @param findings the non-OK findings only, at most one per rule
 * @param worst    the worst status over the findings, {@code OK} when there are none
 */
public record Evaluation(SecretMetadata secret, String type, List<Finding> findings, Status worst) {

    public Evaluation {
        findings = List.copyOf(findings);
    }
}
