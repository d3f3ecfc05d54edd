package ai.kubiya.secretaudit.evidence;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.report.AuditWorkbookFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Set;

/**
 * The checks of {@code verify} that read {@code reports/}: a manifest file, its signature, the workbook it names, and
 * that no other run file lies there. Only regular files are opened and no link is followed: a FIFO named like a
 * workbook hung a run for good once (issue 12), and a link could pass off a file outside the folder.
 */
final class ManifestCheck {

    private final Path reports;
    private final PublicKey publicKey;
    private final Tally tally;
    private final Set<Path> accounted;
    /** A manifest earlier in the chain had a signature. */
    private boolean signedBefore;

    ManifestCheck(Path reports, PublicKey publicKey, Tally tally, Set<Path> accounted) {
        this.reports = reports;
        this.publicKey = publicKey;
        this.tally = tally;
        this.accounted = accounted;
    }

    void manifest(ChainEntry entry) throws IOException {
        Path file = reports.resolve(entry.file());
        String name = "run " + entry.run() + ": " + file;
        byte[] bytes = Files.readAllBytes(regular(file, name));
        if (!Sha256.hex(bytes).equals(entry.sha256())) {
            throw new BrokenLink(name + " was changed: its SHA-256 is " + Sha256.hex(bytes)
                    + ", the one recorded when the run sealed it " + entry.sha256());
        }
        Manifest manifest = parse(bytes, name);
        agreesWithTheChain(entry, manifest, name);
        if (!manifest.workbook().sha256().equals(entry.recorded())) {
            throw new BrokenLink("run " + entry.run() + ": its manifest and PostgreSQL disagree on the workbook's"
                    + " SHA-256 (" + manifest.workbook().sha256() + " and " + entry.recorded() + ")");
        }
        tally.dryRuns += manifest.dryRun() ? 1 : 0;
        signature(entry, file, bytes);
        workbook(entry.run(), file.resolveSibling(manifest.workbook().file()), manifest.workbook().sha256(),
                "its manifest");
    }

    /**
     * The manifest's own words (signed, when it is) against the chain PostgreSQL holds: its run and the manifest it
     * points back to. Whoever can write both PostgreSQL and {@code reports/} could otherwise rewrite one run's
     * evidence and the next run's link in the database while that run's signed manifest still names the old one.
     */
    private static void agreesWithTheChain(ChainEntry entry, Manifest manifest, String name) {
        String previous = manifest.previous() == null ? null : manifest.previous().sha256();
        if (manifest.run() != entry.run() || !Objects.equals(previous, entry.previousSha256())) {
            throw new BrokenLink(name + " does not say what the chain in PostgreSQL says of it: it is run "
                    + manifest.run() + " after SHA-256 " + previous + ", PostgreSQL has run " + entry.run()
                    + " after " + entry.previousSha256());
        }
        String workbook = manifest.workbook().file();
        if (workbook.contains("/") || workbook.contains("\\") || workbook.startsWith(".")) {
            throw new BrokenLink(name + " names a workbook outside its folder");
        }
    }

    /**
     * The files a run that did not complete may have left (a crash while it sealed its manifest): they are no
     * run's evidence, and not a stranger's file either.
     */
    void leftByUnsealedRun(String workbookPath) {
        if (workbookPath == null || Path.of(workbookPath).getParent() == null) {
            return;
        }
        Path recorded = Path.of(workbookPath);
        Path workbook = reports.resolve(recorded.getParent().getFileName().toString())
                .resolve(recorded.getFileName().toString());
        Path manifest = AuditWorkbookFiles.manifestOf(workbook);
        for (Path file : new Path[] {manifest, AuditWorkbookFiles.signatureOf(manifest)}) {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                accounted.add(file.toAbsolutePath().normalize());
            }
        }
    }

    /** A workbook of a run outside the chain, when it is on disk: it must match the run's recorded SHA-256. */
    boolean unsealedWorkbook(long run, String workbookPath, String recorded) throws IOException {
        if (workbookPath == null || recorded == null) {
            return false;
        }
        Path recordedPath = Path.of(workbookPath);
        if (recordedPath.getParent() == null) {
            return false;
        }
        Path file = reports.resolve(recordedPath.getParent().getFileName().toString())
                .resolve(recordedPath.getFileName().toString());
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return false; // a failed run's workbook need not be there: it was never the evidence of a completed run
        }
        workbook(run, file, recorded, "the SHA-256 recorded for the run");
        return true;
    }

    /** Every {@code audit-*} file in a date folder of {@code reports/} was accounted for by a run. */
    void nothingElseIn(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path folder : folders) {
                try (DirectoryStream<Path> runFiles = Files.newDirectoryStream(folder, "audit-*")) {
                    for (Path file : runFiles) {
                        if (!accounted.contains(file.toAbsolutePath().normalize())) {
                            throw new BrokenLink(file + ": no run in PostgreSQL accounts for this file"
                                    + " (not a completed run's workbook, manifest or signature)");
                        }
                    }
                }
            }
        }
    }

    private void signature(ChainEntry entry, Path manifest, byte[] bytes) throws IOException {
        Path file = AuditWorkbookFiles.signatureOf(manifest);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (entry.signed() || publicKey != null && signedBefore) {
                throw new BrokenLink("run " + entry.run() + ": " + file + " is missing, and the manifest"
                        + (entry.signed() ? " was signed when the run sealed it"
                        : " is unsigned after a signed one: signing is not turned off for one run"));
            }
            tally.unsigned++;
            return;
        }
        signedBefore = true;
        String base64 = Files.readString(regular(file, "run " + entry.run() + ": " + file), StandardCharsets.US_ASCII);
        if (publicKey == null) {
            tally.signaturesUnchecked++;
        } else if (SigningKeys.verifies(publicKey, bytes, base64)) {
            tally.signaturesVerified++;
        } else {
            throw new BrokenLink("run " + entry.run() + ": " + file + " does not verify with the public"
                    + " key: the manifest, or the signature, is not the one signed");
        }
    }

    private void workbook(long run, Path file, String expected, String against) throws IOException {
        String actual = Sha256.hex(regular(file, "run " + run + ": its workbook " + file), LinkOption.NOFOLLOW_LINKS);
        if (!actual.equals(expected)) {
            throw new BrokenLink("run " + run + ": " + file + " does not match " + against + " (SHA-256 "
                    + actual + ", expected " + expected + ")");
        }
        tally.workbookFiles++;
    }

    /** The file, when it is a regular file; marks it accounted for. */
    private Path regular(Path file, String what) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new BrokenLink(what + " is not a regular file");
            }
        } catch (NoSuchFileException e) {
            throw new BrokenLink(what + " is missing");
        }
        accounted.add(file.toAbsolutePath().normalize());
        return file;
    }

    /** Only reached when the bytes are the ones sealed, so a failure means PostgreSQL's record was changed too. */
    private static Manifest parse(byte[] bytes, String name) {
        try {
            return Manifest.parse(bytes);
        } catch (IllegalArgumentException e) {
            throw new BrokenLink(name + ": " + e.getMessage());
        }
    }
}
