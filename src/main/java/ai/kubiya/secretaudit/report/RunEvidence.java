package ai.kubiya.secretaudit.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the {@code Run} sheet proves about one run.
 *
 * @param malformedRecords one line per record that could not be evaluated (position and reason)
 * @param ownerWorkbooks   owner address → SHA-256 (hex) of the workbook emailed to them
 * @param unroutable       owners whose address could not be mailed, with the reason
 * @param undelivered      owner emails of the run not delivered: failed permanently, or left for a retry
 * @param carriedOver      owner emails queued by earlier runs that this run tried again, and what became of them
 * @param routedBy         owner workbook recipient → what routed them there (a routing rule, the fallback, the
 *                         owner's own address); a recipient missing from it shows no routing
 * @param chatUndelivered chat messages of the run not delivered, as "Slack → #chan for recipient: STATE after N
 *                        attempt(s): error"
 * @param chatSent        chat messages this run delivered, by service ("Slack" → 12)
 * @param shrinkAccepted   the inventory shrink {@code --accept-shrink} let through, or null when the guard was not
 *                         overridden
 */
public record RunEvidence(
        long runId,
        Instant asOf,
        Instant startedAt,
        Instant endedAt,
        String source,
        boolean dryRun,
        long read,
        long evaluated,
        long malformed,
        String policyVersion,
        String policy,
        String appVersion,
        List<String> malformedRecords,
        Map<String, String> ownerWorkbooks,
        List<String> unroutable,
        List<String> undelivered,
        List<String> carriedOver,
        String shrinkAccepted,
        Map<String, String> routedBy,
        List<String> chatUndelivered,
        Map<String, Integer> chatSent) {

    public RunEvidence {
        chatUndelivered = List.copyOf(chatUndelivered);
        chatSent = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(chatSent));
        malformedRecords = List.copyOf(malformedRecords);
        ownerWorkbooks = Map.copyOf(ownerWorkbooks);
        routedBy = Map.copyOf(routedBy);
        unroutable = List.copyOf(unroutable);
        undelivered = List.copyOf(undelivered);
        carriedOver = List.copyOf(carriedOver);
    }

    public RunEvidence(long runId, Instant asOf, Instant startedAt, Instant endedAt, String source, boolean dryRun,
                       long read, long evaluated, long malformed, String policyVersion, String policy,
                       String appVersion, List<String> malformedRecords, Map<String, String> ownerWorkbooks,
                       List<String> unroutable) {
        this(runId, asOf, startedAt, endedAt, source, dryRun, read, evaluated, malformed, policyVersion, policy,
                appVersion, malformedRecords, ownerWorkbooks, unroutable, List.of(), List.of(), null);
    }

    public RunEvidence(long runId, Instant asOf, Instant startedAt, Instant endedAt, String source, boolean dryRun,
                       long read, long evaluated, long malformed, String policyVersion, String policy,
                       String appVersion, List<String> malformedRecords, Map<String, String> ownerWorkbooks,
                       List<String> unroutable, List<String> undelivered, List<String> carriedOver,
                       String shrinkAccepted) {
        this(runId, asOf, startedAt, endedAt, source, dryRun, read, evaluated, malformed, policyVersion, policy,
                appVersion, malformedRecords, ownerWorkbooks, unroutable, undelivered, carriedOver, shrinkAccepted,
                Map.of());
    }

    public RunEvidence(long runId, Instant asOf, Instant startedAt, Instant endedAt, String source, boolean dryRun,
                       long read, long evaluated, long malformed, String policyVersion, String policy,
                       String appVersion, List<String> malformedRecords, Map<String, String> ownerWorkbooks,
                       List<String> unroutable, List<String> undelivered, List<String> carriedOver,
                       String shrinkAccepted, Map<String, String> routedBy) {
        this(runId, asOf, startedAt, endedAt, source, dryRun, read, evaluated, malformed, policyVersion, policy,
                appVersion, malformedRecords, ownerWorkbooks, unroutable, undelivered, carriedOver, shrinkAccepted,
                routedBy, List.of(), Map.of());
    }
}
