package ai.kubiya.secretaudit.run;

import java.time.Instant;

/** A row of {@code audit_run}: one audit, whatever launched it. */
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
        String workbookSha256) {

    public enum RunStatus {
        STARTED,
        COMPLETED,
        FAILED
    }
}
