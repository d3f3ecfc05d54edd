package ai.kubiya.secretaudit.export;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Findings and runs for the writers' own tests: every status, rule and severity, with and without the nullable fields. */
final class Findings {

    static final Instant AS_OF = Instant.parse("2026-11-26T00:00:00Z");

    private Findings() {
    }

    static AuditRun run(boolean dryRun) {
        return new AuditRun(7, AS_OF, "synthetic:250", dryRun, RunStatus.COMPLETED, AS_OF, AS_OF, 250, 250, 0, 3,
                "policy-3f2a", "{}", "1.4.2", null, null, null, false, null, null);
    }

    /** One finding per status, cycling through the rules and severities; every other one without its nullable fields. */
    static List<FindingRow> everyStatus() {
        List<FindingRow> rows = new ArrayList<>();
        Status[] statuses = Status.values();
        for (int i = 0; i < statuses.length; i++) {
            Rule rule = Rule.values()[i % Rule.values().length];
            Severity severity = Severity.values()[i % Severity.values().length];
            boolean full = i % 2 == 0;
            rows.add(new FindingRow("secret-" + i, full ? "token" : null, full ? "org" : null,
                    full ? "github" : null, full ? "owner" + i + "@acme.example" : null, rule, statuses[i], severity,
                    full ? LocalDate.of(2026, 12, i + 1) : null, full ? 30 + i : null,
                    full ? List.of("NEW", "OPEN", "REOPENED", "WAIVED").get(i / 2 % 4) : null,
                    "Last rotated " + (60 + i) + " days ago", full ? "waiver W-" + i : null));
        }
        return rows;
    }

    static String written(FindingsWriter writer, AuditRun run, List<FindingRow> rows) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(run, source(rows), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static RowSource<FindingRow> source(List<FindingRow> rows) {
        return rows::forEach;
    }
}
