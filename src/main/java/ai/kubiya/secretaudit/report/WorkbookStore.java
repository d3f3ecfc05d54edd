package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.support.SqlBinaryValue;
import org.springframework.stereotype.Component;

/** Keeps each run's auditor workbook in PostgreSQL and gives it back byte for byte, checksum verified. */
@Component
public class WorkbookStore {

    /** 1 MiB: a slice PostgreSQL reads from the TOAST table alone, and the most a download holds at once. */
    static final int SLICE = 1 << 20;

    private final JdbcClient jdbc;

    WorkbookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Streams the file into the row: the workbook of a million-secret run is ~260 MB, and reading it whole
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

    /** A stored workbook whose bytes PostgreSQL hashed and found to be the ones recorded with the run. */
    public record Checked(long runId, String sha256, long size) {
    }

    /**
     * Checks the stored bytes against the run's recorded SHA-256 without reading them here: PostgreSQL hashes them.
     *
     * @throws IllegalStateException when they no longer match
     */
    public Optional<Checked> check(long runId) {
        return jdbc.sql("""
                        SELECT encode(sha256(w.content), 'hex'), r.workbook_sha256, octet_length(w.content)
                        FROM run_workbook w JOIN audit_run r ON r.id = w.run_id WHERE w.run_id = ?""")
                .param(runId)
                .query((rs, n) -> {
                    if (!rs.getString(1).equals(rs.getString(2))) {
                        throw mismatch(runId, rs.getString(2), rs.getString(1));
                    }
                    return new Checked(runId, rs.getString(2), rs.getLong(3));
                })
                .optional();
    }

    /**
     * Writes the stored bytes in slices of {@value #SLICE} bytes, so that a download never holds the workbook (~260 MB
     * at a million secrets) in the heap.
     *
     * @return the SHA-256 of what was written, for the caller to hold against {@link #check}'s
     */
    public String copy(long runId, OutputStream out) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        for (int offset = 1; ; offset += SLICE) { // bytea holds at most 1 GB: an int offset reaches all of it
            byte[] slice = jdbc.sql("SELECT substring(content FROM ? FOR ?) FROM run_workbook WHERE run_id = ?")
                    .params(offset, SLICE, runId).query(byte[].class).optional().orElse(new byte[0]);
            out.write(slice);
            sha256.update(slice);
            if (slice.length < SLICE) {
                return HexFormat.of().formatHex(sha256.digest());
            }
        }
    }

    private static IllegalStateException mismatch(long runId, String recorded, String actual) {
        return new IllegalStateException("the stored workbook of run " + runId + " does not match its recorded SHA-256 ("
                + recorded + " != " + actual + ")");
    }
}
