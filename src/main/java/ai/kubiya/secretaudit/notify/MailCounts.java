package ai.kubiya.secretaudit.notify;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The emails a run queued or tried to deliver (earlier runs' leftovers included), counted by kind and state. */
@Repository
public class MailCounts {

    /** {@code kind} is {@code OWNER_REMINDER} or {@code AUDITOR_REPORT}; {@code state} one of {@code mail_outbox}'s. */
    public record KindStateCount(String kind, String state, long count) {
    }

    private final JdbcClient jdbc;

    MailCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<KindStateCount> byKindAndState(long runId) {
        return jdbc.sql("SELECT kind, state, count(*) FROM mail_outbox WHERE run_id = ? OR last_attempt_run_id = ?"
                        + " GROUP BY kind, state")
                .params(runId, runId)
                .query((rs, n) -> new KindStateCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }
}
