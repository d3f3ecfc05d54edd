package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.time.LocalDate;

/**
 * A finding of a run, as stored. Nullable: type, scope, integration, owner, dueDate, ageDays, lifecycle,
 * waiver (the label of the waiver that applied or expired).
 */
public record FindingRow(
        String secret,
        String type,
        String scope,
        String integration,
        String owner,
        Rule rule,
        Status status,
        Severity severity,
        LocalDate dueDate,
        Integer ageDays,
        String lifecycle,
        String message,
        String waiver) {

    public FindingRow(String secret, String type, String scope, String integration, String owner, Rule rule,
                      Status status, Severity severity, LocalDate dueDate, Integer ageDays, String lifecycle,
                      String message) {
        this(secret, type, scope, integration, owner, rule, status, severity, dueDate, ageDays, lifecycle, message,
                null);
    }
}
