package ai.kubiya.secretaudit.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The file {@code export --out} writes, and only ever a regular file: written to a temp file beside it and moved
 * into place atomically, so the target's directory entry is replaced, never written through. Moving onto a device
 * or a link to one replaced the node itself (as root, {@code --out=/dev/null} replaced the system's), and a
 * directory left the temp file, the whole workbook, behind (issue 12).
 *
 * <p>A refused target is a usage error ({@link IllegalArgumentException}, exit 2); a failed write is an
 * {@link UncheckedIOException} (exit 1) and leaves nothing behind.
 */
final class ExportTarget {

    private final Path out;
    private final boolean force;
    private final String exampleName;

    private ExportTarget(Path out, boolean force, String exampleName) {
        this.out = out;
        this.force = force;
        this.exampleName = exampleName;
    }

    /** Checks {@code out} before anything is read, so that a refused target costs no database start. */
    static ExportTarget checked(Path out, boolean force) {
        return checked(out, force, "audit.xlsx");
    }

    /** @param exampleName the file name a refused folder's message suggests, e.g. {@code audit.csv} */
    static ExportTarget checked(Path out, boolean force, String exampleName) {
        ExportTarget target = new ExportTarget(out, force, exampleName);
        target.refuseUnlessWritable();
        return target;
    }

    /** What is written into the temp file; the stream is closed afterwards. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    void write(byte[] content) {
        write(out -> out.write(content));
    }

    /** Streams {@code content} into the temp file, so that an export of any size never sits in memory. */
    void write(Content content) {
        Path temp;
        try {
            Path parent = Files.createDirectories(out.toAbsolutePath().getParent());
            temp = Files.createTempFile(parent, ".export-", ".tmp");
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        RuntimeException failure = null;
        try {
            moveIntoPlace(temp, content);
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            failure = deleteLeftover(temp, failure); // gone after the move; on any other path it must not stay
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void moveIntoPlace(Path temp, Content content) {
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.writeTo(out);
            }
            refuseUnlessWritable(); // again: the target may have appeared while the workbook was read
            if (force) {
                Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.move(temp, out); // a rename in one folder; fails if the target appeared since the check
            }
        } catch (FileAlreadyExistsException e) {
            throw exists();
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    private UncheckedIOException cannotWrite(IOException e) {
        return new UncheckedIOException("cannot write " + out + ": " + reason(e), e);
    }

    /** The operating system's reason alone: a {@link FileSystemException}'s message repeats the path. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException failure) {
            return failure.getReason() != null ? failure.getReason() : failure.getClass().getSimpleName();
        }
        return e.getMessage();
    }

    private static RuntimeException deleteLeftover(Path temp, RuntimeException failure) {
        try {
            Files.deleteIfExists(temp);
            return failure;
        } catch (IOException e) {
            UncheckedIOException leftover = new UncheckedIOException("cannot delete the temp file " + temp
                    + ", which holds the export: " + reason(e), e);
            if (failure == null) {
                return leftover;
            }
            failure.addSuppressed(leftover);
            return failure;
        }
    }

    private void refuseUnlessWritable() {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(out, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            throw cannotWrite(e);
        }
        if (attributes.isSymbolicLink()) {
            throw refused("is a symbolic link; give the path of a regular file (a link is never written through)");
        }
        if (attributes.isDirectory()) {
            throw refused("is a directory; give a file name, e.g. --out=" + out.resolve(exampleName));
        }
        if (!attributes.isRegularFile()) {
            throw refused("is not a regular file (a device, FIFO or socket)");
        }
        if (!force) {
            throw exists();
        }
    }

    private IllegalArgumentException exists() {
        return new IllegalArgumentException("--out " + out + " already exists; give --force to replace it");
    }

    private IllegalArgumentException refused(String why) {
        return new IllegalArgumentException("--out " + out + " " + why + "; export writes only regular files");
    }
}
