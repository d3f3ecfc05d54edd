package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.notify.OutboxRepository.Kind;
import ai.kubiya.secretaudit.support.TestDatabases;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * V9 on a database whose history holds both spellings of one mailbox, as every run before it wrote them: the
 * migration succeeds, that history stays, and from then on the outbox and the cadence know one mailbox.
 */
class OutboxMailboxMigrationIntegrationTests {

    private final String url = TestDatabases.newEmptyDatabase();
    private final JdbcClient jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), url,
            "postgres", ""));

    @Test
    void aDatabaseHoldingBothSpellingsMigratesAndItsHistoryKeepsTheCadence() {
        migrate("8");
        long dayZero = auditRun(Instant.parse("2026-11-26T00:00:00Z"));
        sent(dayZero, "Dana.Ops@Corp.example", "fingerprint-upper");
        sent(dayZero, "dana.ops@corp.example", "fingerprint-lower");

        migrate(null);

        assertThat(jdbc.sql("SELECT recipient, second_spelling FROM mail_outbox ORDER BY id")
                .query((rs, n) -> rs.getString(1) + " " + rs.getBoolean(2)).list())
                .containsExactly("Dana.Ops@Corp.example false", "dana.ops@corp.example true");
        OutboxRepository outbox = new OutboxRepository(jdbc);
        long dayOne = auditRun(Instant.parse("2026-11-27T00:00:00Z"));
        assertThat(outbox.lastReminder("DANA.OPS@corp.example", dayOne)).get()
                .extracting(OutboxRepository.LastReminder::fingerprint).isEqualTo("fingerprint-lower");
        assertThat(enqueue(outbox, dayOne, "dana.ops@corp.example")).isTrue();
        assertThat(enqueue(outbox, dayOne, "Dana.Ops@Corp.example")).as("one row per mailbox and run").isFalse();
        assertThat(enqueue(outbox, dayOne, "erin@corp.example")).isTrue();
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(url, "postgres", "").locations("classpath:db/migration")
                .target(target == null ? "latest" : target).load().migrate();
    }

    private long auditRun(Instant asOf) {
        OffsetDateTime at = OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC);
        return jdbc.sql("""
                        INSERT INTO audit_run (as_of, source, dry_run, status, started_at, policy_version, policy,
                                               app_version)
                        VALUES (?, 'synthetic', false, 'COMPLETED', ?, 'v', '{}', 'test') RETURNING id""")
                .params(at, at).query(Long.class).single();
    }

    private void sent(long runId, String recipient, String fingerprint) {
        jdbc.sql("""
                        INSERT INTO mail_outbox (run_id, kind, owner, recipient, fingerprint, message_id, mime, state)
                        VALUES (?, 'OWNER_REMINDER', ?, ?, ?, ?, '\\x00'::bytea, 'SENT')""")
                .params(runId, recipient, recipient, fingerprint, "<" + runId + recipient + ">").update();
    }

    private boolean enqueue(OutboxRepository outbox, long runId, String recipient) {
        return outbox.enqueue(runId, Kind.OWNER_REMINDER, recipient, recipient, "f", "<" + runId + recipient + ">",
                new byte[] {0}, null).isPresent();
    }
}
