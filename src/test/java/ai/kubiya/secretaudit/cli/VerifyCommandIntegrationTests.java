package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.run.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} as an auditor runs it: exit 0 and one line of what holds, 6 and one line naming the first broken
 * link; a signing key from anywhere but the environment, or a public key that is none, is exit 2 before anything
 * is read, and no message quotes a key.
 */
class VerifyCommandIntegrationTests extends TestDatabaseCommandLine {

    @Test
    void anUntouchedHistoryExitsZeroAndATamperedStoredWorkbookExitsSixNamingItsRun() throws Exception {
        assertThat(execute("run", "--source=synthetic:40", "--as-of=2026-11-26")).as(err.toString()).isZero();
        assertThat(execute("run", "--source=synthetic:40", "--as-of=2026-11-27", "--dry-run")).isZero();
        out.getBuffer().setLength(0);

        assertThat(execute("verify")).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("verified: 2 manifest(s) chained, runs 1 to 2 (1 dry run(s)); 2 workbook"
                + " file(s) and 2 stored workbook(s) match; no manifest is signed" + System.lineSeparator());

        try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("UPDATE run_workbook SET content = set_byte(content, 100, get_byte(content, 100) # 1)"
                    + " WHERE run_id = 1");
        }
        out.getBuffer().setLength(0);
        assertThat(execute("verify")).isEqualTo(6);
        assertThat(out.toString()).hasLineCount(1).startsWith("broken: run 1: the workbook stored in PostgreSQL does"
                + " not match the SHA-256 recorded for the run");
    }

    @Test
    void whileARunHoldsTheDatabaseVerifyExitsThreeInsteadOfReadingHalfAWrittenRun() throws Exception {
        try (Connection connection = DriverManager.getConnection(databaseUrl, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + RunLock.LOCK_KEY + ")");

            assertThat(execute("verify")).isEqualTo(3);
        }
        assertThat(err.toString()).isEqualTo("error: another audit run is in progress on this database; try again when"
                + " it has finished" + System.lineSeparator());
    }

    @Test
    void aSigningKeyInAConfigurationFileExitsTwoNamingTheKeyNotTheValue() throws Exception {
        String key = Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                .getPrivate().getEncoded());
        Path yaml = Files.writeString(reports.resolve("application.yml"), "audit:\n  evidence:\n    signingKey: " + key
                + "\n");
        set("spring.config.additional-location", "file:" + yaml);

        assertThat(execute("verify")).isEqualTo(2);
        assertThat(err.toString()).hasLineCount(1).startsWith("error: audit.evidence.signing-key is set in ")
                .contains("application.yml").endsWith(": the signing key may only come from the environment"
                        + " (AUDIT_EVIDENCE_SIGNINGKEY)" + System.lineSeparator()).doesNotContain(key);
    }

    @Test
    void aSigningKeyAsASystemPropertyExitsTwoToo() {
        set("audit.evidence.signing-key", "not-even-a-key");

        assertThat(execute("run", "--source=synthetic:5")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: audit.evidence.signing-key is set in a system property (-D)")
                .doesNotContain("not-even-a-key");
    }

    @Test
    void aPublicKeyFileThatIsNoKeyExitsTwoWithoutQuotingIt() throws Exception {
        Path file = Files.writeString(reports.resolve("public.pem"), "hunter2\n");

        assertThat(execute("verify", "--public-key=" + file)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --public-key " + file + " is not an Ed25519 public key (as PEM or"
                + " base64)" + System.lineSeparator());
    }

    /** /dev/zero read whole ran the JVM out of memory; a FIFO would block for good. */
    @Test
    void aPublicKeyThatIsNoRegularFileOrTooLargeExitsTwoWithoutReadingItWhole() throws Exception {
        Path large = Files.write(reports.resolve("large.pem"), new byte[64 * 1024]);

        assertThat(execute("verify", "--public-key=/dev/zero")).isEqualTo(2);
        assertThat(execute("verify", "--public-key=" + large)).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --public-key /dev/zero is not a regular file" + System.lineSeparator()
                + "error: --public-key " + large + " is larger than a key file (16 KB)" + System.lineSeparator());
    }
}
