package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.IsoTimestamps;
import ai.kubiya.secretaudit.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's auditor workbook to {@code {reports dir}/{as-of date}/audit-{as-of date}-run{id}.xlsx}
 * (atomically: an interrupted write never leaves a half file under the final name) and refreshes the
 * {@code manifest.json} beside it with the SHA-256 of every workbook in that folder.
 */
@Component
public class AuditWorkbookFiles {

    public record Written(Path path, long size, String sha256) {
    }

    private static final Logger log = LoggerFactory.getLogger(AuditWorkbookFiles.class);
    private static final String MANIFEST = "manifest.json";

    private final ReportProperties properties;
    private final AuditWorkbookWriter writer = new AuditWorkbookWriter();

    AuditWorkbookFiles(ReportProperties properties) {
        this.properties = properties;
    }

    /** Where the workbook of a run is written: named by run id and as-of only, never by data. */
    public Path pathOf(long runId, Instant asOf) {
        LocalDate date = IsoTimestamps.utcDate(asOf);
        return properties.dir().resolve(date.toString()).resolve("audit-" + date + "-run" + runId + ".xlsx");
    }

    public Written write(AuditWorkbookWriter.Content content) throws IOException {
        RunEvidence run = content.run();
        Path target = pathOf(run.runId(), run.asOf());
        Path dir = Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(dir, ".audit-", ".tmp");
        MessageDigest digest = Sha256.newDigest();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), digest)) {
            writer.write(out, content);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Written written = new Written(target, Files.size(target), HexFormat.of().formatHex(digest.digest()));
        refreshManifest(dir);
        return written;
    }

    /**
     * Rewrites {@code dir}'s manifest from the workbooks it holds now; when none is left (retention removed
     * them), removes the manifest, and the folder if nothing else is in it.
     */
    public void refreshManifest(Path dir) throws IOException {
        List<Map<String, Object>> files = workbooks(dir);
        if (files.isEmpty()) {
            Files.deleteIfExists(dir.resolve(MANIFEST));
            try {
                Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException e) {
                log.debug("{} still holds other files; left in place", dir);
            }
            return;
        }
        files.sort((a, b) -> ((String) a.get("file")).compareTo((String) b.get("file")));
        Path temp = Files.createTempFile(dir, ".manifest-", ".tmp");
        try {
            JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValue(temp, Map.of("files", files));
            Files.move(temp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Only regular files are read, links not followed: opening a FIFO named {@code audit-x.xlsx} blocks until
     * someone writes to it, which hung the run for good (issue 12), and a link could hash a file outside the folder.
     */
    private static List<Map<String, Object>> workbooks(Path dir) throws IOException {
        List<Map<String, Object>> files = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "audit-*.xlsx")) {
            for (Path workbook : entries) {
                BasicFileAttributes attributes = Files.readAttributes(workbook, BasicFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isRegularFile()) {
                    log.warn("Manifest of {}: skipped {}, which is not a regular file", dir, workbook.getFileName());
                    continue;
                }
                files.add(Map.of("file", workbook.getFileName().toString(), "size", attributes.size(),
                        "sha256", Sha256.hex(workbook, LinkOption.NOFOLLOW_LINKS)));
            }
        }
        return files;
    }
}
