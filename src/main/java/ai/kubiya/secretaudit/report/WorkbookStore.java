package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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

    /** The latest completed run with a stored workbook, when {@code run} is {@code latest}. */
    public Optional<Long> resolve(String run) {
        if ("latest".equalsIgnoreCase(run)) {
            return jdbc.sql("""
                            SELECT r.id FROM audit_run r JOIN run_workbook w ON w.run_id = r.id
                            WHERE r.status = 'COMPLETED' ORDER BY r.as_of DESC, r.id DESC LIMIT 1""")
                    .query(Long.class).optional();
        }
        try {
            return Optional.of(Long.parseLong(run.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--run must be a run id or 'latest', not '" + run + "'");
        }
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

    public static void writeTo(Stored stored, Path out) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".export-", ".tmp");
            Files.write(temp, stored.content());
            Files.move(temp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
