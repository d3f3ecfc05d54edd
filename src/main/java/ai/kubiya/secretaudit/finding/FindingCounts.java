package ai.kubiya.secretaudit.finding;

import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Status;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * A run's findings and inventory counted by what a monitoring system may label them with: rule, status, type,
 * integration. Never by secret name or owner.
 */
@Repository
public class FindingCounts {

    /** How many findings of a run share a rule, a status and an integration (null when the secret has none). */
    public record RuleStatusCount(Rule rule, Status status, String integration, long count) {
    }

    /** The earliest {@code expires_at} of a run's secrets of one type (as written) and integration (or null). */
    public record EarliestExpiry(String type, String integration, Instant expiresAt) {
    }

    private final JdbcClient jdbc;

    FindingCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<RuleStatusCount> byRuleStatusAndIntegration(long runId) {
        return jdbc.sql("SELECT rule, status, integration, count(*) FROM finding WHERE run_id = ?"
                        + " GROUP BY rule, status, integration")
                .param(runId)
                .query((rs, n) -> new RuleStatusCount(Rule.valueOf(rs.getString(1)), Status.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getLong(4)))
                .list();
    }

    /**
     * Per type and integration, as the types are written: the caller decides which of them are certificates
     * ({@code SecretTypes.normalize}), so that SQL and Java never disagree on what "certificate" spells.
     */
    public List<EarliestExpiry> earliestExpiries(long runId) {
        return jdbc.sql("SELECT type, integration, min(expires_at) FROM run_secret WHERE run_id = ?"
                        + " AND expires_at IS NOT NULL GROUP BY type, integration")
                .param(runId)
                .query((rs, n) -> new EarliestExpiry(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
    }
}
