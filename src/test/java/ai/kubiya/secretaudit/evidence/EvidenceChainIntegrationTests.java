package ai.kubiya.secretaudit.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.report.AuditWorkbookFiles;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunLauncher;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A signed history of three runs (two nights and a dry run between them), then one tampering per test, undone after
 * it: each is caught by {@code verify} with a line naming the run or file and what does not hold, and the untouched
 * history holds.
 */
@SpringBootTest
class EvidenceChainIntegrationTests {

    static final Path REPORTS = TestFiles.directory("evidence-it").resolve("reports");
    static final KeyPair KEYS = ed25519();
    static final List<AuditRun> HISTORY = new ArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", REPORTS::toString);
        registry.add("audit.evidence.signing-key",
                () -> Base64.getEncoder().encodeToString(KEYS.getPrivate().getEncoded()));
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    EvidenceVerifier verifier;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void aSignedHistoryOfTwoNightsAndADryRun() throws Exception {
        if (HISTORY.isEmpty()) {
            HISTORY.add(launcher.launch(Instant.parse("2026-11-27T02:00:00Z"), "synthetic:60", false));
            HISTORY.add(launcher.launch(Instant.parse("2026-11-28T02:00:00Z"), "synthetic:60", true));
            HISTORY.add(launcher.launch(Instant.parse("2026-11-28T02:00:00Z"), "synthetic:60", false));
            assertThat(HISTORY).allSatisfy(run -> assertThat(run.status()).isEqualTo(AuditRun.RunStatus.COMPLETED));
        }
    }

    @AfterEach
    void theUndoneTamperingLeavesAHistoryThatHolds() throws Exception {
        assertThat(verifier.verify(KEYS.getPublic()).broken()).isNull();
    }

    @Test
    void anUntouchedHistoryHoldsWithEverySignatureVerified() throws Exception {
        EvidenceVerifier.Verification verification = verifier.verify(KEYS.getPublic());

        assertThat(verification.holds()).as(verification.broken()).isTrue();
        assertThat(verification.summary()).isEqualTo("verified: 3 manifest(s) chained, runs " + run(0) + " to "
                + run(2) + " (1 dry run(s)); 3 workbook file(s) and 3 stored workbook(s) match;"
                + " 3 signature(s) verified");
    }

    @Test
    void theDryRunIsInTheChainMarkedAndNamedSo() throws Exception {
        Path workbook = Path.of(HISTORY.get(1).workbookPath());
        String manifest = Files.readString(AuditWorkbookFiles.manifestOf(workbook));

        assertThat(workbook.getFileName().toString()).endsWith("-run" + run(1) + "-dry-run.xlsx");
        assertThat(manifest).contains("\"dryRun\":true").contains("\"run\":" + run(1));
        assertThat(Files.readString(manifest(2))).contains("\"sha256\":\"" + Sha256.hex(manifest(1)) + "\"");
    }

    @Test
    void withoutThePublicKeyTheSignaturesAreFoundButNotChecked() throws Exception {
        assertThat(verifier.verify(null).summary()).endsWith("; 3 signature(s) not checked (no --public-key)");
    }

    @Test
    void oneByteChangedInAStoredWorkbookIsCaughtNamingTheRun() throws Exception {
        flipStoredByte(run(0));
        try {
            assertThat(verifier.verify(KEYS.getPublic()).broken()).startsWith("run " + run(0)
                    + ": the workbook stored in PostgreSQL does not match the SHA-256 recorded for the run");
        } finally {
            flipStoredByte(run(0));
        }
    }

    @Test
    void oneByteChangedInAManifestIsCaughtNamingTheFile() throws Exception {
        byte[] original = Files.readAllBytes(manifest(1));
        byte[] changed = original.clone();
        changed[changed.length - 3] ^= 1;
        Files.write(manifest(1), changed);
        try {
            assertThat(verifier.verify(KEYS.getPublic()).broken()).startsWith("run " + run(1) + ": " + manifest(1)
                    + " was changed: its SHA-256 is " + Sha256.hex(changed));
        } finally {
            Files.write(manifest(1), original);
        }
    }

    /** Rewriting a manifest's "previous" and its recorded SHA-256 together breaks the next run's link instead. */
    @Test
    void aRewrittenLinkIsCaughtAtTheNextRun() throws Exception {
        byte[] original = Files.readAllBytes(manifest(1));
        String recorded = Sha256.hex(original);
        String previous = Sha256.hex(manifest(0));
        byte[] forged = new String(original, StandardCharsets.UTF_8).replace(previous, "0".repeat(64))
                .getBytes(StandardCharsets.UTF_8);
        Files.write(manifest(1), forged);
        jdbc.sql("UPDATE run_manifest SET sha256 = ?, previous_sha256 = ? WHERE run_id = ?")
                .params(Sha256.hex(forged), "0".repeat(64), run(1)).update();
        try {
            assertThat(verifier.verify(KEYS.getPublic()).broken()).isEqualTo("run " + run(1) + ": chain broken: its"
                    + " manifest points back to SHA-256 " + "0".repeat(64) + ", but the manifest sealed before it (run "
                    + run(0) + ") has SHA-256 " + previous);
            // and the link put back too: the manifest's own words still disagree with the chain
            jdbc.sql("UPDATE run_manifest SET previous_sha256 = ? WHERE run_id = ?").params(previous, run(1)).update();
            assertThat(verifier.verify(null).broken()).startsWith("run " + run(1) + ": ")
                    .contains("does not say what the chain in PostgreSQL says of it");
            assertThat(verifier.verify(KEYS.getPublic()).broken()).startsWith("run " + run(1) + ": ")
                    .contains("does not say what the chain in PostgreSQL says of it");
        } finally {
            Files.write(manifest(1), original);
            jdbc.sql("UPDATE run_manifest SET sha256 = ?, previous_sha256 = ? WHERE run_id = ?")
                    .params(recorded, previous, run(1)).update();
        }
    }

    /** Rewritten unsigned, with PostgreSQL told it never was signed: signing is not turned off for one run. */
    @Test
    void anUnsignedManifestAfterASignedOneIsCaughtWithThePublicKey() throws Exception {
        Path signature = AuditWorkbookFiles.signatureOf(manifest(1));
        byte[] original = Files.readAllBytes(signature);
        Files.delete(signature);
        jdbc.sql("UPDATE run_manifest SET signed = false WHERE run_id = ?").param(run(1)).update();
        try {
            assertThat(verifier.verify(KEYS.getPublic()).broken()).isEqualTo("run " + run(1) + ": " + signature
                    + " is missing, and the manifest is unsigned after a signed one: signing is not turned off for"
                    + " one run");
        } finally {
            Files.write(signature, original);
            jdbc.sql("UPDATE run_manifest SET signed = true WHERE run_id = ?").param(run(1)).update();
        }
    }

    /** A crash while the run sealed its manifest leaves the files; the run is FAILED, its files no stranger's. */
    @Test
    void theFilesARunLeftWhenItFailedWhileSealingAreNoStrangersButACompletedRunsAre() throws Exception {
        String sealed = jdbc.sql("SELECT row_to_json(m)::text FROM run_manifest m WHERE run_id = ?").param(run(2))
                .query(String.class).single();
        jdbc.sql("CREATE TEMP TABLE kept_manifest AS SELECT * FROM run_manifest WHERE run_id = ?").param(run(2))
                .update();
        jdbc.sql("DELETE FROM run_manifest WHERE run_id = ?").param(run(2)).update();
        try {
            assertThat(verifier.verify(KEYS.getPublic()).broken()).as("a completed run without its link")
                    .endsWith("no run in PostgreSQL accounts for this file (not a completed run's workbook, manifest"
                            + " or signature)");
            jdbc.sql("UPDATE audit_run SET status = 'FAILED' WHERE id = ?").param(run(2)).update();
            assertThat(verifier.verify(KEYS.getPublic()).broken()).isNull();
        } finally {
            jdbc.sql("UPDATE audit_run SET status = 'COMPLETED' WHERE id = ?").param(run(2)).update();
            jdbc.sql("INSERT INTO run_manifest SELECT * FROM kept_manifest").update();
            jdbc.sql("DROP TABLE kept_manifest").update();
        }
        assertThat(sealed).contains("\"run_id\":" + run(2));
    }

    @Test
    void aChangedSignatureIsCaught() throws Exception {
        Path signature = AuditWorkbookFiles.signatureOf(manifest(2));
        String original = Files.readString(signature);
        Files.writeString(signature, (original.charAt(0) == 'A' ? "B" : "A") + original.substring(1));
        try {
            assertThat(verifier.verify(KEYS.getPublic()).broken()).isEqualTo("run " + run(2) + ": " + signature
                    + " does not verify with the public key: the manifest, or the signature, is not the one signed");
        } finally {
            Files.writeString(signature, original);
        }
    }

    @Test
    void aSignatureThatIsGoneIsCaught() throws Exception {
        Path signature = AuditWorkbookFiles.signatureOf(manifest(0));
        byte[] original = Files.readAllBytes(signature);
        Files.delete(signature);
        try {
            assertThat(verifier.verify(null).broken()).isEqualTo("run " + run(0) + ": " + signature
                    + " is missing, and the manifest was signed when the run sealed it");
        } finally {
            Files.write(signature, original);
        }
    }

    @Test
    void aWorkbookFileChangedOnDiskIsCaughtAgainstItsManifest() throws Exception {
        Path workbook = Path.of(HISTORY.get(2).workbookPath());
        byte[] original = Files.readAllBytes(workbook);
        byte[] changed = original.clone();
        changed[original.length / 2] ^= 1;
        Files.write(workbook, changed);
        try {
            assertThat(verifier.verify(KEYS.getPublic()).broken()).isEqualTo("run " + run(2) + ": " + workbook
                    + " does not match its manifest (SHA-256 " + Sha256.hex(changed) + ", expected "
                    + Sha256.hex(original) + ")");
        } finally {
            Files.write(workbook, original);
        }
    }

    @Test
    void aWorkbookNoRunAccountsForIsCaught() throws Exception {
        Path forged = Path.of(HISTORY.get(0).workbookPath()).resolveSibling("audit-2026-11-27-run999.xlsx");
        Files.copy(Path.of(HISTORY.get(0).workbookPath()), forged);
        try {
            assertThat(verifier.verify(KEYS.getPublic()).broken()).isEqualTo(forged + ": no run in PostgreSQL"
                    + " accounts for this file (not a completed run's workbook, manifest or signature)");
        } finally {
            Files.delete(forged);
        }
    }

    private void flipStoredByte(long runId) {
        jdbc.sql("UPDATE run_workbook SET content = set_byte(content, 100, get_byte(content, 100) # 1) WHERE run_id = ?")
                .param(runId).update();
    }

    private static long run(int index) {
        return HISTORY.get(index).id();
    }

    private static Path manifest(int index) {
        return AuditWorkbookFiles.manifestOf(Path.of(HISTORY.get(index).workbookPath()));
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
