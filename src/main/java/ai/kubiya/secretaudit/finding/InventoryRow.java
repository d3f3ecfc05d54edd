package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;

/** A secret of a run's inventory as read, with the worst status of its rules. */
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
