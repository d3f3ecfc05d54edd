package ai.kubiya.secretaudit.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.TestFiles;
import ai.kubiya.secretaudit.support.TestMail;
import ai.kubiya.secretaudit.support.Workbooks;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A record is isolated: dates PostgreSQL cannot hold or nobody should believe, names and owners too long for an
 * index, 10,000-deep nesting and 1,001-digit numbers each stay with their record (a METADATA finding or a
 * malformed record), and the run through the real job, PostgreSQL and SMTP server completes.
 */
@SpringBootTest
class IsolatedRecordsIntegrationTests {

    static final Instant AS_OF = Instant.parse("2026-11-26T00:00:00Z");
    static final GreenMail SMTP = TestMail.startSmtp();
    static final Path WORK = TestFiles.directory("isolated-records");
    static final String LONG_NAME = randomText(new Random(1), 3_000);
    static final String LONG_OWNER = randomText(new Random(2), 3_000) + "@acme.example";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestMail.registerRun(registry, SMTP, WORK);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @Test
    void recordsWithDatesAndSizesBeyondWhatCanBeStoredLeaveTheRunComplete() throws Exception {
        // given
        Path inventory = WORK.resolve("inventory.json");
        Files.writeString(inventory, "[" + String.join(",\n",
                secret("never-expires-cert", "\"type\": \"certificate\", \"expires_at\": \"9999-12-31T23:59:59-05:00\""),
                secret("year-zero", "\"created_at\": \"0000-01-01T00:00:00Z\""),
                secret("negative-year", "\"last_used\": \"-0001-06-01T00:00:00Z\""),
                secret("past-postgres", "\"rotated_at\": \"+300000-01-01T00:00:00Z\""),
                secret("before-1970", "\"updated_at\": \"1969-07-20T20:17:00Z\""),
                secret("rotated-in-2099", "\"rotated_at\": \"2099-01-01T00:00:00Z\", \"updated_at\": \"2025-06-01T00:00:00Z\""),
                secret(LONG_NAME, ""),
                secret("long-owner", "\"created_by\": \"" + LONG_OWNER + "\""),
                secret("deep", "\"labels\": " + "[".repeat(10_000) + "]".repeat(10_000)),
                secret("huge-number", "\"id\": " + "7".repeat(1_001)),
                secret("fine", ""))
                + "]");

        // when
        AuditRun run = launcher.launch(AS_OF, "file:" + inventory, false);

        // then: the run
        assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED);
        assertThat(run.read()).isEqualTo(11);
        assertThat(run.malformed()).isEqualTo(3);
        assertThat(run.evaluated()).isEqualTo(8);

        // the dates: "never expires" stored as the far-future instant it is, the others as null and explained
        assertThat(jdbc.sql("SELECT expires_at FROM run_secret WHERE run_id = ? AND name = 'never-expires-cert'")
                .param(run.id()).query(OffsetDateTime.class).single().toInstant())
                .isEqualTo(Instant.parse("+10000-01-01T04:59:59Z"));
        Map<String, String> metadata = jdbc.sql("SELECT secret, message FROM finding WHERE run_id = ? AND rule = 'METADATA'")
                .param(run.id()).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        String range = ": outside the supported date range (1970-01-01 to 294276-12-31 UTC)";
        assertThat(metadata).containsOnly(
                Map.entry("year-zero", "created_at" + range),
                Map.entry("negative-year", "last_used" + range),
                Map.entry("past-postgres", "rotated_at" + range),
                Map.entry("before-1970", "updated_at" + range),
                Map.entry("rotated-in-2099", "rotated_at: in the future (more than a day after the as-of)"),
                Map.entry("long-owner", "created_by is longer than 254 characters: not a usable email address"));
        assertThat(jdbc.sql("SELECT rule, status FROM finding WHERE run_id = ? AND secret = 'rotated-in-2099'")
                .param(run.id()).query((rs, n) -> tuple(rs.getString(1), rs.getString(2))).list())
                .containsExactlyInAnyOrder(tuple("ROTATION", "OVERDUE"), tuple("METADATA", "INSUFFICIENT_DATA"));

        // the sizes: the long name is a malformed record, the long owner is kept cut short
        assertThat(jdbc.sql("SELECT reason FROM malformed_record WHERE run_id = ? ORDER BY position").param(run.id())
                .query(String.class).list()).containsExactly(
                        "record 6: no usable name; name: longer than 512 characters",
                        "record 8: no usable name; record: nested deeper than 500 levels;"
                                + " the rest of the record was skipped unread",
                        "record 9: no usable name; record: a number longer than 1000 digits;"
                                + " the rest of the record was skipped unread");
        assertThat(jdbc.sql("SELECT owner FROM run_secret WHERE run_id = ? AND name = 'long-owner'").param(run.id())
                .query(String.class).single()).isEqualTo(LONG_OWNER.substring(0, 254) + " …");

        // the workbook opens, and no offending value is quoted anywhere in it
        Path workbook = Path.of(run.workbookPath());
        String text = Workbooks.allText(workbook);
        assertThat(Workbooks.rows(workbook, "Inventory")).hasSize(8);
        assertThat(text).contains("10000-01-01T04:59:59").doesNotContain("0000-01-01T00:00:00Z")
                .doesNotContain("-0001-06-01").doesNotContain("300000").doesNotContain("1969-07-20")
                .doesNotContain(LONG_NAME.substring(0, 40)).doesNotContain(LONG_OWNER.substring(254, 300));

        // the emails went to the valid owner only; what is left of the long owner is not an address
        assertThat(jdbc.sql("SELECT owner FROM unroutable_owner WHERE run_id = ?").param(run.id()).query(String.class)
                .list()).containsExactly(LONG_OWNER.substring(0, 254) + " …");
        List<String> recipients = Arrays.stream(SMTP.getReceivedMessages())
                .map(IsolatedRecordsIntegrationTests::recipient).distinct().toList();
        assertThat(recipients).containsExactly("alice@acme.example");
    }

    private static String secret(String name, String fields) {
        String base = "{\"name\": \"" + name + "\", \"type\": \"token\", \"created_at\": \"2026-11-01T00:00:00Z\","
                + " \"last_used\": \"2026-11-20T00:00:00Z\", \"created_by\": \"alice@acme.example\"";
        return (base + (fields.isEmpty() ? "" : ", " + fields) + "}");
    }

    /** Letters and digits at random: PostgreSQL cannot compress it below the index entry limit as it can a repeat. */
    private static String randomText(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
