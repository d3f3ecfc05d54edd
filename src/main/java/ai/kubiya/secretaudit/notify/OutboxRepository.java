package ai.kubiya.secretaudit.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code mail_outbox}: every email is a row before it is a message on the wire. */
@Repository
public class OutboxRepository {

    /** What a row is: an email, or a chat message mirroring an owner reminder (V10). */
    public enum Kind {
        OWNER_REMINDER, AUDITOR_REPORT, SLACK_REMINDER, TEAMS_REMINDER;

        /** The kinds superseded by a newer row for the same mailbox: reminders, by email or chat. */
        boolean isReminder() {
            return this != AUDITOR_REPORT;
        }
    }

    record Message(long id, String recipient, byte[] mime, int attempts) {
    }

    record LastReminder(String fingerprint, Instant asOf) {
    }

    private final JdbcClient jdbc;

    OutboxRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Queues a message. Recipients are mailboxes: letter case is ignored (V9). For a reminder (email or chat),
     * the mailbox's older reminders of the same kind not delivered yet become {@code SUPERSEDED} in the same
     * statement, so that only the newest is ever sent.
     *
     * @return the new message's id; empty when this run already queued a message of this kind for the mailbox
     *         (a restarted step)
     */
    Optional<Long> enqueue(long runId, Kind kind, String owner, String recipient, String fingerprint,
                           String messageId, byte[] mime, String attachmentSha256) {
        return enqueue(new Row(runId, kind, owner, recipient, fingerprint, messageId, mime, attachmentSha256, null));
    }

    /** A row to queue; {@code chatTarget} is where a chat message goes ({@code null} for an email). */
    record Row(long runId, Kind kind, String owner, String recipient, String fingerprint, String messageId,
               byte[] mime, String attachmentSha256, String chatTarget) {
    }

    Optional<Long> enqueue(Row row) {
        return jdbc.sql("""
                        WITH superseded AS (
                            UPDATE mail_outbox SET state = 'SUPERSEDED'
                            WHERE kind = ? AND ? AND lower(recipient) = lower(?) AND run_id <> ?
                              AND state IN ('PENDING', 'FAILED_TEMPORARY'))
                        INSERT INTO mail_outbox (run_id, kind, owner, recipient, fingerprint, message_id, mime,
                                                 attachment_sha256, chat_target, state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING')
                        ON CONFLICT (run_id, kind, lower(recipient)) WHERE NOT second_spelling DO NOTHING
                        RETURNING id""")
                .params(row.kind().name(), row.kind().isReminder(), row.recipient(), row.runId(),
                        row.runId(), row.kind().name(), row.owner(), row.recipient(), row.fingerprint(),
                        row.messageId(), row.mime(), row.attachmentSha256(), row.chatTarget())
                .query(Long.class).optional();
    }

    /**
     * The last reminder queued for the mailbox in an earlier run, unless it failed permanently, whichever spelling
     * of the address it went to.
     */
    Optional<LastReminder> lastReminder(String recipient, long beforeRunId) {
        return jdbc.sql("""
                        SELECT o.fingerprint, r.as_of FROM mail_outbox o JOIN audit_run r ON r.id = o.run_id
                        WHERE o.kind = 'OWNER_REMINDER' AND lower(o.recipient) = lower(?) AND o.run_id <> ?
                          AND o.state <> 'FAILED_PERMANENT'
                        ORDER BY r.as_of DESC, o.id DESC LIMIT 1""")
                .params(recipient, beforeRunId)
                .query((rs, n) -> new LastReminder(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
                .optional();
    }

    /**
     * Messages of a kind still to deliver, from this run or left over from earlier ones (temporary failures),
     * that run {@code runId} has not tried yet.
     */
    List<Long> deliverable(Kind kind, long runId) {
        return jdbc.sql("""
                        SELECT id FROM mail_outbox WHERE kind = ? AND state IN ('PENDING', 'FAILED_TEMPORARY')
                          AND last_attempt_run_id IS DISTINCT FROM ?
                        ORDER BY id""")
                .params(kind.name(), runId).query(Long.class).list();
    }

    Message load(long id) {
        return jdbc.sql("SELECT id, recipient, mime, attempts FROM mail_outbox WHERE id = ?").param(id)
                .query((rs, n) -> new Message(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getInt(4)))
                .single();
    }

    void markSent(long id, Instant sentAt, long runId) {
        jdbc.sql("""
                        UPDATE mail_outbox SET state = 'SENT', sent_at = ?, attempts = attempts + 1, last_error = NULL,
                                               last_attempt_run_id = ?
                        WHERE id = ?""")
                .params(OffsetDateTime.ofInstant(sentAt, ZoneOffset.UTC), runId, id).update();
    }

    /** A temporary failure becomes permanent once {@code maxAttempts} attempts have failed. */
    void markFailed(long id, boolean permanent, String error, int maxAttempts, long runId) {
        jdbc.sql("""
                        UPDATE mail_outbox SET attempts = attempts + 1, last_error = ?, last_attempt_run_id = ?,
                               state = CASE WHEN ? OR attempts + 1 >= ? THEN 'FAILED_PERMANENT' ELSE 'FAILED_TEMPORARY' END
                        WHERE id = ?""")
                .params(error, runId, permanent, maxAttempts, id).update();
    }

    /** Recipient → SHA-256 of the owner workbook attached to them in this run. */
    public Map<String, String> ownerWorkbooks(long runId) {
        Map<String, String> workbooks = new LinkedHashMap<>();
        jdbc.sql("SELECT recipient, attachment_sha256 FROM mail_outbox WHERE run_id = ? AND kind = 'OWNER_REMINDER'"
                        + " ORDER BY recipient")
                .param(runId).query(rs -> {
                    workbooks.put(rs.getString(1), rs.getString(2));
                });
        return workbooks;
    }

    /** Owners whose findings could not be routed to anyone in this run, with the reason. */
    public List<String> unroutable(long runId) {
        return jdbc.sql("SELECT coalesce(owner, '(none)') || ': ' || reason FROM unroutable_owner WHERE run_id = ?"
                        + " ORDER BY owner")
                .param(runId).query(String.class).list();
    }

    void recordUnroutable(long runId, String owner, String reason) {
        jdbc.sql("""
                        INSERT INTO unroutable_owner (run_id, owner, reason)
                        SELECT ?, ?, ? WHERE NOT EXISTS (
                            SELECT 1 FROM unroutable_owner WHERE run_id = ? AND owner IS NOT DISTINCT FROM ?)""")
                .params(runId, owner, reason, runId, owner).update();
    }

    /** Owner emails of the run not (yet) delivered, as "recipient: STATE after N attempt(s): error". */
    public List<String> undelivered(long runId) {
        return jdbc.sql("""
                        SELECT recipient || ': ' || state || ' after ' || attempts || ' attempt(s)'
                               || coalesce(': ' || last_error, '')
                        FROM mail_outbox WHERE run_id = ? AND kind = 'OWNER_REMINDER' AND state <> 'SENT'
                        ORDER BY recipient""")
                .param(runId).query(String.class).list();
    }

    /**
     * Owner emails queued by earlier runs that run {@code runId} tried, as
     * "recipient (queued by run N): STATE after K attempt(s)", with the error when there is one.
     */
    public List<String> carriedOver(long runId) {
        return jdbc.sql("""
                        SELECT recipient || ' (queued by run ' || run_id || '): ' || state || ' after ' || attempts
                               || ' attempt(s)' || coalesce(': ' || last_error, '')
                        FROM mail_outbox WHERE kind = 'OWNER_REMINDER' AND last_attempt_run_id = ? AND run_id <> ?
                        ORDER BY recipient, run_id""")
                .params(runId, runId).query(String.class).list();
    }

    /**
     * Recipients (in lower case) whose latest owner reminder before run {@code runId} failed permanently in a run as
     * of {@code since} or later: a bounce, or the attempts used up. The routing file sends such an owner's findings to
     * their team.
     */
    Set<String> bouncedBefore(long runId, Instant since) {
        return Set.copyOf(jdbc.sql("""
                        SELECT DISTINCT lower(o.recipient) FROM mail_outbox o JOIN audit_run r ON r.id = o.run_id
                        WHERE o.kind = 'OWNER_REMINDER' AND o.run_id <> ? AND o.state = 'FAILED_PERMANENT'
                          AND r.as_of >= ?
                          AND NOT EXISTS (SELECT 1 FROM mail_outbox later
                                          WHERE later.kind = 'OWNER_REMINDER' AND later.run_id <> ?
                                            AND lower(later.recipient) = lower(o.recipient) AND later.id > o.id
                                            AND later.state = 'SENT')""")
                .params(runId, OffsetDateTime.ofInstant(since, ZoneOffset.UTC), runId).query(String.class).list());
    }
}
