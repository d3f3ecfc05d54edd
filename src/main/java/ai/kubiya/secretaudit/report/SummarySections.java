package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.finding.CountRow;
import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.finding.RequiredSecretsCheck;
import ai.kubiya.secretaudit.finding.TypeStatusCount;
import ai.kubiya.secretaudit.policy.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/** Turns a run's counts, as the repositories read them, into the titled tables and the chart of the Summary sheet. */
@Component
public class SummarySections {

    /** A chart stays readable with this many types; the rarest are summed into {@link #OTHER_TYPES}. */
    static final int CHART_TYPES = 20;
    static final String OTHER_TYPES = "(other types)";

    private final FindingRepository findings;
    private final RequiredSecretsCheck required;

    SummarySections(FindingRepository findings, RequiredSecretsCheck required) {
        this.findings = findings;
        this.required = required;
    }

    /** The Summary sheet's tables; the required secrets' completeness last, when any secret is required. */
    public List<SummarySection> sections(long runId) {
        List<SummarySection> sections = new ArrayList<>();
        sections.add(section("Secrets by status", findings.secretsByStatus(runId)));
        sections.add(section("Findings by rule and status", findings.findingsByRuleAndStatus(runId)));
        sections.add(section("Secrets by type", findings.secretsByType(runId)));
        sections.add(section("Secrets by scope", findings.secretsByScope(runId)));
        sections.add(section("Secrets by integration", findings.secretsByIntegration(runId)));
        sections.add(section("Findings by owner", findings.findingsByOwner(runId)));
        SummarySection completeness = completeness(required.missing(runId));
        if (!completeness.counts().isEmpty()) {
            sections.add(completeness);
        }
        return sections;
    }

    /** Secrets by type (rows, most common first) and worst status (columns), for the Summary sheet's chart. */
    public StatusMatrix statusByType(long runId) {
        return statusByType(findings.secretsByTypeAndStatus(runId));
    }

    /** Each group of required names complete, or which names it misses. */
    static SummarySection completeness(Map<String, List<String>> missing) {
        List<SummarySection.Count> counts = new ArrayList<>();
        missing.forEach((integration, names) -> counts.add(new SummarySection.Count(
                integration + (names.isEmpty() ? ": complete" : ": missing " + String.join(", ", names)),
                names.size())));
        return new SummarySection("Required secrets (missing)", counts);
    }

    static StatusMatrix statusByType(List<TypeStatusCount> cells) {
        Map<String, Map<Status, Long>> counts = new TreeMap<>();
        SortedSet<Status> statuses = new TreeSet<>();
        for (TypeStatusCount cell : cells) {
            statuses.add(cell.status());
            counts.computeIfAbsent(cell.type(), type -> new EnumMap<>(Status.class)).put(cell.status(), cell.count());
        }
        List<String> types = new ArrayList<>(counts.keySet());
        types.sort(Comparator.comparingLong(
                (String type) -> -counts.get(type).values().stream().mapToLong(Long::longValue).sum()));
        if (types.size() > CHART_TYPES) {
            types = foldRarest(types, counts);
        }
        List<Status> columns = List.copyOf(statuses);
        long[][] grid = new long[types.size()][columns.size()];
        for (int r = 0; r < types.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                grid[r][c] = counts.get(types.get(r)).getOrDefault(columns.get(c), 0L);
            }
        }
        return new StatusMatrix("Secrets by type and status", types, columns, grid);
    }

    /** The most common types but one, then {@link #OTHER_TYPES}, whose counts {@code counts} gains. */
    private static List<String> foldRarest(List<String> types, Map<String, Map<Status, Long>> counts) {
        Map<Status, Long> other = new EnumMap<>(Status.class);
        for (String type : types.subList(CHART_TYPES - 1, types.size())) {
            counts.get(type).forEach((status, count) -> other.merge(status, count, Long::sum));
        }
        List<String> kept = new ArrayList<>(types.subList(0, CHART_TYPES - 1));
        kept.add(OTHER_TYPES);
        counts.put(OTHER_TYPES, other);
        return kept;
    }

    private static SummarySection section(String title, List<CountRow> rows) {
        return new SummarySection(title, rows.stream().map(row -> new SummarySection.Count(row.label(), row.count()))
                .toList());
    }
}
