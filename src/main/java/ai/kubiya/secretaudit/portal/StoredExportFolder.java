package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The folder of {@link StoredExports}: a private temporary one (0700) removed at shutdown, or the configured
 * {@code audit.portal.export-cache.dir}, emptied of what an earlier {@code serve} left (its checksums were in that
 * process's memory: a file found at start is trusted by nobody, so it is deleted). A configured folder may be mistyped
 * or shared: only regular files named as this class names them are deleted ({@link #OURS}), never a folder, and a
 * symbolic link is neither followed nor deleted.
 */
final class StoredExportFolder implements AutoCloseable {

    /** {@code run-7.csv}, and its part while written: {@code run-7.csv.part-<random digits>} ({@link #write}). */
    static final Pattern OURS = Pattern.compile("run-[0-9]{1,19}\\.(csv|json|ocsf)(\\.part-[0-9]{1,20})?");

    private final Path folder;
    private final boolean owned;

    private StoredExportFolder(Path folder, boolean owned) {
        this.folder = folder;
        this.owned = owned;
    }

    static StoredExportFolder open(Path configured) {
        try {
            if (configured == null) {
                return new StoredExportFolder(Files.createTempDirectory("secret-rotation-audit-exports-"), true);
            }
            if (!Files.isDirectory(configured)) {
                Files.createDirectories(configured);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(configured, PosixFilePermissions.fromString("rwx------"));
                }
            }
            StoredExportFolder folder = new StoredExportFolder(configured, false);
            folder.deleteFiles();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("audit.portal.export-cache.dir cannot be used", e);
        }
    }

    /** Writes a stored export's bytes; the caller closes {@code out}. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code name} under a temporary name (0600, {@code name.part-<random digits>}) and moves it into place when
     * complete; empty when it outgrew {@code maxBytes}. The part is deleted whatever happens.
     */
    Optional<StoredExports.Stored> write(String name, long maxBytes, Content content) throws IOException {
        Path part = Files.createTempFile(folder, name + ".part-", "");
        try {
            StoredExportStream out = new StoredExportStream(Files.newOutputStream(part), maxBytes);
            try (out) {
                content.writeTo(out);
            } catch (IOException | RuntimeException e) { // the refusal may come wrapped (Jackson 3: JacksonIOException)
                if (out.exceeded()) {
                    return Optional.empty();
                }
                throw e;
            }
            Path file = folder.resolve(name);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(new StoredExports.Stored(file, out.sha256(), out.size()));
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /**
     * The stored file, open and positioned at its first byte, once its bytes hash to what was recorded when it was
     * written; empty when it is gone (evicted since it was looked up).
     *
     * @throws IllegalStateException when it no longer matches its recorded SHA-256 and size: it must not be sent
     */
    static Optional<FileChannel> openChecked(StoredExports.Stored stored) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(stored.file(), StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            MessageDigest sha256 = Sha256.newDigest();
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            long size = 0;
            for (int read = channel.read(buffer); read >= 0; read = channel.read(buffer)) {
                size += read;
                sha256.update(buffer.flip());
                buffer.clear();
            }
            if (size != stored.size() || !HexFormat.of().formatHex(sha256.digest()).equals(stored.sha256())) {
                throw new IllegalStateException("its bytes no longer match the SHA-256 recorded when it was written");
            }
            return Optional.of(channel.position(0));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void deleteFiles() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, StoredExportFolder::ours)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static boolean ours(Path file) {
        return OURS.matcher(file.getFileName().toString()).matches()
                && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public void close() {
        try {
            deleteFiles();
            if (owned) {
                Files.deleteIfExists(folder);
            }
        } catch (IOException e) {
            // shutting down: what is left is in a folder only this user can read
        }
    }
}
