package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.export.ExportFormat;
import ai.kubiya.secretaudit.export.FindingsExport;
import ai.kubiya.secretaudit.report.AuditWorkbookFiles;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
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
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * CSV, JSON and OCSF exports of a completed run, auditors only (PortalSecurityConfiguration), as {@code export
 * --format} writes them (docs/portal.md#stored-exports): written once into {@link StoredExports} and sent from there,
 * its SHA-256 checked before the first byte and recorded in the access log; one too large to keep is streamed from the
 * database as it is read (never built in memory: a 1,000,000-finding run is gigabytes of OCSF). While a run writes,
 * paced with every other download ({@link DownloadThrottle}). The xlsx is {@link Downloads#workbook}.
 */
@RestController
@ConditionalOnProperty(name = PortalSecurityConfiguration.SERVE, havingValue = "true")
class ExportDownloads {

    private static final Logger log = LoggerFactory.getLogger(ExportDownloads.class);

    private final AuditRunRepository runs;
    private final AccessLog accessLog;
    private final FindingsExport exports;
    private final ExportTurns turns;
    private final StoredExports stored;
    private final DownloadThrottle throttle;

    ExportDownloads(AuditRunRepository runs, AccessLog accessLog, FindingsExport exports, ExportTurns turns,
                    StoredExports stored, DownloadThrottle throttle) {
        this.runs = runs;
        this.accessLog = accessLog;
        this.exports = exports;
        this.turns = turns;
        this.stored = stored;
        this.throttle = throttle;
    }

    @GetMapping("/runs/{id}/export/{format}")
    ResponseEntity<StreamingResponseBody> export(@PathVariable long id, @PathVariable String format,
                                                 Authentication authentication, HttpServletRequest request)
            throws IOException {
        Viewer viewer = Viewer.of(authentication);
        found(id);
        ExportFormat chosen = streamed(format);
        AuditRun run = completed(id);
        String name = AuditWorkbookFiles.fileName(id, run.asOf(), run.dryRun(), chosen.extension());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(chosen.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                        .toString());
        Optional<StoredExports.Stored> file = stored.get(run, chosen);
        Optional<FileChannel> checked = file.isPresent() ? checked(file.get(), id, chosen) : Optional.empty();
        if (checked.isEmpty()) {
            file.ifPresent(stored::drop); // deleted since it was looked up: written again by the next download
            return response.body(out -> stream(run, chosen, out, viewer, name));
        }
        return sent(response, checked.get(), file.get(), "run " + id + " export " + name, viewer, request);
    }

    /**
     * The checked file, recorded in the access log before the first byte, as for the workbook (the client has the size
     * and checksum from the headers); closed when the response ends, or here when it cannot be sent.
     */
    private ResponseEntity<StreamingResponseBody> sent(ResponseEntity.BodyBuilder response, FileChannel channel,
                                                       StoredExports.Stored file, String target, Viewer viewer,
                                                       HttpServletRequest request) throws IOException {
        try {
            accessLog.record(viewer.subject(), viewer.mailbox(), viewer.role(), AccessLog.Action.DOWNLOAD, target,
                    file.sha256());
            WebAsyncUtils.getAsyncManager(request).registerCallableInterceptor(channel, closing(channel));
            return Downloads.digests(response, file.sha256()).contentLength(file.size()).body(out -> send(channel, out));
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** A run that retention removed is 404, and its stored exports are deleted. */
    private void found(long id) {
        try {
            RunPages.find(runs, id);
        } catch (ResponseStatusException e) {
            stored.drop(id);
            throw e;
        }
    }

    /** The run if it completed: only a completed run's findings are whole. */
    private AuditRun completed(long id) {
        try {
            return exports.exportable(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "only a completed run can be exported");
        }
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

    /**
     * Closes the checked file when the response ends, whether or not its body ran: a client that went away while the
     * body waited for a streaming thread has its task cancelled, and the open file would wait for the garbage collector.
     * Opened here and not in the body because it is checked before the headers say 200, and an eviction after the
     * check cannot take an open file away.
     */
    private static CallableProcessingInterceptor closing(FileChannel file) {
        return new CallableProcessingInterceptor() {
            @Override
            public <T> void afterCompletion(NativeWebRequest request, Callable<T> task) throws IOException {
                file.close();
            }
        };
    }

    /** In reads of {@link DownloadThrottle#SLICE}, as the socket writes them (InputStream.transferTo: 8 KiB, JDK 17). */
    private void send(FileChannel file, OutputStream out) throws IOException {
        try (file) {
            OutputStream paced = throttle.paced(out);
            ByteBuffer buffer = ByteBuffer.allocate(DownloadThrottle.SLICE);
            for (int read = file.read(buffer); read >= 0; read = file.read(buffer)) {
                paced.write(buffer.array(), 0, read);
                buffer.clear();
            }
            paced.flush();
        }
    }

    /** Streamed from the database in one of its turns; recorded once the last byte is written, with its SHA-256. */
    private void stream(AuditRun run, ExportFormat format, OutputStream out, Viewer viewer, String name)
            throws IOException {
        out.flush(); // the headers, before the wait for a turn
        MessageDigest sha256 = Sha256.newDigest();
        OutputStream paced = new BufferedOutputStream(throttle.paced(out), DownloadThrottle.SLICE);
        turns.run(() -> exports.write(run, format, new DigestOutputStream(paced, sha256)));
        paced.flush();
        accessLog.record(viewer.subject(), viewer.mailbox(), viewer.role(), AccessLog.Action.DOWNLOAD,
                "run " + run.id() + " export " + name, HexFormat.of().formatHex(sha256.digest()));
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
