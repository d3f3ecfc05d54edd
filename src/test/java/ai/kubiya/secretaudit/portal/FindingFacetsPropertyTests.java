package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.TestDatabases;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A completed run's facets (real PostgreSQL) answer "no findings match" only where the search would have found none,
 * and for a filter on one column, every time it would have: exact values (case included), nulls never held, and a
 * column with more values than kept ({@link FindingFacets#MAX_VALUES}) left to the search.
 */
class FindingFacetsPropertyTests {

    private static final NamedParameterJdbcTemplate JDBC = database();
    private static final long RUN = JDBC.getJdbcOperations().queryForObject("""
            INSERT INTO audit_run (as_of, source, dry_run, status, started_at, policy_version, policy, app_version)
            VALUES (now(), 'synthetic', false, 'COMPLETED', now(), 'v', '{}', 'test') RETURNING id""", Long.class);
    private static final FindingFacets FACETS;

    static {
        // 1,200 findings: every scope its own (more values than kept), some types and integrations null, an
        // integration in two cases, lifecycle never REOPENED or WAIVED, status never DUE_SOON
        JDBC.getJdbcOperations().update("""
                INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, type, scope, integration,
                                     message, policy_version)
                SELECT ?, 'secret-' || lpad(n::text, 4, '0'), (ARRAY['ROTATION', 'UNUSED', 'METADATA'])[n % 3 + 1],
                       (ARRAY['OVERDUE', 'EXPIRED', 'UNUSED', 'MISSING'])[n % 4 + 1],
                       (ARRAY['HIGH', 'CRITICAL'])[n % 2 + 1], (ARRAY['NEW', 'OPEN'])[n % 2 + 1],
                       (ARRAY['token', 'certificate', NULL])[n % 3 + 1], 'scope-' || n,
                       (ARRAY['github', 'GitHub', NULL, 'aws'])[n % 4 + 1], '', 'v'
                FROM generate_series(1, 1200) n""", RUN);
        FACETS = new PortalQueries(JDBC, 100).facets(RUN);
    }

    @Property(tries = 200)
    void excludesOnlyWhatMatchesNothingAndEveryOneColumnMiss(@ForAll("filters") Map<String, String> filter) {
        long matching = matching(filter);
        boolean excluded = FACETS.excludes(FindingFilter.of(filter));

        if (excluded) {
            assertThat(matching).as("excluded, yet %s matches", filter).isZero();
        }
        if (filter.size() == 1 && !filter.containsKey("scope")) {
            assertThat(excluded).as("%s matches %d", filter, matching).isEqualTo(matching == 0);
        }
        if (filter.keySet().equals(java.util.Set.of("scope"))) {
            assertThat(excluded).as("scope holds more values than kept: searched instead").isFalse();
        }
        assertThat(FindingFacets.asked(FindingFilter.of(filter))).isEqualTo(!filter.isEmpty());
    }

    @Provide
    Arbitrary<Map<String, String>> filters() {
        Map<String, List<String>> values = Map.of(
                "status", List.of("OVERDUE", "EXPIRED", "MISSING", "DUE_SOON"),
                "rule", List.of("ROTATION", "METADATA", "CERTIFICATE_EXPIRY"),
                "severity", List.of("HIGH", "CRITICAL", "LOW"),
                "lifecycle", List.of("NEW", "OPEN", "REOPENED"),
                "type", List.of("token", "certificate", "Token", "api_key"),
                "scope", List.of("scope-7", "scope-1200", "scope-0", "nothing"),
                "integration", List.of("github", "GitHub", "GITHUB", "aws", "slack"));
        List<Arbitrary<Map.Entry<String, String>>> columns = FindingFacets.COLUMNS.stream()
                .map(column -> Arbitraries.of(values.get(column)).map(v -> Map.entry(column, v)).injectNull(0.7))
                .toList();
        return Combinators.combine(columns).as(entries -> {
            Map<String, String> filter = new HashMap<>();
            entries.stream().filter(e -> e != null).forEach(e -> filter.put(e.getKey(), e.getValue()));
            return filter;
        });
    }

    /** What the search would find: the filters as PortalQueries binds them. */
    private static long matching(Map<String, String> filter) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM finding WHERE run_id = :run");
        MapSqlParameterSource params = new MapSqlParameterSource("run", RUN);
        filter.forEach((column, value) -> {
            sql.append(" AND ").append(column).append(" = :").append(column);
            params.addValue(column, value);
        });
        return JDBC.queryForObject(sql.toString(), params, Long.class);
    }

    private static NamedParameterJdbcTemplate database() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
                TestDatabases.newDatabase(), "postgres", "");
        return new NamedParameterJdbcTemplate(dataSource);
    }
}
