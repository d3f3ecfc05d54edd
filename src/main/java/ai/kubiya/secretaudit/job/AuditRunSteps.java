package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.evidence.EvidenceChain;
import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.finding.LifecycleTracker;
import ai.kubiya.secretaudit.finding.RequiredSecretsCheck;
import ai.kubiya.secretaudit.finding.WaiverLedger;
import ai.kubiya.secretaudit.notify.AuditorNotifier;
import ai.kubiya.secretaudit.notify.ChatOutbox;
import ai.kubiya.secretaudit.notify.ChatSender;
import ai.kubiya.secretaudit.notify.OutboxRepository;
import ai.kubiya.secretaudit.notify.OutboxSender;
import ai.kubiya.secretaudit.notify.OwnerNotifier;
import ai.kubiya.secretaudit.report.AuditWorkbookFiles;
import ai.kubiya.secretaudit.report.AuditWorkbookWriter;
import ai.kubiya.secretaudit.report.RunEvidence;
import ai.kubiya.secretaudit.report.SummarySections;
import ai.kubiya.secretaudit.report.WorkbookStore;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import ai.kubiya.secretaudit.run.InventoryShrinkGuard;
import ai.kubiya.secretaudit.run.RunContext;
import ai.kubiya.secretaudit.run.RunRetention;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What each step after evaluation does, as plain methods of the run's context. Every method is safe to run again
 * when a failed run is restarted: it overwrites, or the outbox's uniqueness makes a repeat a no-op.
 */
@Component
class AuditRunSteps {

    private static final Logger log = LoggerFactory.getLogger(AuditRunSteps.class);

    private final AuditRunRepository runs;
    private final FindingRepository findings;
    private final OwnerNotifier owners;
    private final AuditorNotifier auditors;
    private final OutboxRepository outbox;
    private final OutboxSender sender;
    private final ChatSender chatSender;
    private final ChatOutbox chatOutbox;
    private final AuditWorkbookFiles workbooks;
    private final RequiredSecretsCheck required;
    private final LifecycleTracker lifecycle;
    private final WaiverLedger waiverLedger;
    private final RunRetention retention;
    private final InventoryShrinkGuard shrinkGuard;
    private final WorkbookStore workbookStore;
    private final SummarySections summarySections;
    private final StepMeters meters;
    private final EvidenceChain evidence;
    private final Clock clock;

    AuditRunSteps(AuditRunRepository runs, FindingRepository findings, OwnerNotifier owners, AuditorNotifier auditors,
                  OutboxRepository outbox, OutboxSender sender, ChatSender chatSender, ChatOutbox chatOutbox,
                  AuditWorkbookFiles workbooks,
                  RequiredSecretsCheck required, LifecycleTracker lifecycle, WaiverLedger waiverLedger,
                  RunRetention retention, InventoryShrinkGuard shrinkGuard, WorkbookStore workbookStore,
                  SummarySections summarySections, StepMeters meters, EvidenceChain evidence, Clock clock) {
        this.evidence = evidence;
        this.meters = meters;
        this.workbookStore = workbookStore;
        this.summarySections = summarySections;
        this.runs = runs;
        this.findings = findings;
        this.required = required;
        this.lifecycle = lifecycle;
        this.waiverLedger = waiverLedger;
        this.retention = retention;
        this.shrinkGuard = shrinkGuard;
        this.owners = owners;
        this.auditors = auditors;
        this.outbox = outbox;
        this.sender = sender;
        this.chatSender = chatSender;
        this.chatOutbox = chatOutbox;
        this.workbooks = workbooks;
        this.clock = clock;
    }

    /**
     * The inventory guard comes first, here rather than at the end of the evaluate step: nothing has been resolved
     * or queued yet, the step is not chunked (a failure is one clean rollback), and a restart with
     * {@code --accept-shrink} runs just this step again instead of re-reading the source. The required secrets are
     * checked here too, before the split: the findings they insert are ones owners get reminders for. The counts
     * are recorded after them, so the run's row is complete before either flow of the split reads it.
     */
    void checkInventory(RunContext context) {
        long runId = context.runId();
        long evaluated = findings.count("run_secret", runId);
        long malformed = findings.count("malformed_record", runId);
        shrinkGuard.check(run(runId), evaluated + malformed);
        int missing = required.check(runId, context.asOf());
        if (missing > 0) {
            log.info("{} required secret(s) missing", missing);
        }
        runs.recordCounts(runId, evaluated + malformed, evaluated, malformed, findings.count("finding", runId));
    }

    /**
     * Runs beside the owner reminders (AuditJobConfiguration): it writes only the findings' lifecycle and first
     * seen date, {@code finding_state}, {@code resolved_finding} and {@code run_waiver}, none of which a reminder
     * reads; the reminders read status and owner, which nothing here changes.
     */
    void trackLifecycle(RunContext context) {
        long runId = context.runId();
        OptionalLong previous = runs.previousCompleted(runId).stream().mapToLong(AuditRun::id).findFirst();
        lifecycle.track(runId, context.asOf(), previous, context.dryRun());
        waiverLedger.record(runId);
    }

    void queueOwnerReminders(RunContext context) {
        if (context.dryRun()) {
            log.info("Dry run: no owner is emailed");
            return;
        }
        int queued = owners.queueReminders(context.runId(), context.asOf(), context.asOfDate());
        log.info("Queued {} owner reminder(s)", queued);
    }

    void writeAuditWorkbook(RunContext context) throws IOException {
        long runId = context.runId();
        AuditRun run = run(runId);
        Map<String, String> sent = outbox.ownerWorkbooks(runId);
        Map<String, String> routedBy = new HashMap<>();
        sent.keySet().forEach(recipient -> routedBy.put(recipient, owners.routedBy(recipient)));
        RunEvidence evidence = new RunEvidence(run.id(), run.asOf(), run.startedAt(), clock.instant(), run.source(),
                run.dryRun(), run.read(), run.evaluated(), run.malformed(), run.policyVersion(), run.policy(),
                run.appVersion(), findings.malformedRecords(runId), sent, outbox.unroutable(runId),
                outbox.undelivered(runId), outbox.carriedOver(runId), run.shrinkAccepted(), routedBy,
                chatOutbox.undelivered(runId), chatOutbox.sent(runId));
        CompletableFuture<AuditWorkbookWriter.Summary> summary = summaryMeanwhile(runId);
        AuditWorkbookFiles.Written written = workbooks.write(new AuditWorkbookWriter.Content(evidence,
                () -> joined(summary), meters.counted(findings.findings(runId)),
                meters.counted(findings.inventory(runId)), meters.counted(findings.changes(runId)),
                waiverLedger.rows(runId)));
        runs.recordWorkbook(runId, written.path().toString(), written.size(), written.sha256());
        workbookStore.save(runId, written.path(), written.sha256());
        log.info("Auditor workbook {} ({} bytes, SHA-256 {})", written.path(), written.size(), written.sha256());
        if (!context.dryRun()) {
            auditors.queueWorkbook(runId, context.asOfDate(), written.path(), written.sha256());
        }
    }

    /**
     * The Summary sheet's counts, queried on their own thread (and connection) while the table sheets are written:
     * eight scans of the run's rows that the step otherwise waited for first.
     */
    private CompletableFuture<AuditWorkbookWriter.Summary> summaryMeanwhile(long runId) {
        return CompletableFuture.supplyAsync(() -> new AuditWorkbookWriter.Summary(summarySections.sections(runId),
                summarySections.statusByType(runId)), runnable -> {
                    Thread thread = new Thread(runnable, "audit-workbook-summary");
                    thread.setDaemon(true);
                    thread.start();
                });
    }

    private static AuditWorkbookWriter.Summary joined(CompletableFuture<AuditWorkbookWriter.Summary> summary) {
        try {
            return summary.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    void sendOwnerReminders(RunContext context) {
        send(context, OutboxRepository.Kind.OWNER_REMINDER);
    }

    /** Nothing in a dry run, nothing for a kind not configured. */
    void sendChat(RunContext context, OutboxRepository.Kind kind) {
        if (!context.dryRun()) {
            chatSender.send(kind, context.runId());
        }
    }

    void sendAuditorWorkbook(RunContext context) {
        send(context, OutboxRepository.Kind.AUDITOR_REPORT);
    }

    /** One kind per step: a message must not be attempted twice in one run (the attempt limit counts runs). */
    private void send(RunContext context, OutboxRepository.Kind kind) {
        if (context.dryRun()) {
            return;
        }
        sender.sendPending(kind, context.runId());
    }

    /**
     * The manifest is sealed here, in the transaction that marks the run completed: a run that fails after its
     * workbook is written never enters the evidence chain, so no two manifests point back to the same one.
     */
    void finish(RunContext context) {
        long runId = context.runId();
        try {
            evidence.seal(runId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's manifest", e);
        }
        runs.finish(runId, AuditRun.RunStatus.COMPLETED, null, clock.instant());
        if (context.dryRun()) {
            log.info("Dry run: retention not applied (a dry run deletes nothing)");
            return;
        }
        RunRetention.Removed removed = retention.apply(run(runId));
        if (removed.runs() > 0) {
            log.info("Retention: {}", removed.describe());
            runs.recordRetention(runId, removed.describe());
        }
    }

    /** The run's row, for what the job parameters do not carry: counts, timings, the policy, the shrink flag. */
    private AuditRun run(long runId) {
        return runs.find(runId).orElseThrow(() -> new IllegalStateException("audit run " + runId + " does not exist"));
    }
}
