package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Finding;
import ai.kubiya.secretaudit.policy.PolicyVersion;
import ai.kubiya.secretaudit.policy.RequiredSecretsProperties;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.policy.Waivers;
import ai.kubiya.secretaudit.report.SummarySection;
import java.sql.Array;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The REQUIRED rule: every name in {@code audit.required}, and in {@code audit.integrations.<i>.required}
 * for each integration, must be in the inventory; each absent one is a {@code MISSING} finding.
 * Re-running it for a run replaces its earlier result.
 */
@Component
public class RequiredSecretsCheck {

    static final String ALL_INTEGRATIONS = "(all)";

    private final JdbcTemplate jdbc;
    private final RequiredSecretsProperties required;
    private final Waivers waivers;
    private final PolicyVersion policyVersion;

    RequiredSecretsCheck(DataSource dataSource, RequiredSecretsProperties required, Waivers waivers,
                         PolicyVersion policyVersion) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.required = required;
        this.waivers = waivers;
        this.policyVersion = policyVersion;
    }

    /** @return how many required secrets are missing */
    public int check(long runId, Instant asOf) {
        jdbc.update("DELETE FROM finding WHERE run_id = ? AND rule = 'REQUIRED'", runId);
        Map<String, List<String>> missing = missing(runId);
        int count = 0;
        for (Map.Entry<String, List<String>> group : missing.entrySet()) {
            String integration = ALL_INTEGRATIONS.equals(group.getKey()) ? null : group.getKey();
            for (String name : group.getValue()) {
                Finding finding = waivers.apply(new Finding(name, Rule.REQUIRED, Status.MISSING, Severity.HIGH, null,
                        null, "required secret is missing from the inventory"
                        + (integration == null ? "" : " (required by integration " + integration + ")")), asOf);
                jdbc.update("""
                                INSERT INTO finding (run_id, secret, rule, status, severity, message, integration,
                                                     policy_version, waiver)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                        runId, finding.secret(), finding.rule().name(), finding.status().name(),
                        finding.severity().name(), finding.message(), integration, policyVersion.id(), finding.waiver());
                count++;
            }
        }
        return count;
    }

    /** For the Summary sheet: each integration (and the global list) complete, or which names it misses. */
    public SummarySection completeness(long runId) {
        List<SummarySection.Count> counts = new ArrayList<>();
        missing(runId).forEach((integration, names) -> counts.add(new SummarySection.Count(
                integration + (names.isEmpty() ? ": complete" : ": missing " + String.join(", ", names)),
                names.size())));
        return new SummarySection("Required secrets (missing)", counts);
    }

    private Map<String, List<String>> missing(long runId) {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        if (!required.required().isEmpty()) {
            expected.put(ALL_INTEGRATIONS, required.required());
        }
        required.integrations().forEach((integration, config) -> {
            if (!config.required().isEmpty()) {
                expected.put(integration, config.required());
            }
        });
        Set<String> names = new HashSet<>();
        expected.values().forEach(names::addAll);
        Set<String> present = present(runId, names);
        Map<String, List<String>> missing = new LinkedHashMap<>();
        expected.forEach((integration, list) -> missing.put(integration,
                list.stream().filter(name -> !present.contains(name)).distinct().toList()));
        return missing;
    }

    private Set<String> present(long runId, Set<String> names) {
        if (names.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.execute((java.sql.Connection connection) -> {
            Array array = connection.createArrayOf("text", names.toArray());
            try (var statement = connection.prepareStatement(
                    "SELECT DISTINCT name FROM run_secret WHERE run_id = ? AND name = ANY (?)")) {
                statement.setLong(1, runId);
                statement.setArray(2, array);
                List<String> found = new ArrayList<>();
                try (var rs = statement.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
                return found;
            }
        }));
    }
}
