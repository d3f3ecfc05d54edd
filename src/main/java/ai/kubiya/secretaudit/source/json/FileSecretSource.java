package ai.kubiya.secretaudit.source.json;

import ai.kubiya.secretaudit.source.ReadAbortedException;
import ai.kubiya.secretaudit.source.ReadProgress;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretSource;
import ai.kubiya.secretaudit.source.SourceException;
import ai.kubiya.secretaudit.source.SourceReads;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** {@code file:PATH}: a JSON file in the shape of the Control Plane's secrets list (a top-level array). */
public final class FileSecretSource implements SecretSource {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;
    private final SourceReads reads;

    /** @param reads where the open file is registered, so that a stop or the deadline can end a blocked read */
    public FileSecretSource(Path path, SourceReads reads) {
        this.path = Objects.requireNonNull(path, "path");
        this.reads = Objects.requireNonNull(reads, "reads");
    }

    @Override
    public SecretCursor open(Instant asOf) {
        if (Files.isDirectory(path)) {
            throw cannotRead("it is a directory", null);
        }
        InputStream in;
        long size;
        try {
            size = sizeOf(path);
            in = new BufferedInputStream(reads.openFile(path), BUFFER_SIZE);
        } catch (NoSuchFileException e) {
            throw cannotRead("no such file", e);
        } catch (AccessDeniedException e) {
            throw cannotRead("permission denied", e);
        } catch (ReadAbortedException e) {
            throw new SourceException("cannot read " + describe() + ": " + e.getMessage(), e);
        } catch (FileSystemException e) {
            throw cannotRead(e.getReason() == null ? "cannot open it" : e.getReason(), e);
        } catch (IOException e) {
            throw cannotRead(e.getMessage(), e);
        }
        return JsonInventoryReader.readMeasured(in, describe(), size);
    }

    /** A FIFO or device has no size worth showing: its progress line then says "of ?". */
    private static long sizeOf(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.size(file) : ReadProgress.UNKNOWN_TOTAL;
    }

    @Override
    public String describe() {
        return "file:" + path;
    }

    private SourceException cannotRead(String reason, IOException cause) {
        return new SourceException("cannot read inventory file " + path + ": " + reason, cause);
    }
}
