package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Rule;
import java.time.LocalDate;

/** A configured waiver and what it did in a run. */
public record WaiverRow(
        String secret,
        Rule rule,
        String reason,
        String approvedBy,
        String ticket,
        LocalDate expires,
        String state,
        long waived,
        long expired) {
}
