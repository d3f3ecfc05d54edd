package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** A run's findings, filtered and paged on the server, and one secret's history (docs/portal.md#pages). */
@Controller
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class FindingPages {

    static final String HISTORY = "/secrets/history";
    private static final Logger log = LoggerFactory.getLogger(FindingPages.class);
    private static final PortalQueries.Page NONE = new PortalQueries.Page(List.of(), null, false);

    private final AuditRunRepository runs;
    private final PortalQueries queries;
    private final PortalProperties properties;
    private final CompletedRunCache<FindingFacets> facets;

    FindingPages(AuditRunRepository runs, PortalQueries queries, PortalProperties properties) {
        this.runs = runs;
        this.queries = queries;
        this.properties = properties;
        this.facets = new CompletedRunCache<>(RunPages.RUNS_CACHED, queries::facets);
    }

    @GetMapping("/runs/{id}/findings")
    String findings(@PathVariable long id, @RequestParam Map<String, String> parameters,
                    Authentication authentication, HttpServletRequest request, Model model) {
        Viewer viewer = Viewer.of(authentication);
        FindingFilter filter = FindingFilter.of(parameters);
        model.addAttribute("viewer", viewer);
        AuditRun run = RunPages.find(runs, id);
        model.addAttribute("run", run);
        Map<String, String> selected = filter.parameters();
        model.addAttribute("selected", selected);
        PortalQueries.Page page = noneCanMatch(run, filter) ? NONE
                : queries.findings(id, filter, viewer.ownerLimit(), properties.pageSize());
        model.addAttribute("page", page);
        model.addAttribute("rows", rows(page.rows(), request.getContextPath()));
        Map<String, String> options = new HashMap<>();
        FindingFilter.choices().forEach((name, choices) -> options.put(name,
                HtmlRows.options(choices, selected.get(name))));
        model.addAttribute("options", options);
        if (page.next() != null) {
            model.addAttribute("nextPage", nextPage(request.getContextPath(), id, filter, page.next()));
        }
        model.addAttribute("window", properties.filterWindow());
        return "portal/findings";
    }

    /**
     * A completed run's findings no longer change (CompletedRunCache), so a filter on a value none of them holds
     * matches nothing on any page, whoever asks ({@link FindingFacets}).
     */
    private boolean noneCanMatch(AuditRun run, FindingFilter filter) {
        if (run.status() != AuditRun.RunStatus.COMPLETED || !FindingFacets.asked(filter)) {
            return false;
        }
        try {
            return facets.get(run.id()).excludes(filter);
        } catch (RuntimeException e) { // not kept (CompletedRunCache): the next page asks again
            log.warn("The values of run {}'s findings could not be counted ({}); the filter is searched instead",
                    run.id(), e.getMessage());
            return false;
        }
    }

    /** The "Next page" link: every filter (an unset one empty), then the cursor, as {@code @{…}} wrote it. */
    static String nextPage(String contextPath, long runId, FindingFilter filter, PortalQueries.Cursor next) {
        List<String> namesAndValues = new ArrayList<>();
        List<String> values = filter.values();
        for (int i = 0; i < FindingFilter.NAMES.size(); i++) {
            namesAndValues.add(FindingFilter.NAMES.get(i));
            namesAndValues.add(values.get(i));
        }
        namesAndValues.addAll(List.of("afterSecret", next.secret(), "afterRule", next.rule()));
        return HtmlRows.query(contextPath + "/runs/" + runId + "/findings", namesAndValues.toArray(String[]::new));
    }

    /** The page's table rows ({@link HtmlRows}), with the link to each secret's history. */
    static String rows(List<PortalQueries.FindingLine> lines, String contextPath) {
        HtmlRows rows = new HtmlRows(lines.size());
        for (PortalQueries.FindingLine line : lines) {
            rows.row().link(contextPath, HISTORY, "name", line.secret(), line.secret()).cell(line.rule())
                    .cell("status-" + line.status(), line.status()).cell(line.severity()).cell(line.dueDate())
                    .cell("number", line.ageDays()).cell(line.lifecycle()).cell(line.type()).cell(line.scope())
                    .cell(line.integration()).cell(line.owner()).cell(line.waiver()).cell(line.message()).end();
        }
        return rows.html();
    }

    /**
     * The name travels as a query parameter: a secret's name may hold a slash. An owner who asks for a secret that
     * is not theirs gets the 404 of a secret that does not exist: the page does not say which it is.
     */
    @GetMapping(HISTORY)
    String history(@RequestParam String name, Authentication authentication, Model model) {
        Viewer viewer = Viewer.of(authentication);
        List<PortalQueries.HistoryLine> lines = queries.history(name, viewer.ownerLimit());
        if (lines.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no findings of this secret");
        }
        model.addAttribute("viewer", viewer);
        model.addAttribute("secret", name);
        model.addAttribute("lines", lines);
        model.addAttribute("shown", PortalQueries.HISTORY_SHOWN);
        return "portal/secret";
    }
}
