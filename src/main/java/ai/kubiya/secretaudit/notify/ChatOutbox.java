package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.notify.OutboxRepository.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The chat rows of {@code mail_outbox} (V10), as the chat send steps and the Run sheet read them. Queuing,
 * superseding and marking are {@link OutboxRepository}'s, shared with the emails.
 */
@Repository
public class ChatOutbox {

    /** One chat message to post: where, and the payload as rendered when it was queued. */
    record Pending(long id, String recipient, String target, byte[] payload) {
    }

    private final JdbcClient jdbc;

    ChatOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Pending load(long id) {
        return jdbc.sql("SELECT id, recipient, chat_target, mime FROM mail_outbox WHERE id = ?").param(id)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
                .single();
    }

    /**
     * Chat messages not (yet) delivered that the run queued, or queued earlier and tried in this run, as "Slack →
     * #chan for recipient: STATE after N attempt(s): error" (with "(queued by run N)" for an earlier run's). A DM
     * shows as "Slack → DM", a Teams webhook by its reference, never its URL.
     */
    public List<String> undelivered(long runId) {
        return jdbc.sql("""
                        SELECT CASE kind WHEN 'SLACK_REMINDER' THEN 'Slack' ELSE 'Teams' END || ' → '
                               || CASE WHEN chat_target LIKE 'user:%' THEN 'DM' ELSE chat_target END
                               || ' for ' || recipient
                               || CASE WHEN run_id = ? THEN '' ELSE ' (queued by run ' || run_id || ')' END
                               || ': ' || state || ' after ' || attempts || ' attempt(s)'
                               || coalesce(': ' || last_error, '')
                        FROM mail_outbox WHERE (run_id = ? OR last_attempt_run_id = ?)
                          AND kind IN ('SLACK_REMINDER', 'TEAMS_REMINDER') AND state <> 'SENT'
                        ORDER BY kind, run_id, recipient""")
                .params(runId, runId, runId).query(String.class).list();
    }

    /** How many chat messages run {@code runId} delivered, by kind (this run's and earlier runs' leftovers). */
    public Map<String, Integer> sent(long runId) {
        Map<String, Integer> sent = new LinkedHashMap<>();
        sent.put("Slack", count(Kind.SLACK_REMINDER, runId));
        sent.put("Teams", count(Kind.TEAMS_REMINDER, runId));
        return sent;
    }

    private int count(Kind kind, long runId) {
        return jdbc.sql("SELECT count(*) FROM mail_outbox WHERE kind = ? AND state = 'SENT'"
                        + " AND last_attempt_run_id = ?")
                .params(kind.name(), runId).query(Integer.class).single();
    }
}
