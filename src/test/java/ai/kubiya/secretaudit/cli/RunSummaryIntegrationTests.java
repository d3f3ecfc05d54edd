package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.Sha256;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code run} prints when it ends, each count labelled with what it counts and equal to what the database holds;
 * the {@code --fail-on} gate; and {@code runs}, whose columns line up and whose {@code --json} says the same.
 */
class RunSummaryIntegrationTests extends TestDatabaseCommandLine {

    @Test
    void theSummaryLabelsSecretsAndFindingsApartAndEveryCountIsWhatTheDatabaseHolds() throws Exception {
        int exit = execute("run", "--source=synthetic:400", "--as-of=2026-11-26");

        assertThat(exit).as(err.toString()).isZero();
        String summary = out.toString();
        assertThat(summary)
                .contains("Secrets            read 400, evaluated ")
                .contains("  by worst status  " + joined("SELECT status, count(*) FROM run_secret WHERE run_id = 1"))
                .contains("Findings           " + scalar("SELECT count(*) FROM finding WHERE run_id = 1")
                        + " (one per failing rule of a secret)")
                .contains("  by status        " + joined("SELECT status, count(*) FROM finding WHERE run_id = 1"))
                .contains("  by lifecycle     NEW " + scalar("SELECT count(*) FROM finding WHERE run_id = 1"
                        + " AND lifecycle = 'NEW'") + ", OPEN 0, REOPENED 0, RESOLVED 0, WAIVED 0")
                .contains("Emails             queued " + scalar("SELECT count(*) FROM mail_outbox WHERE run_id = 1")
                        + ", sent " + scalar("SELECT count(*) FROM mail_outbox WHERE run_id = 1 AND state = 'SENT'")
                        + ", failed 0 (eml files in " + reports.resolve("outbox") + ")");
        Path workbook = reports.resolve("2026-11-26/audit-2026-11-26-run1.xlsx");
        assertThat(summary).contains("Workbook           " + workbook)
                .contains("  SHA-256          " + Sha256.hex(workbook));
    }

    @Test
    void aSecondRunCountsItsFindingsAsOpenAndThoseGoneAsResolved() throws Exception {
        execute("run", "--source=synthetic:200", "--as-of=2026-11-26");
        out = new StringWriter();

        assertThat(execute("run", "--source=synthetic:150", "--as-of=2026-11-27", "--accept-shrink")).isZero();

        long open = scalar("SELECT count(*) FROM finding WHERE run_id = 2 AND lifecycle = 'OPEN'");
        long resolved = scalar("SELECT count(*) FROM resolved_finding WHERE run_id = 2");
        assertThat(open).isPositive();
        assertThat(resolved).isPositive();
        assertThat(out.toString()).containsPattern("by lifecycle +NEW \\d+, OPEN " + open
                + ", REOPENED \\d+, RESOLVED " + resolved + ", WAIVED 0");
    }

    @Test
    void failOnExitsFourWhenTheCompletedRunHasSuchAFindingAndStillWritesItsWorkbookAndEmails() throws Exception {
        int exit = execute("run", "--source=synthetic:300", "--as-of=2026-11-26", "--fail-on=EXPIRED,overdue,MISSING");

        long failing = scalar("SELECT count(*) FROM finding WHERE run_id = 1"
                + " AND status IN ('EXPIRED', 'OVERDUE', 'MISSING')");
        assertThat(failing).isPositive();
        assertThat(exit).isEqualTo(4);
        assertThat(err.toString()).contains("fail-on: " + failing + " finding(s) with status OVERDUE,EXPIRED,MISSING"
                + " (--fail-on); exit 4");
        assertThat(out.toString()).contains("Run 1 COMPLETED");
        assertThat(reports.resolve("2026-11-26/audit-2026-11-26-run1.xlsx")).exists();
        assertThat(reports.resolve("outbox")).isNotEmptyDirectory();
    }

    @Test
    void failOnExitsZeroWhenNoFindingHasOneOfTheStatuses() {
        assertThat(execute("run", "--source=synthetic:50", "--as-of=2026-11-26", "--fail-on=MISSING"))
                .as(err.toString()).isZero();
        assertThat(err.toString()).doesNotContain("fail-on");
    }

    @Test
    void anUnknownFailOnStatusExitsTwoWithTheAcceptedListBeforeAnyRun() throws Exception {
        int exit = execute("run", "--source=synthetic:50", "--fail-on=EXPIRED,EXPIRD");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: --fail-on: 'EXPIRD' is not a status a finding can fail"
                + " on; accepted: UNUSED, INSUFFICIENT_DATA, DUE_SOON, EXPIRING, OVERDUE, EXPIRED, MISSING");
        assertThat(scalar("SELECT count(*) FROM audit_run")).isZero();
        assertThat(execute("run", "--source=synthetic:50", "--fail-on=WAIVED")).isEqualTo(2);
        assertThat(execute("run", "--source=synthetic:50", "--fail-on=EXPIRED,,OVERDUE")).isEqualTo(2);
        assertThat(err.toString()).contains("error: --fail-on: status 2 is empty and is not a status");
        assertThat(execute("run", "--source=synthetic:50", "--fail-on=\u001b[2JEXPIRED")).isEqualTo(2);
        assertThat(err.toString()).contains("error: --fail-on: status 1 is not a status").doesNotContain("\u001b");
    }

    @Test
    void runsLinesUpItsColumnsWhenAnAsOfHasMicrosecondsAndAnotherIsMidnight() {
        execute("run", "--source=synthetic:20", "--as-of=2026-11-25T10:11:12.123456Z", "--dry-run");
        execute("run", "--source=synthetic:30", "--as-of=2026-11-26", "--dry-run");
        out = new StringWriter();

        assertThat(execute("runs")).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        for (String column : List.of("STATUS", "DRY RUN", "POLICY", "SOURCE")) {
            int at = lines.get(0).indexOf(column);
            // each value of the column starts where its header does
            assertThat(lines.subList(1, 3)).allSatisfy(line -> assertThat(line.substring(at - 1, at + 1))
                    .as(column + " in " + line).matches(" \\S"));
        }
        int findingsEnd = lines.get(0).indexOf("FINDINGS") + "FINDINGS".length();
        assertThat(lines.subList(1, 3)).allSatisfy(line ->
                assertThat(Character.isDigit(line.charAt(findingsEnd - 1))).as(line).isTrue());
        assertThat(lines.get(2)).contains("2026-11-25T10:11:12.123456Z  COMPLETED");
    }

    @Test
    void runsJsonPrintsTheSameRunsAsJson() {
        execute("run", "--source=synthetic:20", "--as-of=2026-11-25", "--dry-run");
        execute("run", "--source=synthetic:30", "--as-of=2026-11-26", "--dry-run");
        out = new StringWriter();

        assertThat(execute("runs", "--json")).isZero();

        JsonNode runs = JsonMapper.shared().readTree(out.toString());
        assertThat(runs.isArray()).isTrue();
        assertThat(runs.size()).isEqualTo(2);
        JsonNode newest = runs.get(0);
        assertThat(newest.get("run").asLong()).isEqualTo(2);
        assertThat(newest.get("as_of").asString()).isEqualTo("2026-11-26T00:00:00Z");
        assertThat(newest.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(newest.get("read").asLong()).isEqualTo(30);
        assertThat(newest.get("dry_run").asBoolean()).isTrue();
        assertThat(newest.get("source").asString()).isEqualTo("synthetic:30");
        assertThat(newest.has("findings")).isTrue();
        assertThat(newest.has("malformed")).isTrue();
        assertThat(newest.has("policy")).isTrue();
    }

    @Test
    void aRunRefusedByTheGuardCountsTheSameSecretsInItsSummaryAndInRunsAndRunsJson() {
        assertThat(execute("run", "--source=synthetic:400", "--as-of=2026-11-26")).isZero();
        out = new StringWriter();

        // the inventory shrank from 400 to 100: the guard fails the run after it read and evaluated the 100
        assertThat(execute("run", "--source=synthetic:100", "--as-of=2026-11-27")).isEqualTo(1);

        assertThat(out.toString()).contains("Run 2 FAILED").contains("Secrets            read 100, evaluated 100");
        out = new StringWriter();
        assertThat(execute("runs")).isZero();
        String refused = out.toString().lines().map(String::strip).filter(line -> line.startsWith("2 ")).findFirst()
                .orElseThrow();
        assertThat(refused).matches("2 +2026-11-27T00:00:00Z +FAILED +100 +0 +\\d+ .*");
        out = new StringWriter();
        assertThat(execute("runs", "--json")).isZero();
        JsonNode newest = JsonMapper.shared().readTree(out.toString()).get(0);
        assertThat(newest.get("status").asString()).isEqualTo("FAILED");
        assertThat(newest.get("read").asLong()).isEqualTo(100);
        assertThat(newest.get("findings").asLong()).isPositive();
    }

    /** "EXPIRED 3, OVERDUE 12, …": most severe first, as the summary prints them. */
    private String joined(String sql) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        query(sql + " GROUP BY status", rs -> counts.put(rs.getString(1), rs.getLong(2)));
        List<String> parts = new ArrayList<>();
        ai.kubiya.secretaudit.policy.Status[] statuses = ai.kubiya.secretaudit.policy.Status.values();
        for (int i = statuses.length - 1; i >= 0; i--) {
            if (counts.containsKey(statuses[i].name())) {
                parts.add(statuses[i] + " " + counts.get(statuses[i].name()));
            }
        }
        return String.join(", ", parts);
    }

    private long scalar(String sql) throws Exception {
        long[] value = new long[1];
        query(sql, rs -> value[0] = rs.getLong(1));
        return value[0];
    }

    private interface RowHandler {
        void accept(ResultSet rs) throws Exception;
    }

    private void query(String sql, RowHandler handler) throws Exception {
        try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
             Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                handler.accept(rs);
            }
        }
    }
}
