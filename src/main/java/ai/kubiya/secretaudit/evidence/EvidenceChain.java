package ai.kubiya.secretaudit.evidence;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.report.AuditWorkbookFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Seals a completed run: writes its manifest beside its workbook (the workbook's SHA-256, and the SHA-256 of the
 * manifest sealed before it), signs it when {@code audit.evidence.signing-key} is set, and records the link in
 * {@code run_manifest}. Called by the run's last step just before the run is marked completed, in the same
 * transaction and under the run lock: so the chain's order is the order runs completed, a run that failed is never
 * in it, and no two manifests ever point back to the same one.
 */
@Component
public class EvidenceChain {

    /** A run's sealed manifest, as the summary and the log show it. */
    public record Sealed(Path manifest, String sha256, boolean signed) {
    }

    private record Link(long run, String file, String sha256, long position) {
    }

    /** @param path the workbook as the run recorded it: a run restarted across an upgrade kept its earlier name */
    private record RunRow(Instant asOf, boolean dryRun, String path, long size, String sha256) {
    }

    private static final Logger log = LoggerFactory.getLogger(EvidenceChain.class);

    private final JdbcClient jdbc;
    private final AuditWorkbookFiles files;
    private final Optional<PrivateKey> signingKey;
    private final Clock clock;

    EvidenceChain(JdbcClient jdbc, AuditWorkbookFiles files, EvidenceProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.files = files;
        this.signingKey = properties.key();
        this.clock = clock;
    }

    /** Seals the run once: a second call (a restarted last step) finds the run's link and leaves it alone. */
    public Sealed seal(long runId) throws IOException {
        Optional<Sealed> sealed = jdbc.sql("SELECT file, sha256, signed FROM run_manifest WHERE run_id = ?").param(runId)
                .query((rs, n) -> new Sealed(files.reportsDir().resolve(rs.getString(1)), rs.getString(2),
                        rs.getBoolean(3))).optional();
        return sealed.isPresent() ? sealed.get() : sealAnew(runId);
    }

    private Sealed sealAnew(long runId) throws IOException {
        RunRow run = jdbc.sql("""
                        SELECT as_of, dry_run, workbook_path, workbook_size, workbook_sha256 FROM audit_run
                        WHERE id = ?""")
                .param(runId).query((rs, n) -> new RunRow(rs.getTimestamp(1).toInstant(), rs.getBoolean(2),
                        rs.getString(3), rs.getLong(4), rs.getString(5))).single();
        Optional<Link> previous = last();
        Path named = files.pathOf(runId, run.asOf(), run.dryRun());
        Path workbook = run.path() == null ? named : named.resolveSibling(Path.of(run.path()).getFileName());
        Path manifest = AuditWorkbookFiles.manifestOf(workbook);
        byte[] bytes = new Manifest(runId, run.asOf(), run.dryRun(),
                new Manifest.Workbook(workbook.getFileName().toString(), run.size(), run.sha256()),
                previous.map(link -> new Manifest.Previous(link.run(), link.file(), link.sha256())).orElse(null))
                .bytes();
        replace(manifest, bytes);
        if (signingKey.isPresent()) {
            replace(AuditWorkbookFiles.signatureOf(manifest),
                    SigningKeys.sign(signingKey.get(), bytes).getBytes(StandardCharsets.US_ASCII));
        }
        Sealed sealed = new Sealed(manifest, Sha256.hex(bytes), signingKey.isPresent());
        record(runId, sealed, previous);
        return sealed;
    }

    private void record(long runId, Sealed sealed, Optional<Link> previous) {
        jdbc.sql("""
                        INSERT INTO run_manifest (run_id, position, file, sha256, previous_sha256, signed, sealed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, previous.map(Link::position).orElse(0L) + 1, relative(sealed.manifest()),
                        sealed.sha256(), previous.map(Link::sha256).orElse(null), sealed.signed(),
                        Timestamp.from(clock.instant()))
                .update();
        log.info("Manifest {} (SHA-256 {}{}), chained to {}", sealed.manifest(), sealed.sha256(),
                sealed.signed() ? ", signed" : "",
                previous.map(link -> "run " + link.run() + "'s manifest").orElse("nothing: the first of the chain"));
    }

    private Optional<Link> last() {
        return jdbc.sql("SELECT run_id, file, sha256, position FROM run_manifest ORDER BY position DESC LIMIT 1")
                .query((rs, n) -> new Link(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
                .optional();
    }

    /** The path as the manifests name it: {@code <as-of date>/<file>}, relative to the reports dir, with {@code /}. */
    static String relative(Path manifest) {
        return manifest.getParent().getFileName() + "/" + manifest.getFileName();
    }

    /** Through a temp file and an atomic rename: a crash never leaves half a manifest under the final name. */
    private static void replace(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".manifest-", ".tmp");
        try {
            Files.write(temp, bytes);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
