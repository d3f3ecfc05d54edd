package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.export.ExportFormat;
import ai.kubiya.secretaudit.export.FindingsExport;
import ai.kubiya.secretaudit.report.WorkbookStore;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
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
 * or OCSF ({@code export}'s writers, stored once: {@link StoredExports}), all streamed: never a whole file in the heap.
 * A stored file is checked against its recorded SHA-256 (the workbook's hashed by PostgreSQL) before a byte is sent,
 * the checksum in {@code X-Content-SHA256} and {@code Repr-Digest} (RFC 9530), and the download in the access log.
 * While a run writes, all downloads together are paced ({@link DownloadThrottle}). Spring Security's headers keep
 * every response out of caches.
 */
@RestController
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class Downloads {

    static final String SHA256_HEADER = "X-Content-SHA256";
    static final MediaType XLSX =
            MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private static final Logger log = LoggerFactory.getLogger(Downloads.class);

    private final AuditRunRepository runs;
    private final WorkbookStore workbooks;
    private final AccessLog accessLog;
    private final FindingsExport exports;
    private final ExportTurns turns;
    private final StoredExports stored;
    private final DownloadThrottle throttle;

    Downloads(AuditRunRepository runs, WorkbookStore workbooks, AccessLog accessLog, FindingsExport exports,
              ExportTurns turns, StoredExports stored, DownloadThrottle throttle) {
        this.runs = runs;
        this.workbooks = workbooks;
        this.accessLog = accessLog;
        this.exports = exports;
        this.turns = turns;
        this.stored = stored;
        this.throttle = throttle;
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
            OutputStream paced = throttle.paced(out);
            String sent = workbooks.copy(id, paced);
            paced.flush();
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
        return digests(ResponseEntity.ok().contentType(XLSX).contentLength(checked.size())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString()), checked.sha256()).body(body);
    }

    /**
     * CSV, JSON and OCSF exports of a completed run, as {@code export --format} writes them: written once into
     * {@link StoredExports} and sent from there, its SHA-256 checked first; one too large to keep is streamed from the
     * database (never built in memory: a 1,000,000-finding run is gigabytes of OCSF). The xlsx is {@link #workbook}.
     */
    @GetMapping("/runs/{id}/export/{format}")
    ResponseEntity<StreamingResponseBody> export(@PathVariable long id, @PathVariable String format,
                                                 Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        try {
            RunPages.find(runs, id);
        } catch (ResponseStatusException e) {
            stored.drop(id); // retention removed it
            throw e;
        }
        ExportFormat chosen = streamed(format);
        AuditRun run;
        try {
            run = exports.exportable(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "only a completed run can be exported");
        }
        String name = "audit-" + run.asOf().atOffset(ZoneOffset.UTC).toLocalDate() + "-run" + id
                + (run.dryRun() ? "-dry-run" : "") + "." + chosen.extension();
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chosen.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString());
        Optional<StoredExports.Stored> file = stored.get(run, chosen);
        Optional<FileChannel> checked = file.isPresent() ? checked(file.get(), id, chosen) : Optional.empty();
        if (checked.isPresent()) {
            String sha256 = file.get().sha256();
            // before the first byte, as for the workbook: the client learns the size and checksum from the headers
            accessLog.record(viewer.subject(), viewer.mailbox(), viewer.role(), AccessLog.Action.DOWNLOAD,
                    "run " + id + " export " + name, sha256);
            return digests(response, sha256).contentLength(file.get().size()).body(out -> send(checked.get(), out));
        }
        return response.body(out -> {
            out.flush(); // the headers, before the wait for a turn
            MessageDigest sha256 = Sha256.newDigest();
            OutputStream paced = new BufferedOutputStream(throttle.paced(out), DownloadThrottle.SLICE);
            turns.run(() -> exports.write(run, chosen, new DigestOutputStream(paced, sha256)));
            paced.flush();
            accessLog.record(viewer.subject(), viewer.mailbox(), viewer.role(), AccessLog.Action.DOWNLOAD,
                    "run " + id + " export " + name, HexFormat.of().formatHex(sha256.digest()));
        });
    }

    /** The stored export, open, once its bytes match what was recorded; else nothing is sent and an operator told. */
    private Optional<FileChannel> checked(StoredExports.Stored file, long id, ExportFormat format) {
        try {
            return StoredExportFolder.openChecked(file);
        } catch (IllegalStateException | IOException e) {
            log.error("Refused the stored {} export of run {}: {}", format, id, e.getMessage());
            stored.drop(file); // the next download writes it again from the database
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR,
                    "the stored export does not match its recorded SHA-256; nothing was sent");
        }
    }

    private void send(FileChannel file, OutputStream out) throws IOException {
        try (file; InputStream in = Channels.newInputStream(file)) {
            OutputStream paced = throttle.paced(out);
            in.transferTo(paced);
            paced.flush();
        }
    }

    private static ResponseEntity.BodyBuilder digests(ResponseEntity.BodyBuilder response, String sha256) {
        return response.header(SHA256_HEADER, sha256).header("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(sha256)) + ":");
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
