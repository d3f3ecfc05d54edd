package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;

/** One row of the {@code Inventory} sheet: a secret as read, with the worst status of its rules. */
public record InventoryRow(
        String secret,
        String type,
        String scope,
        String integration,
        String owner,
        Instant created,
        Instant lastUsed,
        Instant expires,
        Status status) {
}
