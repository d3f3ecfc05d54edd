package ai.kubiya.secretaudit.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A file channel as a stream. Not {@code Channels.newInputStream}: its {@code available()} asks a file channel
 * for its size and position, which a pipe (/dev/stdin, a FIFO) refuses with "Illegal seek".
 */
final class ChannelInputStream extends InputStream {

    private final FileChannel channel;

    ChannelInputStream(FileChannel channel) {
        this.channel = channel;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int read;
        do {
            read = channel.read(ByteBuffer.wrap(buffer, offset, length));
        } while (read == 0);
        return read;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
