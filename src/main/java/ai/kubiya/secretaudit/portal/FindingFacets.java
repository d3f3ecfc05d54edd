package ai.kubiya.secretaudit.portal;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a completed run's findings hold in each column a filter matches exactly (docs/portal.md#pages), counted
 * once per run ({@link PortalQueries#facets}, one pass: 0.9 s at 1,000,000 secrets). A filter on a value no finding
 * holds — lifecycle NEW on a quiet night, a mistyped scope — is answered "no findings match" at once: searched window by
 * window, it read every finding of the run, 20,000 per page and per "Next", and at 1,000,000 secrets those searches were
 * the portal's largest cost in PostgreSQL while a run wrote (docs/performance.md#the-portal-under-load).
 *
 * @param values  per column, the values its findings hold (nulls left out: no filter asks for one)
 * @param unknown columns with more than {@link #MAX_VALUES} values, not kept: a filter on them is searched as before
 */
record FindingFacets(Map<String, Set<String>> values, Set<String> unknown) {

    /**
     * The filters' names that are column names matched with {@code =} (PortalQueries binds them so): all but the
     * owner's, which is an index range already.
     */
    static final List<String> COLUMNS = FindingFilter.NAMES.stream().filter(name -> !name.equals("owner")).toList();

    /** Beyond this many values in one column (scopes, say, one per secret), it is not kept: bounded memory. */
    static final int MAX_VALUES = 1000;

    FindingFacets {
        values = Map.copyOf(values);
        unknown = Set.copyOf(unknown);
    }

    /** True when the filter sets one of {@link #COLUMNS}: only then are the facets worth counting. */
    static boolean asked(FindingFilter filter) {
        Map<String, String> set = filter.parameters();
        return COLUMNS.stream().anyMatch(set::containsKey);
    }

    /** True when a value the filter asks for is held by none of the run's findings: no page can match. */
    boolean excludes(FindingFilter filter) {
        Map<String, String> set = filter.parameters();
        for (String column : COLUMNS) {
            String value = set.get(column);
            if (value != null && !unknown.contains(column)
                    && !values.getOrDefault(column, Set.of()).contains(value)) {
                return true;
            }
        }
        return false;
    }
}
