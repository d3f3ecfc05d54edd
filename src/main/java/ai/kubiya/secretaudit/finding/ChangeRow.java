package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;

/**
 * A finding of a run that is new, reopened or resolved since the previous completed run.
 *
 * @param daysOpen for a resolved finding, the days from first seen to this run's as-of (time to remediate)
 */
public record ChangeRow(
        String change,
        String secret,
        String type,
        String scope,
        String integration,
        String owner,
        Rule rule,
        Status status,
        Instant firstSeen,
        Integer daysOpen) {
}
