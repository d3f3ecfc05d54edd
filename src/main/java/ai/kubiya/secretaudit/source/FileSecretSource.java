package ai.kubiya.secretaudit.source;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/** {@code file:PATH}: a JSON file in the shape of the Control Plane's secrets list (a top-level array). */
public final class FileSecretSource implements SecretSource {

    private static final int BUFFER_SIZE = 64 * 1024;

    private final Path path;

    public FileSecretSource(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    @Override
    public SecretCursor open(Instant asOf) {
        if (Files.isDirectory(path)) {
            throw cannotRead("it is a directory", null);
        }
        InputStream in;
        try {
            // a FileInputStream, not Files.newInputStream: the channel's available() seeks, which a pipe
            // (/dev/stdin, a FIFO) refuses with "Illegal seek"
            in = new BufferedInputStream(new FileInputStream(path.toFile()), BUFFER_SIZE);
        } catch (FileNotFoundException e) {
            throw cannotRead(Files.exists(path) ? "permission denied" : "no such file", e);
        }
        return JsonInventoryReader.read(in, describe());
    }

    @Override
    public String describe() {
        return "file:" + path;
    }

    private SourceException cannotRead(String reason, IOException cause) {
        return new SourceException("cannot read inventory file " + path + ": " + reason, cause);
    }
}
