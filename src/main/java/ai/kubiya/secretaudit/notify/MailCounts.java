package ai.kubiya.secretaudit.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one reader of a run's email counts (the closing summary, the progress lines, the metrics): the emails it
 * queued or tried to deliver (earlier runs' leftovers included), from {@code mail_outbox}.
 */
@Repository
public class MailCounts {

    /**
     * A run's emails: those it queued, and of those it tried to deliver (its own and earlier runs' left-overs), how
     * many went out and how many failed.
     */
    public record RunMail(long queued, long sent, long failed) {
    }

    /**
     * {@code kind} is {@code OWNER_REMINDER} or {@code AUDITOR_REPORT}, or a chat kind ({@code SLACK_REMINDER},
     * {@code TEAMS_REMINDER}); {@code state} one of {@code mail_outbox}'s.
     */
    public record KindStateCount(String kind, String state, long count) {
    }

    private final JdbcClient jdbc;

    MailCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Emails only: chat messages are counted by {@link ChatOutbox}. */
    public RunMail runMail(long runId) {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE run_id = ?),
                               count(*) FILTER (WHERE last_attempt_run_id = ? AND state = 'SENT'),
                               count(*) FILTER (WHERE last_attempt_run_id = ? AND state LIKE 'FAILED%')
                        FROM mail_outbox WHERE (run_id = ? OR last_attempt_run_id = ?)
                          AND kind IN ('OWNER_REMINDER', 'AUDITOR_REPORT')""")
                .params(runId, runId, runId, runId, runId)
                .query((rs, n) -> new RunMail(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    /**
     * A run's chat messages by service ({@code Slack}, {@code Teams}), counted as {@link #runMail} counts emails;
     * empty when the run had none to queue or deliver.
     */
    public Map<String, RunMail> runChat(long runId) {
        Map<String, RunMail> chat = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT kind, count(*) FILTER (WHERE run_id = ?),
                               count(*) FILTER (WHERE last_attempt_run_id = ? AND state = 'SENT'),
                               count(*) FILTER (WHERE last_attempt_run_id = ? AND state LIKE 'FAILED%')
                        FROM mail_outbox WHERE (run_id = ? OR last_attempt_run_id = ?)
                          AND kind IN ('SLACK_REMINDER', 'TEAMS_REMINDER')
                        GROUP BY kind ORDER BY kind""")
                .params(runId, runId, runId, runId, runId)
                .query(rs -> {
                    chat.put(rs.getString(1).equals("SLACK_REMINDER") ? "Slack" : "Teams",
                            new RunMail(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        return chat;
    }

    public List<KindStateCount> byKindAndState(long runId) {
        return jdbc.sql("SELECT kind, state, count(*) FROM mail_outbox WHERE run_id = ? OR last_attempt_run_id = ?"
                        + " GROUP BY kind, state")
                .params(runId, runId)
                .query((rs, n) -> new KindStateCount(rs.getString(1), rs.getString(2), rs.getLong(3)))
                .list();
    }
}
