package ai.kubiya.secretaudit.run;

import java.time.Instant;

/**
 * A row of {@code audit_run}: one audit, whatever launched it.
 *
 * @param acceptShrink   launched with {@code --accept-shrink}
 * @param shrinkAccepted the inventory shrink the guard let through because of it, or null
 * @param retention      what retention removed when this run finished, or null
 */
public record AuditRun(
        long id,
        Instant asOf,
        String source,
        boolean dryRun,
        RunStatus status,
        Instant startedAt,
        Instant endedAt,
        long read,
        long evaluated,
        long malformed,
        long findings,
        String policyVersion,
        String policy,
        String appVersion,
        String failure,
        String workbookPath,
        String workbookSha256,
        boolean acceptShrink,
        String shrinkAccepted,
        String retention) {

    public enum RunStatus {
        STARTED,
        COMPLETED,
        FAILED
    }
}
