package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.report.AuditWorkbookFiles;
import ai.kubiya.secretaudit.report.ReportProperties;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes the files a run left under {@code audit.reports.dir}: its auditor workbook, the manifest and signature
 * beside it, and the {@code .eml} file of each of its outbox rows. Only files it can attribute to the run by name, only regular files (a link is never
 * followed, nor deleted), and only in folders that really lie inside the reports dir.
 */
@Component
class RunFiles {

    /** A run retention removes, with the workbook path it recorded (null if none). */
    record Expired(long id, Instant asOf, boolean dryRun, String workbookPath) {
    }

    /** @param complete false when a file could not be deleted: the run then keeps its rows, to be tried again */
    record Deleted(int workbooks, int emails, boolean complete, Set<Path> folders) {
    }

    private enum Outcome { DELETED, ABSENT, LEFT, FAILED }

    private static final Logger log = LoggerFactory.getLogger(RunFiles.class);
    private static final String LEGACY_MANIFEST = "manifest.json";

    private final ReportProperties reports;
    private final AuditWorkbookFiles workbookFiles;

    RunFiles(ReportProperties reports, AuditWorkbookFiles workbookFiles) {
        this.reports = reports;
        this.workbookFiles = workbookFiles;
    }

    Deleted delete(Expired run, List<Long> outboxIds) {
        Path root = realPath(reports.dir());
        if (root == null) {
            return new Deleted(0, 0, true, Set.of()); // no reports dir: nothing on disk
        }
        int workbooks = 0;
        boolean complete = true;
        Set<Path> folders = new LinkedHashSet<>();
        for (Path workbook : workbookPaths(run)) {
            Path folder = folderInside(root, workbook.getParent());
            if (folder == null) {
                continue;
            }
            Path inFolder = folder.resolve(workbook.getFileName());
            Outcome outcome = deleteFile(inFolder);
            workbooks += outcome == Outcome.DELETED ? 1 : 0;
            // a crash from here on leaves the run's row (rows go after files) with part of its files: verify names
            // that run until the next retention finishes removing it
            Path manifest = AuditWorkbookFiles.manifestOf(inFolder);
            complete &= outcome != Outcome.FAILED && deleteFile(manifest) != Outcome.FAILED
                    && deleteFile(AuditWorkbookFiles.signatureOf(manifest)) != Outcome.FAILED;
            folders.add(folder);
        }
        int emails = 0;
        Path outbox = outboxIds.isEmpty() ? null : folderInside(root, reports.outboxDir());
        for (long id : outbox == null ? List.<Long>of() : outboxIds) {
            Outcome outcome = deleteFile(outbox.resolve(ReportProperties.emlFileName(id)));
            emails += outcome == Outcome.DELETED ? 1 : 0;
            complete &= outcome != Outcome.FAILED;
        }
        return new Deleted(workbooks, emails, complete, folders);
    }

    /**
     * Removes the folders the removed runs' workbooks were in once no run's file is left in them, with the
     * {@code manifest.json} index that versions before the per-run manifests rewrote there; a folder holding anything
     * else stays.
     */
    void removeEmptyFolders(Collection<Path> folders) {
        for (Path folder : folders) {
            try (DirectoryStream<Path> runFiles = Files.newDirectoryStream(folder, "audit-*")) {
                if (runFiles.iterator().hasNext()) {
                    continue;
                }
                Files.deleteIfExists(folder.resolve(LEGACY_MANIFEST));
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException e) {
                log.debug("Retention: {} still holds other files; left in place", folder);
            } catch (IOException e) {
                log.warn("Retention: cannot tidy {}: {}", folder, e.toString());
            }
        }
    }

    /**
     * Where the run wrote its workbook; the recorded path too if it differs (the reports dir was moved since), when it
     * bears the run's name, or for a dry run the name it had before dry runs said so (left behind, verify would
     * report it as a file no run accounts for).
     */
    private Set<Path> workbookPaths(Expired run) {
        Path expected = workbookFiles.pathOf(run.id(), run.asOf(), run.dryRun()).toAbsolutePath().normalize();
        List<Path> names = List.of(expected.getFileName(), workbookFiles.pathOf(run.id(), run.asOf(), false).getFileName());
        Set<Path> paths = new LinkedHashSet<>(List.of(expected));
        if (run.workbookPath() != null) {
            try {
                Path recorded = Path.of(run.workbookPath()).toAbsolutePath().normalize();
                if (names.contains(recorded.getFileName())) {
                    paths.add(recorded);
                }
            } catch (InvalidPathException e) {
                log.warn("Retention: run {} recorded a workbook path that is not a path; ignored", run.id());
            }
        }
        return paths;
    }

    /** The real path of {@code folder}, when it exists and really lies inside {@code root}; links resolved. */
    private static Path folderInside(Path root, Path folder) {
        Path real = realPath(folder);
        if (real != null && !real.startsWith(root)) {
            log.warn("Retention: left the files in {}: it lies outside the reports dir {} (a link?)", folder, root);
            return null;
        }
        return real;
    }

    private static Outcome deleteFile(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                log.warn("Retention: left {}: it is not a regular file, so not one a run wrote", file);
                return Outcome.LEFT;
            }
            Files.delete(file);
            return Outcome.DELETED;
        } catch (NoSuchFileException e) {
            return Outcome.ABSENT;
        } catch (IOException e) {
            log.warn("Retention: cannot delete {}: {}; its run is kept and tried again", file, e.toString());
            return Outcome.FAILED;
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            log.warn("Retention: cannot resolve {}: {}", path, e.toString());
            return null;
        }
    }
}
