package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.report.WorkbookStore;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import java.time.ZoneOffset;
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

/**
 * Downloads, auditors only (PortalSecurityConfiguration): the run's stored workbook, checked against the SHA-256
 * recorded with the run before a byte is sent, the checksum in {@code X-Content-SHA256} and {@code Repr-Digest}
 * (RFC 9530), and the download in the access log. Spring Security's headers keep every response out of caches.
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

    Downloads(AuditRunRepository runs, WorkbookStore workbooks, AccessLog accessLog) {
        this.runs = runs;
        this.workbooks = workbooks;
        this.accessLog = accessLog;
    }

    @GetMapping("/runs/{id}/workbook")
    ResponseEntity<byte[]> workbook(@PathVariable long id, Authentication authentication) {
        Viewer viewer = Viewer.of(authentication);
        AuditRun run = RunPages.find(runs, id);
        WorkbookStore.Stored stored;
        try {
            stored = workbooks.load(id).orElseThrow(() ->
                    new ResponseStatusException(HttpStatus.NOT_FOUND, "this run stored no workbook"));
        } catch (IllegalStateException e) {
            // the recorded checksum no longer matches the stored bytes: nothing is sent, and an operator is told
            log.error("Refused the workbook of run {}: {}", id, e.getMessage());
            throw new ResponseStatusException(HttpStatus.INTERNAL_SERVER_ERROR,
                    "the stored workbook does not match its recorded SHA-256; nothing was sent");
        }
        String name = "audit-" + run.asOf().atOffset(ZoneOffset.UTC).toLocalDate() + "-run" + id
                + (run.dryRun() ? "-dry-run" : "") + ".xlsx";
        accessLog.record(viewer.subject(), viewer.mailbox(), viewer.role(), AccessLog.Action.DOWNLOAD,
                "run " + id + " workbook " + name, stored.sha256());
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString())
                .header(SHA256_HEADER, stored.sha256())
                .header("Repr-Digest", "sha-256=:" + Base64.getEncoder()
                        .encodeToString(HexFormat.of().parseHex(stored.sha256())) + ":")
                .body(stored.content());
    }

    /**
     * CSV, JSON and OCSF exports of a run (issue 16, "Exports for their tools"): the streaming writers come from the
     * export package, built in parallel; until they are merged this answers 404. MERGE: stream
     * {@code export}'s writer for {@code format} here, record the download with the SHA-256 of what was sent.
     */
    @GetMapping("/runs/{id}/export/{format}")
    ResponseEntity<String> export(@PathVariable long id, @PathVariable String format) {
        RunPages.find(runs, id);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                .body("not yet: CSV, JSON and OCSF exports arrive with the export package\n");
    }
}
