package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Component;

/** Keeps each run's auditor workbook in PostgreSQL and gives it back byte for byte, checksum verified. */
@Component
public class WorkbookStore {

    public record Stored(long runId, String sha256, byte[] content) {
    }

    private final JdbcClient jdbc;

    WorkbookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Streams the file into the row: the workbook of a million-secret run is ~190 MB, and reading it whole
     * (twice its size, briefly, with readAllBytes) took the run to 394 MB of a 512 MB heap.
     */
    public void save(long runId, Path workbook, String sha256) throws IOException {
        try (InputStream in = Files.newInputStream(workbook)) {
            long size = Files.size(workbook);
            jdbc.sql("DELETE FROM run_workbook WHERE run_id = ?").param(runId).update();
            jdbc.sql("INSERT INTO run_workbook (run_id, sha256, size, content) VALUES (?, ?, ?, ?)")
                    .params(runId, sha256, size, new SqlBinaryValue(in, size)).update();
        }
    }

    /** The latest completed run with a stored workbook ({@code export --run=latest}). */
    public Optional<Long> latest() {
        return jdbc.sql("""
                        SELECT r.id FROM audit_run r JOIN run_workbook w ON w.run_id = r.id
                        WHERE r.status = 'COMPLETED' ORDER BY r.as_of DESC, r.id DESC LIMIT 1""")
                .query(Long.class).optional();
    }

    /**
     * @throws IllegalStateException when the stored bytes no longer match the checksum recorded with the run
     */
    public Optional<Stored> load(long runId) {
        return jdbc.sql("""
                        SELECT w.content, r.workbook_sha256 FROM run_workbook w JOIN audit_run r ON r.id = w.run_id
                        WHERE w.run_id = ?""")
                .param(runId)
                .query((rs, n) -> new Stored(runId, rs.getString(2), rs.getBytes(1)))
                .optional()
                .map(stored -> {
                    String actual = Sha256.hex(stored.content());
                    if (!actual.equals(stored.sha256())) {
                        throw new IllegalStateException("the stored workbook of run " + runId
                                + " does not match its recorded SHA-256 (" + stored.sha256() + " != " + actual + ")");
                    }
                    return stored;
                });
    }
}
