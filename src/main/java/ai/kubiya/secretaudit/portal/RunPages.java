package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.finding.CountRow;
import ai.kubiya.secretaudit.finding.WaiverLedger;
import ai.kubiya.secretaudit.finding.WaiverRow;
import ai.kubiya.secretaudit.notify.OutboxRepository;
import ai.kubiya.secretaudit.report.SummarySection;
import ai.kubiya.secretaudit.report.SummarySections;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The runs list and one run (docs/portal.md#pages). An owner sees every run's date and status (no run is anyone's)
 * but of each run only the counts and changes of their own findings; the totals, waivers, malformed records and
 * delivery evidence are the auditors'.
 */
@Controller
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class RunPages {

    /** The list shows the latest runs; a nightly job keeps ~400 (audit.retention.days). */
    static final int RUNS_SHOWN = 500;
    /** Completed runs whose aggregates are kept: the nights auditors are looking at, a few hundred rows each. */
    static final int RUNS_CACHED = 16;

    /**
     * What an auditor's run page shows of the whole run that no later run changes: its aggregates, waivers, malformed
     * records, and the owner workbooks it emailed and owners it could not route (one row per owner: ~5,000 at
     * 1,000,000 secrets, read on every visit before: run page p99 8.3 s with 40 auditors paging).
     */
    record Totals(List<CountRow> counts, List<PortalQueries.Change> changes, List<SectionTable> sections,
                  List<WaiverRow> waivers, List<String> malformed, String ownerWorkbookRows,
                  List<String> unroutable) {
    }

    private final AuditRunRepository runs;
    private final PortalQueries queries;
    private final SummarySections summary;
    private final WaiverLedger waivers;
    private final OutboxRepository outbox;
    private final CompletedRunCache<Totals> completed = new CompletedRunCache<>(RUNS_CACHED, this::totals);

    RunPages(AuditRunRepository runs, PortalQueries queries, SummarySections summary, WaiverLedger waivers,
             OutboxRepository outbox) {
        this.runs = runs;
        this.queries = queries;
        this.summary = summary;
        this.waivers = waivers;
        this.outbox = outbox;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/runs";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "portal/signed-out";
    }

    /** Where {@link SignInFailures} forwards; opened directly, it says only that no sign-in completed. */
    @GetMapping(SignInFailures.PATH)
    String signInFailed(jakarta.servlet.http.HttpServletRequest request, Model model) {
        Object problem = request.getAttribute(SignInFailures.PROBLEM);
        model.addAttribute("problem", problem != null ? problem : "The sign-in did not complete.");
        return "portal/sign-in-failed";
    }

    @GetMapping("/runs")
    String runs(Authentication authentication, Model model) {
        model.addAttribute("viewer", Viewer.of(authentication));
        model.addAttribute("runs", runs.latest(RUNS_SHOWN));
        return "portal/runs";
    }

    @GetMapping("/runs/{id}")
    String run(@PathVariable long id, Authentication authentication, HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(authentication);
        AuditRun run = find(runs, id);
        model.addAttribute("viewer", viewer);
        model.addAttribute("run", run);
        model.addAttribute("previous", runs.previousCompleted(id).orElse(null));
        model.addAttribute("changesShown", PortalQueries.CHANGES_SHOWN);
        List<PortalQueries.Change> changes;
        if (viewer.auditor()) {
            changes = auditorView(run, model);
        } else {
            // an owner's own findings: a range of finding_run_mailbox_key_idx, cheap on every visit
            model.addAttribute("counts", queries.countsByRuleAndStatus(id, viewer.ownerLimit()));
            changes = queries.changes(id, viewer.ownerLimit());
        }
        model.addAttribute("changes", changes);
        model.addAttribute("changeRows", changeRows(changes, request.getContextPath()));
        return "portal/run";
    }

    /** The whole run's counts, Summary tables (once per completed run) and evidence; its changes returned. */
    private List<PortalQueries.Change> auditorView(AuditRun run, Model model) {
        long id = run.id();
        Totals totals = run.status() == AuditRun.RunStatus.COMPLETED ? completed.get(id) : totals(id);
        model.addAttribute("counts", totals.counts());
        model.addAttribute("sections", totals.sections());
        model.addAttribute("waivers", totals.waivers());
        model.addAttribute("malformed", totals.malformed());
        model.addAttribute("malformedShown", PortalQueries.MALFORMED_SHOWN);
        model.addAttribute("ownerWorkbookRows", totals.ownerWorkbookRows());
        model.addAttribute("unroutable", totals.unroutable());
        // not kept: a later run may still deliver what this one could not; two index scans (V17)
        model.addAttribute("undelivered", outbox.undelivered(id));
        model.addAttribute("carriedOver", outbox.carriedOver(id));
        return totals.changes();
    }

    /**
     * The whole run's aggregates and evidence, as an auditor sees them: every finding read. The long tables' rows are
     * kept written ({@link HtmlRows}): ~10,000 of them at 1,000,000 secrets, the same on every visit.
     */
    private Totals totals(long runId) {
        List<SectionTable> sections = summary.sections(runId).stream()
                .map(section -> new SectionTable(section.title(), countRows(section.counts()))).toList();
        return new Totals(queries.countsByRuleAndStatus(runId, null), queries.changes(runId, null), sections,
                waivers.rows(runId), queries.malformed(runId), ownerWorkbookRows(outbox.ownerWorkbooks(runId)),
                outbox.unroutable(runId));
    }

    /** Up to {@link PortalQueries#CHANGES_SHOWN} rows ({@link HtmlRows}), each secret linked to its history. */
    static String changeRows(List<PortalQueries.Change> changes, String contextPath) {
        HtmlRows rows = new HtmlRows(changes.size());
        for (PortalQueries.Change change : changes) {
            rows.row().cell(change.change())
                    .link(contextPath, FindingPages.HISTORY, "name", change.secret(), change.secret())
                    .cell(change.rule()).cell(change.status()).cell(change.owner()).end();
        }
        return rows.html();
    }

    /** A Summary table as the run page shows it: its title, and its rows ({@link HtmlRows}). */
    record SectionTable(String title, String rows) {
    }

    /** A row per count: its label, and the number (a section's "Findings by owner": a row per owner). */
    static String countRows(List<SummarySection.Count> counts) {
        HtmlRows rows = new HtmlRows(counts.size());
        counts.forEach(count -> rows.row().cell(count.label()).cell("number", count.count()).end());
        return rows.html();
    }

    /** A row per owner email: to whom, and the SHA-256 of the workbook it carried. */
    static String ownerWorkbookRows(Map<String, String> ownerWorkbooks) {
        HtmlRows rows = new HtmlRows(ownerWorkbooks.size());
        ownerWorkbooks.forEach((to, sha256) -> rows.row().cell(to).cell("hash", sha256).end());
        return rows.html();
    }

    static AuditRun find(AuditRunRepository runs, long id) {
        return runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such run"));
    }
}
