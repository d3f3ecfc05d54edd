package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.export.ExportFormat;
import ai.kubiya.secretaudit.export.FindingsExport;
import ai.kubiya.secretaudit.report.WorkbookStore;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Downloads, auditors only (PortalSecurityConfiguration): the run's stored workbook, and its findings as CSV, JSON
 * or OCSF ({@code export}'s writers), both streamed: never a whole file in the heap. The workbook is checked against
 * the SHA-256 recorded with the run (hashed by PostgreSQL) before a byte is sent, the checksum in {@code X-Content-SHA256} and {@code Repr-Digest}
 * (RFC 9530), and the download in the access log. Spring Security's headers keep every response out of caches.
 */
@RestController
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class Downloads {

    static final String SHA256_HEADER = "X-Content-SHA256";
    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /**
     * Exports that read the database at once: fewer than half the pool (4 of the default 10; 1 of the embedded
     * database's 4, which a run in the same process shares). Each holds a pooled connection for as long as it
     * streams, a minute for a 1,000,000-finding OCSF file: with one each, 8 downloads (Spring MVC's 8 streaming
     * threads) left 40 auditors' findings pages 2 connections, p99 9 s (bench/portal-load.sh at 100,000). A download
     * past these waits for a turn holding none; its headers are sent first, so a browser shows it started.
     */
    static int exportStreams(int poolSize) {
        return Math.max(1, poolSize / 2 - 1);
    }

    private static final Logger log = LoggerFactory.getLogger(Downloads.class);

    private final Semaphore exportStreams;

    private final AuditRunRepository runs;
    private final WorkbookStore workbooks;
    private final AccessLog accessLog;
    private final FindingsExport exports;

    Downloads(AuditRunRepository runs, WorkbookStore workbooks, AccessLog accessLog, FindingsExport exports,
              DataSource dataSource) {
        int pool = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 10;
        this.exportStreams = new Semaphore(exportStreams(pool), true);
        this.runs = runs;
        this.workbooks = workbooks;
        this.accessLog = accessLog;
        this.exports = exports;
    }

    @GetMapping("/runs/{id}/workbook")
    ResponseEntity<StreamingResponseBody> workbook(@PathVariable long id, Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        AuditRun run = RunPages.find(runs, id);
        WorkbookStore.Checked checked;
        try {
            checked = workbooks.check(id).orElseThrow(() ->
                    new ResponseStatusException(HttpStatus.NOT_FOUND, "this run stored no workbook"));
        } catch (IllegalStateException e) {
            // the recorded checksum no longer matches the stored bytes: nothing is sent, and an operator is told
            log.error("Refused the workbook of run {}: {}", id, e.getMessage());
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR,
                    "the stored workbook does not match its recorded SHA-256; nothing was sent");
        }
        String name = "audit-" + run.asOf().atOffset(ZoneOffset.UTC).toLocalDate() + "-run" + id
                + (run.dryRun() ? "-dry-run" : "") + ".xlsx";
        StreamingResponseBody body = out -> {
            String sent = workbooks.copy(id, out);
            if (!sent.equals(checked.sha256())) {
                // changed between the check and the last slice: the response ends short of its Content-Length
                log.error("The workbook of run {} changed while it was sent; the download was cut off", id);
                throw new IOException("the stored workbook changed while it was sent");
            }
        };
        // before the first byte, with the checked SHA-256: with a Content-Length, a client has the whole file (and
        // may read the access log) before a record made after the last byte would be committed
        accessLog.record(viewer.subject(), viewer.mailbox(), viewer.role(), AccessLog.Action.DOWNLOAD,
                "run " + id + " workbook " + name, checked.sha256());
        return ResponseEntity.ok()
                .contentType(XLSX)
                .contentLength(checked.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .header(SHA256_HEADER, checked.sha256())
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                        .encodeToString(HexFormat.of().parseHex(checked.sha256())) + ":")
                .body(body);
    }

    /**
     * CSV, JSON and OCSF exports of a completed run, streamed as {@code export --format} writes them (never built in
     * memory: a 1,000,000-finding run is gigabytes of OCSF); the download is recorded once the last byte is written,
     * with the SHA-256 of what was sent. The xlsx is {@link #workbook}.
     */
    @GetMapping("/runs/{id}/export/{format}")
    ResponseEntity<StreamingResponseBody> export(@PathVariable long id, @PathVariable String format,
                                                 Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        RunPages.find(runs, id);
        ExportFormat chosen = streamed(format);
        AuditRun run;
        try {
            run = exports.exportable(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "only a completed run can be exported");
        }
        String name = "audit-" + run.asOf().atOffset(ZoneOffset.UTC).toLocalDate() + "-run" + id
                + (run.dryRun() ? "-dry-run" : "") + "." + chosen.extension();
        StreamingResponseBody body = out -> {
            out.flush(); // the headers, before the wait for a turn
            awaitTurn();
            try {
                MessageDigest sha256 = Sha256.newDigest();
                exports.write(run, chosen, new DigestOutputStream(out, sha256));
                accessLog.record(viewer.subject(), viewer.mailbox(), viewer.role(), AccessLog.Action.DOWNLOAD,
                        "run " + id + " export " + name, HexFormat.of().formatHex(sha256.digest()));
            } finally {
                exportStreams.release();
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(chosen.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .body(body);
    }

    private void awaitTurn() throws IOException {
        try {
            exportStreams.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped while the export waited for its turn", e);
        }
    }

    /** csv, json or ocsf; anything else (xlsx included: that is the stored workbook) is not found, never echoed. */
    private static ExportFormat streamed(String format) {
        try {
            ExportFormat chosen = ExportFormat.of(format);
            if (chosen != ExportFormat.XLSX) {
                return chosen;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the same answer as xlsx
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such export: csv, json or ocsf");
    }
}
