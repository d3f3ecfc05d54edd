package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Rule;
import java.time.LocalDate;

/** One row of the {@code Waivers} sheet: a configured waiver and what it did in this run. */
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
