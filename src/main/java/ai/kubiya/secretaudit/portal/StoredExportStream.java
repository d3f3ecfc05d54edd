package ai.kubiya.secretaudit.portal;

import ai.kubiya.secretaudit.Sha256;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A stored export being written: its SHA-256 and size as they grow, refused past the folder's bound. The refusal is
 * remembered ({@link #exceeded()}): a writer may wrap the {@link TooLarge} it gets (Jackson 3 throws it on as an
 * unchecked {@code JacksonIOException}), so its exception alone does not say why the write stopped.
 */
final class StoredExportStream extends FilterOutputStream {

    /** The export outgrew audit.portal.export-cache.max-size: it is not kept. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("larger than audit.portal.export-cache.max-size");
        }
    }

    private final MessageDigest sha256 = Sha256.newDigest();
    private final long maxBytes;
    private long size;
    private boolean exceeded;

    StoredExportStream(OutputStream file, long maxBytes) {
        super(new BufferedOutputStream(file, 1 << 16));
        this.maxBytes = maxBytes;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        size += length;
        if (size > maxBytes) {
            exceeded = true;
            throw new TooLarge();
        }
        sha256.update(bytes, offset, length);
        out.write(bytes, offset, length);
    }

    /** Whether a write was refused for the bound, whatever the writer made of that refusal. */
    boolean exceeded() {
        return exceeded;
    }

    long size() {
        return size;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
