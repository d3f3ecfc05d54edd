package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.finding.WaiverLedger;
import ai.kubiya.secretaudit.notify.OutboxRepository;
import ai.kubiya.secretaudit.report.SummarySections;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
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

    private final AuditRunRepository runs;
    private final PortalQueries queries;
    private final SummarySections summary;
    private final WaiverLedger waivers;
    private final OutboxRepository outbox;

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
    String run(@PathVariable long id, Authentication authentication, Model model) {
        Viewer viewer = Viewer.of(authentication);
        AuditRun run = find(runs, id);
        model.addAttribute("viewer", viewer);
        model.addAttribute("run", run);
        model.addAttribute("previous", runs.previousCompleted(id).orElse(null));
        model.addAttribute("counts", queries.countsByRuleAndStatus(id, viewer.ownerLimit()));
        model.addAttribute("changes", queries.changes(id, viewer.ownerLimit()));
        model.addAttribute("changesShown", PortalQueries.CHANGES_SHOWN);
        if (viewer.auditor()) {
            model.addAttribute("sections", summary.sections(id));
            model.addAttribute("waivers", waivers.rows(id));
            model.addAttribute("malformed", queries.malformed(id));
            model.addAttribute("malformedShown", PortalQueries.MALFORMED_SHOWN);
            model.addAttribute("ownerWorkbooks", outbox.ownerWorkbooks(id));
            model.addAttribute("undelivered", outbox.undelivered(id));
            model.addAttribute("carriedOver", outbox.carriedOver(id));
            model.addAttribute("unroutable", outbox.unroutable(id));
        }
        return "portal/run";
    }

    static AuditRun find(AuditRunRepository runs, long id) {
        return runs.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such run"));
    }
}
