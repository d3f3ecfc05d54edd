package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.report.AuditWorkbookFiles;
import ai.kubiya.secretaudit.report.WorkbookStore;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.HexFormat;
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
 * The run's stored workbook, auditors only (PortalSecurityConfiguration), streamed: never a whole file in the heap.
 * It is checked against the SHA-256 recorded with the run (hashed by PostgreSQL) before a byte is sent, the checksum
 * in {@code X-Content-SHA256} and {@code Repr-Digest} (RFC 9530), and the download in the access log. While a run
 * writes, it is paced with every other download ({@link DownloadThrottle}). Spring Security's headers keep every
 * response out of caches. The CSV, JSON and OCSF exports are {@link ExportDownloads}.
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
    private final DownloadThrottle throttle;

    Downloads(AuditRunRepository runs, WorkbookStore workbooks, AccessLog accessLog, DownloadThrottle throttle) {
        this.runs = runs;
        this.workbooks = workbooks;
        this.accessLog = accessLog;
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
        String name = AuditWorkbookFiles.fileName(id, run.asOf(), run.dryRun(), "xlsx");
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

    /** The checksum headers of a download: hex, and RFC 9530's base64. */
    static ResponseEntity.BodyBuilder digests(ResponseEntity.BodyBuilder response, String sha256) {
        return response.header(SHA256_HEADER, sha256).header("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                .encodeToString(HexFormat.of().parseHex(sha256)) + ":");
    }
}
