package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.IsoTimestamps;
import ai.kubiya.secretaudit.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Writes a run's auditor workbook to {@code {reports dir}/{as-of date}/audit-{as-of date}-run{id}.xlsx}
 * ({@code …-run{id}-dry-run.xlsx} for a dry run), atomically: an interrupted write never leaves a half file under
 * the final name. The run's manifest ({@code ….manifest.json}) and its signature ({@code ….manifest.json.sig}) go
 * beside it, named here so that whoever writes, checks or deletes them agrees on the names
 * (docs/evidence.md#manifest-and-checksums).
 */
@Component
public class AuditWorkbookFiles {

    public record Written(Path path, long size, String sha256) {
    }

    private static final String WORKBOOK = "xlsx";
    private static final String MANIFEST = ".manifest.json";
    private static final String SIGNATURE = ".sig";

    private final ReportProperties properties;
    private final AuditWorkbookWriter writer = new AuditWorkbookWriter();

    AuditWorkbookFiles(ReportProperties properties) {
        this.properties = properties;
    }

    /** Where the workbook of a run is written: named by run id, as-of and dry run only, never by data. */
    public Path pathOf(long runId, Instant asOf, boolean dryRun) {
        return properties.dir().resolve(IsoTimestamps.utcDate(asOf).toString())
                .resolve(fileName(runId, asOf, dryRun, WORKBOOK));
    }

    /**
     * A run's file name, the workbook's or a download's: {@code audit-<as-of date>-run<id>[-dry-run].<extension>},
     * from the run alone.
     */
    public static String fileName(long runId, Instant asOf, boolean dryRun, String extension) {
        return "audit-" + IsoTimestamps.utcDate(asOf) + "-run" + runId + (dryRun ? "-dry-run" : "") + "." + extension;
    }

    /** The reports dir ({@code audit.reports.dir}), which manifests name their files relative to. */
    public Path reportsDir() {
        return properties.dir();
    }

    /** The manifest beside {@code workbook}: its name with {@code .manifest.json} for {@code .xlsx}. */
    public static Path manifestOf(Path workbook) {
        String name = workbook.getFileName().toString();
        return workbook.resolveSibling(name.substring(0, name.length() - ("." + WORKBOOK).length()) + MANIFEST);
    }

    /** The detached signature of {@code manifest}, beside it. */
    public static Path signatureOf(Path manifest) {
        return manifest.resolveSibling(manifest.getFileName() + SIGNATURE);
    }

    public Written write(AuditWorkbookWriter.Content content) throws IOException {
        RunEvidence run = content.run();
        Path target = pathOf(run.runId(), run.asOf(), run.dryRun());
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
        return new Written(target, Files.size(target), HexFormat.of().formatHex(digest.digest()));
    }
}
