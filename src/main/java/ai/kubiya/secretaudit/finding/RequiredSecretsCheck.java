package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Finding;
import ai.kubiya.secretaudit.policy.PolicyVersion;
import ai.kubiya.secretaudit.policy.RequiredSecrets;
import ai.kubiya.secretaudit.policy.RequiredSecretsProperties;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.policy.Waivers;
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
 * The REQUIRED rule's storage: reads which required names a run's inventory holds, lets {@link RequiredSecrets}
 * decide which are missing (every name in {@code audit.required}, and in {@code audit.integrations.<i>.required}
 * for each integration, must be there), and writes each absent one as a {@code MISSING} finding.
 * Re-running it for a run replaces its earlier result.
 */
@Component
public class RequiredSecretsCheck {

    private final JdbcTemplate jdbc;
    private final RequiredSecrets rule;
    private final Waivers waivers;
    private final PolicyVersion policyVersion;

    RequiredSecretsCheck(DataSource dataSource, RequiredSecretsProperties required, Waivers waivers,
                         PolicyVersion policyVersion) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.rule = rule(required);
        this.waivers = waivers;
        this.policyVersion = policyVersion;
    }

    /** @return how many required secrets are missing */
    public int check(long runId, Instant asOf) {
        jdbc.update("DELETE FROM finding WHERE run_id = ? AND rule = 'REQUIRED'", runId);
        Map<String, List<String>> missing = missing(runId);
        int count = 0;
        for (Map.Entry<String, List<String>> group : missing.entrySet()) {
            String integration = RequiredSecrets.ALL_INTEGRATIONS.equals(group.getKey()) ? null : group.getKey();
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

    /**
     * @return each group of required names ({@link RequiredSecrets#ALL_INTEGRATIONS} or an integration) with the
     *         names the run's inventory lacks; an empty list when the group is complete
     */
    public Map<String, List<String>> missing(long runId) {
        return rule.missing(present(runId, rule.names()));
    }

    /** The configuration is fixed for the process: the rule is built once, not per run and caller. */
    private static RequiredSecrets rule(RequiredSecretsProperties required) {
        Map<String, List<String>> byIntegration = new LinkedHashMap<>();
        required.integrations().forEach((integration, config) -> byIntegration.put(integration, config.required()));
        return RequiredSecrets.of(required.required(), byIntegration);
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
