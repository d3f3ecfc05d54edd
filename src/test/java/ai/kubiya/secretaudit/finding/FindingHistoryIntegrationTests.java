package ai.kubiya.secretaudit.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.TestFiles;
import ai.kubiya.secretaudit.support.Workbooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Findings over a sequence of runs on a real PostgreSQL: lifecycle, waivers applied then expired,
 * REQUIRED secrets per integration, and retention.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(properties = {
        "audit.required=datadog-api-key",
        "audit.integrations.github.required=github-api-token,github-webhook-secret",
        "audit.retention.days=3"})
class FindingHistoryIntegrationTests {

    static final Instant DAY_0 = Instant.parse("2026-11-26T00:00:00Z");
    static final Path WORK = TestFiles.directory("history");

    /** The night of day 4: retention counts back from the clock, so the test fixes it. */
    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(DAY_0.plus(Duration.ofDays(4)).plus(Duration.ofHours(2)), ZoneOffset.UTC);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.register(registry);
        Path waivers = WORK.resolve("waivers.yaml");
        Files.writeString(waivers, """
                - secret: "legacy-*"
                  rule: ROTATION
                  reason: vendor cannot rotate before the migration
                  approved_by: ciso@acme.example
                  ticket: SEC-101
                  expires: 2026-11-29
                """);
        registry.add("audit.waivers.file", waivers::toString);
        registry.add("audit.reports.dir", () -> WORK.resolve("reports").toString());
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @Test
    @Order(1)
    void aSequenceOfRunsGivesEachFindingItsHistory() throws Exception {
        // day 0: the token is overdue (NEW); the legacy key is overdue but waived
        AuditRun first = run(0, 61);
        assertThat(findings(first)).containsExactlyInAnyOrder(
                tuple("ci-token", "ROTATION", "OVERDUE", "NEW", null),
                tuple("legacy-vendor-key", "ROTATION", "WAIVED", "WAIVED", "SEC-101 (legacy-* / ROTATION)"),
                tuple("datadog-api-key", "REQUIRED", "MISSING", "NEW", null),
                tuple("github-webhook-secret", "REQUIRED", "MISSING", "NEW", null));
        assertThat(jdbc.sql("SELECT integration FROM finding WHERE run_id = ? AND secret = 'github-webhook-secret'")
                .param(first.id()).query(String.class).single()).isEqualTo("github");
        assertThat(Workbooks.allText(Path.of(first.workbookPath())))
                .contains("github: missing github-webhook-secret")
                .contains("(all): missing datadog-api-key")
                .contains("PCI DSS v4.0.1 3.7.4");
        assertThat(jdbc.sql("SELECT state, waived FROM run_waiver WHERE run_id = ?").param(first.id())
                .query((rs, n) -> tuple(rs.getString(1), rs.getLong(2))).single())
                .isEqualTo(tuple("APPLIED", 1L));
        assertThat(Workbooks.rows(Path.of(first.workbookPath()), "Waivers"))
                .extracting(r -> r.get("Ticket"), r -> r.get("Approved by"), r -> r.get("Expires"), r -> r.get("State"))
                .containsExactly(tuple("SEC-101", "ciso@acme.example", "2026-11-29", "APPLIED"));
        assertThat(Workbooks.rows(Path.of(first.workbookPath()), "Changes")).extracting(r -> r.get("Change"))
                .containsOnly("NEW");

        // day 1: still overdue (OPEN, first seen on day 0)
        AuditRun second = run(1, 62);
        assertThat(findings(second)).contains(tuple("ci-token", "ROTATION", "OVERDUE", "OPEN", null));
        assertThat(firstSeen(second, "ci-token")).isEqualTo(DAY_0);

        // day 2: rotated yesterday, so RESOLVED
        AuditRun third = run(2, 1);
        assertThat(findings(third)).extracting(t -> t.toList().get(0)).doesNotContain("ci-token");
        assertThat(jdbc.sql("SELECT secret, rule, last_status FROM resolved_finding WHERE run_id = ?")
                .param(third.id()).query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3))).list())
                .containsExactly(tuple("ci-token", "ROTATION", "OVERDUE"));
        assertThat(Workbooks.rows(Path.of(third.workbookPath()), "Changes"))
                .extracting(r -> r.get("Change"), r -> r.get("Secret"), r -> r.get("Status"), r -> r.get("Days open"))
                .containsExactly(tuple("RESOLVED", "ci-token", "OVERDUE", "2"));

        // day 3: overdue again, so REOPENED, a new episode
        AuditRun fourth = run(3, 70);
        assertThat(findings(fourth)).contains(tuple("ci-token", "ROTATION", "OVERDUE", "REOPENED", null));
        assertThat(firstSeen(fourth, "ci-token")).isEqualTo(DAY_0.plus(Duration.ofDays(3)));

        // day 4: the waiver expired on day 3 (valid through 2026-11-29): the legacy key fails again, REOPENED
        AuditRun fifth = run(4, 70);
        assertThat(findings(fifth)).contains(
                tuple("legacy-vendor-key", "ROTATION", "OVERDUE", "REOPENED", "SEC-101 (legacy-* / ROTATION)"));
        assertThat(jdbc.sql("SELECT state, waived, expired FROM run_waiver WHERE run_id = ?").param(fifth.id())
                .query((rs, n) -> tuple(rs.getString(1), rs.getLong(2), rs.getLong(3))).single())
                .isEqualTo(tuple("EXPIRED", 0L, 1L));

        // retention (3 days back from the clock, day 4): runs before day 1 are gone with their detail
        assertThat(jdbc.sql("SELECT id FROM audit_run ORDER BY id").query(Long.class).list())
                .containsExactly(second.id(), third.id(), fourth.id(), fifth.id());
        assertThat(jdbc.sql("SELECT count(*) FROM finding WHERE run_id = ?").param(first.id()).query(Long.class)
                .single()).isZero();
    }

    @Test
    @Order(2)
    void reEvaluatingAnEarlierAsOfLeavesLaterRunsAsTheyWere() throws Exception {
        List<Tuple> before = jdbc.sql("SELECT run_id, secret, rule, lifecycle FROM finding ORDER BY 1, 2, 3")
                .query((rs, n) -> tuple(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();

        AuditRun earlier = launcher.launch(DAY_0.minus(Duration.ofDays(30)), "file:" + inventory(61), false);

        assertThat(earlier.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        assertThat(jdbc.sql("SELECT run_id, secret, rule, lifecycle FROM finding WHERE run_id <> ? ORDER BY 1, 2, 3")
                .param(earlier.id())
                .query((rs, n) -> tuple(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list())
                .isEqualTo(before);
    }

    private AuditRun run(int day, int tokenAgeDays) throws Exception {
        AuditRun run = launcher.launch(DAY_0.plus(Duration.ofDays(day)), "file:" + inventory(tokenAgeDays), false);
        assertThat(run.status()).as(run.failure()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        return run;
    }

    /** The token rotated {@code tokenAgeDays} before day 0; the other secrets fixed. */
    private static String inventory(int tokenAgeDays) throws Exception {
        Path file = WORK.resolve("inventory-" + tokenAgeDays + ".json");
        Instant usedOnDay0 = DAY_0; // in use throughout; a last use after the as-of would be a METADATA problem
        Files.writeString(file, """
                [{"name": "ci-token", "type": "token", "created_by": "alice@acme.example",
                  "created_at": "2024-01-01T00:00:00Z", "rotated_at": "%s", "last_used": "%s"},
                 {"name": "legacy-vendor-key", "type": "api_key", "created_by": "bob@acme.example",
                  "created_at": "2024-01-01T00:00:00Z", "last_used": "%s"},
                 {"name": "github-api-token", "type": "token", "integration": "github", "created_by": "carol@acme.example",
                  "created_at": "%s", "last_used": "%s"}]
                """.formatted(DAY_0.minus(Duration.ofDays(tokenAgeDays)), usedOnDay0, usedOnDay0,
                DAY_0.minus(Duration.ofDays(40)), usedOnDay0));
        return file.toString();
    }

    private List<Tuple> findings(AuditRun run) {
        return jdbc.sql("SELECT secret, rule, status, lifecycle, waiver FROM finding WHERE run_id = ?").param(run.id())
                .query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5))).list();
    }

    private Instant firstSeen(AuditRun run, String secret) {
        return jdbc.sql("SELECT first_seen_as_of FROM finding WHERE run_id = ? AND secret = ?")
                .params(run.id(), secret).query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
                .single();
    }
}
