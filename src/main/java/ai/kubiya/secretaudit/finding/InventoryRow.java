package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;

/**
 * A secret of a run's inventory as read, with the worst status of its rules and the rotation basis: rotated and
 * updated as read, ageBasis the field a ROTATION age is measured from ({@code rotated_at}, {@code updated_at},
 * {@code created_at}; {@code null} for certificates and without a usable {@code created_at}).
 */
public record InventoryRow(
        String secret,
        String type,
        String scope,
        String integration,
        String owner,
        Instant created,
        Instant lastUsed,
        Instant expires,
        Status status,
        Instant rotated,
        Instant updated,
        String ageBasis) {

    public InventoryRow(String secret, String type, String scope, String integration, String owner, Instant created,
                        Instant lastUsed, Instant expires, Status status) {
        this(secret, type, scope, integration, owner, created, lastUsed, expires, status, null, null, null);
    }
}
