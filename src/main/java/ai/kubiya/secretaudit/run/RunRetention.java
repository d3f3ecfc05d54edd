package ai.kubiya.secretaudit.run;

import jakarta.validation.constraints.Positive;
import java.sql.Timestamp;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;

/**
 * Deletes the detail (findings, inventory, outbox, …) of runs older than {@code audit.retention.days}
 * before the current as-of. Never the latest completed run, never the current one, and never a run with
 * mail still to deliver.
 */
@Component
public class RunRetention {

    @Validated
    @ConfigurationProperties(prefix = "audit.retention")
    record RetentionProperties(@Positive int days) {
    }

    private final JdbcClient jdbc;
    private final RetentionProperties properties;

    RunRetention(JdbcClient jdbc, RetentionProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** @return how many runs were removed */
    public int apply(AuditRun current) {
        Timestamp cutoff = Timestamp.from(current.asOf().minus(Duration.ofDays(properties.days())));
        return jdbc.sql("""
                        DELETE FROM audit_run r
                        WHERE r.as_of < ? AND r.id <> ? AND r.status <> 'STARTED'
                          AND r.id <> (SELECT id FROM audit_run WHERE status = 'COMPLETED' AND NOT dry_run
                                       ORDER BY as_of DESC, id DESC LIMIT 1)
                          AND NOT EXISTS (SELECT 1 FROM mail_outbox o
                                          WHERE o.run_id = r.id AND o.state IN ('PENDING', 'FAILED_TEMPORARY'))""")
                .params(cutoff, current.id()).update();
    }
}
