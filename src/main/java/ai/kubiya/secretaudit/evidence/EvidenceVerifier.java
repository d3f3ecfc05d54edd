package ai.kubiya.secretaudit.evidence;

import ai.kubiya.secretaudit.report.AuditWorkbookFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code verify}: every stored workbook against the SHA-256 recorded for its run, every manifest file against the
 * SHA-256 recorded when it was sealed, each link against the manifest before it, the signatures, every workbook file
 * against its manifest, and that {@code reports/} holds no run file nothing accounts for. Stops at the first broken
 * link. The stored workbooks are hashed by PostgreSQL ({@code sha256(bytea)}), so none is copied out: a million-secret
 * run's is ~260 MB.
 */
@Component
public class EvidenceVerifier {

    /** @param broken the first broken link, null when all holds; @param summary what was checked, when all holds */
    public record Verification(String broken, String summary) {

        public boolean holds() {
            return broken == null;
        }
    }

    private record UnsealedRun(long run, String workbookPath, String recorded, String storedActual, boolean completed) {
    }

    private final JdbcClient jdbc;
    private final AuditWorkbookFiles files;

    EvidenceVerifier(JdbcClient jdbc, AuditWorkbookFiles files) {
        this.jdbc = jdbc;
        this.files = files;
    }

    /** @param publicKey checks the signatures with it; null: signatures are found, not checked */
    public Verification verify(PublicKey publicKey) throws IOException {
        Tally tally = new Tally();
        Set<Path> accounted = new HashSet<>();
        ManifestCheck check = new ManifestCheck(files.reportsDir(), publicKey, tally, accounted);
        try {
            walkChain(check, tally);
            for (UnsealedRun run : unsealedRuns()) {
                storedWorkbook(run.run(), run.recorded(), run.storedActual(), tally);
                if (!run.completed()) {
                    check.leftByUnsealedRun(run.workbookPath()); // a completed run's manifest is never a leftover
                }
                boolean onDisk = check.unsealedWorkbook(run.run(), run.workbookPath(), run.recorded());
                tally.outsideChain += onDisk || run.storedActual() != null ? 1 : 0;
            }
            check.nothingElseIn(files.reportsDir());
            return new Verification(null, tally.describe());
        } catch (BrokenLink e) {
            return new Verification(e.getMessage(), null);
        }
    }

    private void walkChain(ManifestCheck check, Tally tally) throws IOException {
        ChainEntry before = null;
        for (ChainEntry entry : chain()) {
            link(before, entry);
            tally.chained(entry.run());
            if (!entry.kept()) {
                tally.removed++;
            } else {
                if (tally.removed > 0 && tally.keptStart == null) {
                    tally.keptStart = entry.run();
                    tally.keptStartPrevious = before == null || before.kept() ? null : before.run();
                }
                storedWorkbook(entry.run(), entry.recorded(), entry.storedActual(), tally);
                check.manifest(entry);
            }
            before = entry;
        }
    }

    /** Each link against the one before it; the first of the chain points back to nothing. */
    private static void link(ChainEntry before, ChainEntry entry) {
        String expected = before == null ? null : before.sha256();
        if (expected == null ? entry.previousSha256() != null : !expected.equals(entry.previousSha256())) {
            throw new BrokenLink("run " + entry.run() + ": chain broken: its manifest points back to SHA-256 "
                    + entry.previousSha256() + ", but the manifest sealed before it"
                    + (before == null ? " does not exist" : " (run " + before.run() + ") has SHA-256 " + expected));
        }
    }

    private static void storedWorkbook(long run, String recorded, String storedActual, Tally tally) {
        if (storedActual == null) {
            return; // none stored: the run failed before its workbook, or stored none before V5
        }
        if (!storedActual.equals(recorded)) {
            throw new BrokenLink("run " + run + ": the workbook stored in PostgreSQL does not match the SHA-256"
                    + " recorded for the run (recorded " + recorded + ", stored bytes " + storedActual + ")");
        }
        tally.storedWorkbooks++;
    }

    private List<ChainEntry> chain() {
        return jdbc.sql("""
                        SELECT m.run_id, m.file, m.sha256, m.previous_sha256, m.signed, r.id IS NOT NULL,
                               r.workbook_sha256, encode(sha256(w.content), 'hex')
                        FROM run_manifest m LEFT JOIN audit_run r ON r.id = m.run_id
                        LEFT JOIN run_workbook w ON w.run_id = r.id ORDER BY m.position""")
                .query((rs, n) -> new ChainEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getBoolean(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    private List<UnsealedRun> unsealedRuns() {
        return jdbc.sql("""
                        SELECT r.id, r.workbook_path, r.workbook_sha256, encode(sha256(w.content), 'hex'),
                               r.status = 'COMPLETED'
                        FROM audit_run r LEFT JOIN run_workbook w ON w.run_id = r.id
                        WHERE NOT EXISTS (SELECT 1 FROM run_manifest m WHERE m.run_id = r.id) ORDER BY r.id""")
                .query((rs, n) -> new UnsealedRun(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)))
                .list();
    }
}
