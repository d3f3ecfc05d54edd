package ai.kubiya.secretaudit.policy;

import java.time.LocalDate;

/**
 * A non-OK result of one rule for one secret. (secret, rule) is its deterministic key across runs.
 *
 * @param dueDate when the secret must be rotated or renewed (UTC date), or {@code null} when the rule
 *                has no due date
 * @param ageDays the age the rule measured in whole days (rotation age, days unused), or {@code null}
 * @param message a human explanation; never contains a secret value
 * @param waiver  the label of the waiver that matched (applied, or expired), or {@code null}
 */
public record Finding(
        String secret,
        Rule rule,
        Status status,
        Severity severity,
        LocalDate dueDate,
        Integer ageDays,
        String message,
        String waiver) {

    public Finding(String secret, Rule rule, Status status, Severity severity, LocalDate dueDate, Integer ageDays,
                   String message) {
        this(secret, rule, status, severity, dueDate, ageDays, message, null);
    }
}
