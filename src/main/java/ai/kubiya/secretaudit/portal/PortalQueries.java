package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.finding.CountRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The portal's reads that take a viewer: each one filtered by the owner's mailbox when the viewer is an owner
 * ({@code lower(owner) = :mailbox}), whatever ids the URL carries. Auditor-only reads reuse the job's repositories.
 */
@Repository
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class PortalQueries {

    record FindingLine(String secret, String rule, String status, String severity, LocalDate dueDate, Integer ageDays,
                       String lifecycle, String type, String scope, String integration, String owner, String waiver,
                       String message) {
    }

    /**
     * @param next    where the next page starts (after this secret and rule), {@code null} at the end
     * @param scanned true when fewer than a page matched within {@link #FILTER_WINDOW} findings and the next page
     *                searches on from where this one stopped
     */
    record Page(List<FindingLine> rows, Cursor next, boolean scanned) {
    }

    record Cursor(String secret, String rule) {
    }

    /**
     * A filtered page reads at most this many of the run's findings (in page order) to find its matches, by default
     * ({@code audit.portal.filter-window}): a filter on
     * a rare value (status EXPIRED, lifecycle NEW on a later night) read the whole run's index until a page matched,
     * up to 1,161,318 rows (11 s p99 under 50 auditors at 1,000,000 secrets, docs/performance.md).
     */
    static final int FILTER_WINDOW = 20_000;
    private static final String COLUMNS = "secret, rule, status, severity, due_date, age_days, lifecycle, type, scope,"
            + " integration, owner, waiver, message";

    record Change(String change, String secret, String rule, String status, String owner) {
    }

    record HistoryLine(long runId, Instant asOf, boolean dryRun, String runStatus, String rule, String status,
                       String lifecycle, LocalDate dueDate, String owner, String waiver) {
    }

    /** The run page lists this many changes; the findings page (filter lifecycle) pages through all of them. */
    static final int CHANGES_SHOWN = 500;
    static final int HISTORY_SHOWN = 1000;
    /** A broken export can make every record malformed: the page lists the first ones, the count says how many. */
    static final int MALFORMED_SHOWN = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final int filterWindow;
    private final TransactionTemplate oneSnapshot;

    @Autowired
    PortalQueries(NamedParameterJdbcTemplate jdbc, PortalProperties properties) {
        this(jdbc, properties.filterWindow());
    }

    PortalQueries(NamedParameterJdbcTemplate jdbc, int filterWindow) {
        this.jdbc = jdbc;
        this.filterWindow = filterWindow;
        this.oneSnapshot = new TransactionTemplate(new DataSourceTransactionManager(
                jdbc.getJdbcTemplate().getDataSource()));
        oneSnapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        oneSnapshot.setReadOnly(true);
    }

    /**
     * One page of a run's findings in (secret, rule) order, after the cursor. Fetches one row more than the page to
     * know whether a next page exists. A filter without an owner is looked for in a window of the run's findings
     * ({@link #FILTER_WINDOW}); an owner's findings are a range of {@code finding_run_mailbox_key_idx} already.
     */
    Page findings(long runId, FindingFilter filter, String mailbox, int size) {
        MapSqlParameterSource params = new MapSqlParameterSource("run", runId).addValue("limit", size + 1);
        StringBuilder where = new StringBuilder();
        filters(where, params, filter);
        if (mailbox == null && filter.owner() == null && !where.isEmpty()) {
            return windowed(params, where, filter, size);
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM finding WHERE run_id = :run");
        mailbox(sql, params, mailbox);
        sql.append(where);
        cursor(sql, params, filter);
        sql.append(" ORDER BY secret, rule LIMIT :limit");
        List<FindingLine> rows = new ArrayList<>(jdbc.query(sql.toString(), params, PortalQueries::line));
        return page(rows, size, null);
    }

    /**
     * The matches among the next {@code filterWindow} findings, then, only when they are less than a page, where a
     * full window ended: the next page goes on searching from there. The matches stream out of the window in key
     * order, so a page of a common value reads a page of rows (0.1 ms at 100,000 findings; a rare one, 1 in 90,
     * 3 ms), where materializing the whole window for its size and last row read 20,000 rows on every filtered page
     * (23 ms, `EXPLAIN ANALYZE`). Both statements read one snapshot (a read-only REPEATABLE READ transaction): a
     * run still being written commits chunks between them, and a window end read after them would repeat or skip
     * matches on the next page.
     */
    private Page windowed(MapSqlParameterSource params, StringBuilder where, FindingFilter filter, int size) {
        return oneSnapshot.execute(status -> windowedRead(params, where, filter, size));
    }

    private Page windowedRead(MapSqlParameterSource params, StringBuilder where, FindingFilter filter, int size) {
        StringBuilder window = new StringBuilder(" FROM finding WHERE run_id = :run");
        cursor(window, params, filter);
        window.append(" ORDER BY secret, rule");
        params.addValue("window", filterWindow).addValue("last", filterWindow - 1);
        List<FindingLine> rows = new ArrayList<>(jdbc.query("SELECT * FROM (SELECT " + COLUMNS + window
                + " LIMIT :window) w WHERE true" + where + " ORDER BY secret, rule LIMIT :limit", params,
                PortalQueries::line));
        if (rows.size() > size) {
            return page(rows, size, null);
        }
        List<Cursor> edge = jdbc.query("SELECT secret, rule" + window + " OFFSET :last LIMIT 1", params,
                (rs, n) -> new Cursor(rs.getString("secret"), rs.getString("rule")));
        return page(rows, size, edge.isEmpty() ? null : edge.get(0));
    }

    private static Page page(List<FindingLine> rows, int size, Cursor windowEnd) {
        if (rows.size() > size) {
            rows.remove(size);
            FindingLine last = rows.get(size - 1);
            return new Page(rows, new Cursor(last.secret(), last.rule()), false);
        }
        return new Page(rows, windowEnd, windowEnd != null && rows.size() < size);
    }

    /** The filters, each one bound. */
    private static void filters(StringBuilder sql, MapSqlParameterSource params, FindingFilter filter) {
        equal(sql, params, "status", filter.status());
        equal(sql, params, "rule", filter.rule());
        equal(sql, params, "severity", filter.severity());
        equal(sql, params, "lifecycle", filter.lifecycle());
        equal(sql, params, "type", filter.type());
        equal(sql, params, "scope", filter.scope());
        equal(sql, params, "integration", filter.integration());
        if (filter.owner() != null) {
            sql.append(" AND lower(owner) = lower(:ownerFilter)");
            params.addValue("ownerFilter", filter.owner());
        }
    }

    /** (secret, rule) > cursor is a range of finding_run_key_idx. */
    private static void cursor(StringBuilder sql, MapSqlParameterSource params, FindingFilter filter) {
        if (filter.afterSecret() != null) {
            sql.append(" AND (secret, rule) > (:afterSecret, :afterRule)");
            params.addValue("afterSecret", filter.afterSecret()).addValue("afterRule", filter.afterRule());
        }
    }

    /**
     * The values the run's findings hold in each of {@link FindingFacets#COLUMNS}: one pass over the run (grouping
     * sets). A column with more than {@link FindingFacets#MAX_VALUES} values sends one row only, and is not kept.
     */
    FindingFacets facets(long runId) {
        String column = String.join(", ", FindingFacets.COLUMNS);
        StringBuilder which = new StringBuilder("CASE");
        FindingFacets.COLUMNS.forEach(c -> which.append(" WHEN GROUPING(").append(c).append(") = 0 THEN '")
                .append(c).append('\''));
        String sql = """
                SELECT facet, value, held FROM (
                    SELECT facet, value, count(*) OVER w AS held, row_number() OVER w AS i FROM (
                        SELECT %1$s END AS facet, coalesce(%2$s) AS value FROM finding WHERE run_id = :run
                        GROUP BY GROUPING SETS (%3$s)) g
                    WHERE value IS NOT NULL WINDOW w AS (PARTITION BY facet)) v
                WHERE held <= :max OR i = 1""".formatted(which, column,
                "(" + String.join("), (", FindingFacets.COLUMNS) + ")");
        Map<String, Set<String>> values = new HashMap<>();
        Set<String> unknown = new HashSet<>();
        jdbc.query(sql, new MapSqlParameterSource("run", runId).addValue("max", FindingFacets.MAX_VALUES), rs -> {
            if (rs.getLong("held") > FindingFacets.MAX_VALUES) {
                unknown.add(rs.getString("facet"));
            } else {
                values.computeIfAbsent(rs.getString("facet"), c -> new HashSet<>()).add(rs.getString("value"));
            }
        });
        return new FindingFacets(values, unknown);
    }

    /** Findings by rule and status, the viewer's own only when an owner. */
    List<CountRow> countsByRuleAndStatus(long runId, String mailbox) {
        MapSqlParameterSource params = new MapSqlParameterSource("run", runId);
        StringBuilder sql = new StringBuilder("SELECT rule || ' ' || status, count(*) FROM finding WHERE run_id = :run");
        mailbox(sql, params, mailbox);
        sql.append(" GROUP BY rule, status ORDER BY rule, status");
        return jdbc.query(sql.toString(), params, (rs, n) -> new CountRow(rs.getString(1), rs.getLong(2)));
    }

    /** New and reopened findings of the run, and those resolved since the previous completed run, the first 500. */
    List<Change> changes(long runId, String mailbox) {
        MapSqlParameterSource params = new MapSqlParameterSource("run", runId).addValue("limit", CHANGES_SHOWN);
        String own = mailbox == null ? "" : " AND lower(owner) = :mailbox";
        params.addValue("mailbox", mailbox);
        return jdbc.query("""
                SELECT lifecycle, secret, rule, status, owner FROM finding
                WHERE run_id = :run AND lifecycle IN ('NEW', 'REOPENED')%1$s
                UNION ALL
                SELECT 'RESOLVED', secret, rule, last_status, owner FROM resolved_finding WHERE run_id = :run%1$s
                ORDER BY 1, 2, 3 LIMIT :limit""".formatted(own), params,
                (rs, n) -> new Change(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)));
    }

    /**
     * One secret's findings across runs, latest first (served by finding_key_idx). Runs in which the secret had no
     * finding are not rows here: it was OK, or not in the inventory.
     */
    List<HistoryLine> history(String secret, String mailbox) {
        MapSqlParameterSource params = new MapSqlParameterSource("secret", secret).addValue("limit", HISTORY_SHOWN);
        StringBuilder sql = new StringBuilder("""
                SELECT r.id, r.as_of, r.dry_run, r.status, f.rule, f.status, f.lifecycle, f.due_date, f.owner, f.waiver
                FROM finding f JOIN audit_run r ON r.id = f.run_id WHERE f.secret = :secret""");
        if (mailbox != null) {
            sql.append(" AND lower(f.owner) = :mailbox");
            params.addValue("mailbox", mailbox);
        }
        sql.append(" ORDER BY r.as_of DESC, r.id DESC, f.rule LIMIT :limit");
        return jdbc.query(sql.toString(), params, (rs, n) -> new HistoryLine(rs.getLong(1),
                rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getBoolean(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getObject(8, LocalDate.class), rs.getString(9),
                rs.getString(10)));
    }

    /** The reasons of the run's first malformed records (the Run sheet lists them all). */
    List<String> malformed(long runId) {
        return jdbc.queryForList("SELECT reason FROM malformed_record WHERE run_id = :run ORDER BY position"
                + " LIMIT :limit", new MapSqlParameterSource("run", runId).addValue("limit", MALFORMED_SHOWN),
                String.class);
    }

    private static void mailbox(StringBuilder sql, MapSqlParameterSource params, String mailbox) {
        if (mailbox != null) {
            sql.append(" AND lower(owner) = :mailbox");
            params.addValue("mailbox", mailbox);
        }
    }

    private static void equal(StringBuilder sql, MapSqlParameterSource params, String column, String value) {
        if (value != null) {
            // column names come from this class only; values are bound, never spliced in
            sql.append(" AND ").append(column).append(" = :").append(column);
            params.addValue(column, value);
        }
    }

    private static FindingLine line(ResultSet rs, int row) throws SQLException {
        int age = rs.getInt("age_days");
        Integer ageDays = rs.wasNull() ? null : age;
        return new FindingLine(rs.getString("secret"), rs.getString("rule"), rs.getString("status"),
                rs.getString("severity"), rs.getObject("due_date", LocalDate.class), ageDays, rs.getString("lifecycle"),
                rs.getString("type"), rs.getString("scope"), rs.getString("integration"), rs.getString("owner"),
                rs.getString("waiver"), rs.getString("message"));
    }
}
