package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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

    private final ReportProperties properties;
    private final AuditWorkbookWriter writer = new AuditWorkbookWriter();

    AuditWorkbookFiles(ReportProperties properties) {
        this.properties = properties;
    }

    public Written write(AuditWorkbookWriter.Content content) throws IOException {
        RunEvidence run = content.run();
        LocalDate date = LocalDate.ofInstant(run.asOf(), ZoneOffset.UTC);
        Path dir = Files.createDirectories(properties.dir().resolve(date.toString()));
        Path target = dir.resolve("audit-" + date + "-run" + run.runId() + ".xlsx");
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
        writeManifest(dir);
        return written;
    }

    private static void writeManifest(Path dir) throws IOException {
        List<Map<String, Object>> files = new ArrayList<>();
        try (DirectoryStream<Path> workbooks = Files.newDirectoryStream(dir, "audit-*.xlsx")) {
            for (Path workbook : workbooks) {
                files.add(Map.of("file", workbook.getFileName().toString(), "size", Files.size(workbook),
                        "sha256", Sha256.hex(workbook)));
            }
        }
        files.sort((a, b) -> ((String) a.get("file")).compareTo((String) b.get("file")));
        Path temp = Files.createTempFile(dir, ".manifest-", ".tmp");
        JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValue(temp, Map.of("files", files));
        Files.move(temp, dir.resolve("manifest.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
