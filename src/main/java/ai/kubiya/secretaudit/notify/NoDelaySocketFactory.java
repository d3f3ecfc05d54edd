package ai.kubiya.secretaudit.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * Plain sockets with {@code TCP_NODELAY}. Jakarta Mail leaves Nagle's algorithm on, so the last small
 * segment of every message (the end of the body and the terminating {@code .}) waits for the server's
 * delayed ACK — about 40 ms per message on Linux, which capped delivery at ~20 messages/s whatever the
 * server. With it off, one kept-open connection sends hundreds a second.
 *
 * <p>Angus Mail creates the socket through this factory and still wraps it in TLS itself (SMTPS, STARTTLS),
 * honouring {@code mail.smtp.ssl.*}; it is only installed when nothing else decides how sockets are made.
 */
final class NoDelaySocketFactory extends SocketFactory {

    static final NoDelaySocketFactory INSTANCE = new NoDelaySocketFactory();

    private NoDelaySocketFactory() {
    }

    /** Installs the factory for {@code mail.<protocol>} unless a socket factory, SOCKS proxy or socket channels are configured. */
    static boolean installIfUnset(Properties properties, String protocol) {
        String prefix = "mail." + protocol;
        for (String key : new String[] {".socketFactory", ".socketFactory.class", ".socks.host", ".usesocketchannels"}) {
            if (properties.containsKey(prefix + key)) {
                return false;
            }
        }
        properties.put(prefix + ".socketFactory", INSTANCE);
        return true;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(new Socket(address, port, localAddress, localPort));
    }

    private static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
