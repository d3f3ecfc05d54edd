package ai.kubiya.secretaudit.finding;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The lifecycle rule over every combination a (secret, rule) can meet, on a real PostgreSQL, against a model of
 * the rule written out in Java: absent, waived or failing in the previous run (with or without a first-seen
 * date), never or earlier, equally or later seen in {@code finding_state}, and absent, waived or failing now; with
 * and without a previous run, as a dry run or not, tracked once or twice (a restarted step).
 */
class LifecyclePropertyTests {

    static final String URL = TestDatabases.newDatabase();
    static final Instant AT = Instant.parse("2026-11-27T00:00:00Z");
    static final Instant PREVIOUS_AS_OF = AT.minus(Duration.ofDays(1));

    enum Then { ABSENT, WAIVED, FAILING }

    /** Days from the as-of, or null for "none". */
    record Key(Then previously, Integer previousFirstSeenDays, Integer stateDays, Then now) {
    }

    record Expected(String lifecycle, Instant firstSeen) {
    }

    @Property(tries = 300)
    void everyFindingGetsTheLifecycleTheRuleGives(@ForAll("histories") List<Key> keys,
            @ForAll boolean hasPreviousRun, @ForAll boolean dryRun, @ForAll boolean restarted) throws Exception {
        try (Connection connection = DriverManager.getConnection(URL, "postgres", "")) {
            connection.setAutoCommit(false);
            long[] runs = given(connection, keys);
            OptionalLong previous = hasPreviousRun ? OptionalLong.of(runs[0]) : OptionalLong.empty();
            LifecycleTracker tracker = new LifecycleTracker(new SingleConnectionDataSource(connection, true));

            tracker.track(runs[1], AT, previous, dryRun);
            if (restarted) {
                tracker.track(runs[1], AT, previous, dryRun);
            }
            connection.commit();

            Map<String, Expected> expected = new HashMap<>();
            List<String> resolved = new ArrayList<>();
            Map<String, Instant> state = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                Key key = keys.get(i);
                expected.putAll(expectedFinding(i, key, hasPreviousRun));
                if (hasPreviousRun && key.previously() == Then.FAILING && key.now() == Then.ABSENT) {
                    resolved.add(secret(i) + " " + day(key.previousFirstSeenDays()));
                }
                Instant stored = day(key.stateDays());
                if (key.now() != Then.ABSENT && !dryRun) {
                    stored = stored == null || AT.isBefore(stored) ? AT : stored;
                }
                if (stored != null) {
                    state.put(secret(i), stored);
                }
            }
            assertThat(findings(connection, runs[1])).isEqualTo(expected);
            assertThat(resolved(connection, runs[1])).containsExactlyInAnyOrderElementsOf(resolved);
            assertThat(state(connection)).isEqualTo(state);
        }
    }

    @Provide
    Arbitrary<List<Key>> histories() {
        Arbitrary<Then> then = Arbitraries.of(Then.class);
        Arbitrary<Integer> days = Arbitraries.of(-40, -2, -1, 0, 1).injectNull(0.3);
        return Combinators.combine(then, days, days, then).as(Key::new).list().ofMaxSize(25);
    }

    private static Map<String, Expected> expectedFinding(int i, Key key, boolean hasPreviousRun) {
        if (key.now() == Then.ABSENT) {
            return Map.of();
        }
        Instant seen = day(key.stateDays());
        Expected expected;
        if (key.now() == Then.WAIVED) {
            expected = new Expected("WAIVED", null);
        } else if (hasPreviousRun && key.previously() == Then.FAILING) {
            Instant first = day(key.previousFirstSeenDays());
            expected = new Expected("OPEN", first == null ? PREVIOUS_AS_OF : first);
        } else if (seen != null && seen.isBefore(AT)) {
            expected = new Expected("REOPENED", AT);
        } else {
            expected = new Expected("NEW", AT);
        }
        return Map.of(secret(i), expected);
    }

    /** A clean database with the previous run, this run, their findings and finding_state; returns both run ids. */
    private static long[] given(Connection connection, List<Key> keys) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM audit_run");
            statement.execute("DELETE FROM finding_state");
        }
        long previous = run(connection, PREVIOUS_AS_OF);
        long current = run(connection, AT);
        try (PreparedStatement finding = connection.prepareStatement("""
                INSERT INTO finding (run_id, secret, rule, status, severity, message, policy_version, first_seen_as_of)
                VALUES (?, ?, 'ROTATION', ?, 'HIGH', 'm', 'p', ?)""");
             PreparedStatement state = connection.prepareStatement(
                     "INSERT INTO finding_state (secret, rule, first_seen_as_of) VALUES (?, 'ROTATION', ?)")) {
            for (int i = 0; i < keys.size(); i++) {
                Key key = keys.get(i);
                if (key.previously() != Then.ABSENT) {
                    insert(finding, previous, secret(i), key.previously(), timestamp(day(key.previousFirstSeenDays())));
                }
                if (key.now() != Then.ABSENT) {
                    insert(finding, current, secret(i), key.now(), null);
                }
                if (key.stateDays() != null) {
                    state.setString(1, secret(i));
                    state.setTimestamp(2, timestamp(day(key.stateDays())));
                    state.executeUpdate();
                }
            }
        }
        connection.commit();
        return new long[] {previous, current};
    }

    private static void insert(PreparedStatement finding, long run, String secret, Then status, Timestamp firstSeen)
            throws SQLException {
        finding.setLong(1, run);
        finding.setString(2, secret);
        finding.setString(3, status == Then.WAIVED ? "WAIVED" : "OVERDUE");
        finding.setTimestamp(4, firstSeen);
        finding.executeUpdate();
    }

    private static long run(Connection connection, Instant asOf) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, policy_version, policy, app_version)
                VALUES (?, 'test', false, 'COMPLETED', now(), 'p', 'p', 'test') RETURNING id""")) {
            insert.setTimestamp(1, timestamp(asOf));
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Map<String, Expected> findings(Connection connection, long run) throws SQLException {
        Map<String, Expected> found = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT secret, lifecycle, first_seen_as_of FROM finding WHERE run_id = ?")) {
            query.setLong(1, run);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new Expected(rs.getString(2), instant(rs, 3)));
                }
            }
        }
        return found;
    }

    private static List<String> resolved(Connection connection, long run) throws SQLException {
        List<String> found = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT secret, first_seen_as_of, last_status FROM resolved_finding WHERE run_id = ?")) {
            query.setLong(1, run);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    assertThat(rs.getString(3)).isEqualTo("OVERDUE");
                    found.add(rs.getString(1) + " " + instant(rs, 2));
                }
            }
        }
        return found;
    }

    private static Map<String, Instant> state(Connection connection) throws SQLException {
        Map<String, Instant> found = new HashMap<>();
        try (Statement query = connection.createStatement();
             ResultSet rs = query.executeQuery("SELECT secret, first_seen_as_of FROM finding_state")) {
            while (rs.next()) {
                found.put(rs.getString(1), instant(rs, 2));
            }
        }
        return found;
    }

    private static String secret(int i) {
        return "secret-" + i;
    }

    private static Instant day(Integer days) {
        return days == null ? null : AT.plus(Duration.ofDays(days));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
