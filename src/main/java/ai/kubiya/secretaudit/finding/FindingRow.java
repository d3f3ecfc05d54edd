package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A finding of a run, as stored. Nullable: type, scope, integration, owner, dueDate, ageDays, lifecycle,
 * waiver (the label of the waiver that applied or expired), and the rotation basis: rotated and updated (the
 * secret's {@code rotated_at} and {@code updated_at} as read) and ageBasis (the field {@code ageDays} was
 * measured from, {@code rotated_at}, {@code updated_at}, {@code created_at} or {@code last_used}; see
 * {@link ai.kubiya.secretaudit.policy.AgeBasis}).
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
        String waiver,
        Instant rotated,
        Instant updated,
        String ageBasis) {

    public FindingRow(String secret, String type, String scope, String integration, String owner, Rule rule,
                      Status status, Severity severity, LocalDate dueDate, Integer ageDays, String lifecycle,
                      String message, String waiver) {
        this(secret, type, scope, integration, owner, rule, status, severity, dueDate, ageDays, lifecycle, message,
                waiver, null, null, null);
    }

    public FindingRow(String secret, String type, String scope, String integration, String owner, Rule rule,
                      Status status, Severity severity, LocalDate dueDate, Integer ageDays, String lifecycle,
                      String message) {
        this(secret, type, scope, integration, owner, rule, status, severity, dueDate, ageDays, lifecycle, message,
                null);
    }
}
