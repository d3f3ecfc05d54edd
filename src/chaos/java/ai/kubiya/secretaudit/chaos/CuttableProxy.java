package ai.kubiya.secretaudit.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a server that goes away: after {@code cutAfter} bytes from clients it drops every
 * connection and stops listening, so new connections are refused, until {@link #reopen()} listens again on
 * the same port. What an SMTP server that crashes mid-run looks like to its client.
 */
final class CuttableProxy implements AutoCloseable {

    private final int port;
    private final int target;
    private final AtomicLong forwarded = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile long cutAfter;
    private volatile ServerSocket listener;
    private volatile boolean cut;
    private volatile boolean hung;

    CuttableProxy(int target, long cutAfter) throws IOException {
        this.target = target;
        this.cutAfter = cutAfter;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        listen();
    }

    int port() {
        return port;
    }

    boolean wasCut() {
        return cut;
    }

    /** Goes away now, whatever was forwarded: what a service that crashes at a moment of the suite's choosing does. */
    void cutNow() {
        cut();
    }

    /**
     * Goes silent: connections are still accepted and requests read, but nothing is forwarded either way until
     * {@link #cutNow()}. A server that hangs rather than goes away.
     */
    void hang() {
        hung = true;
    }

    /** Listens again (and forwards everything from now on). */
    synchronized void reopen() throws IOException {
        cutAfter = Long.MAX_VALUE;
        hung = false;
        if (listener == null || listener.isClosed()) {
            listen();
        }
    }

    private void listen() throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        listener = server;
        Thread acceptor = new Thread(() -> accept(server), "chaos-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean counted) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    while (hung) {
                        Thread.sleep(20);
                    }
                    if (counted && forwarded.addAndGet(read) > cutAfter) {
                        cut();
                        return;
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side went away, or the cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "chaos-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private synchronized void cut() {
        cut = true;
        hung = false;
        cutAfter = 0; // a pump still reading drops what it reads next rather than forwarding it
        closeQuietly(listener);
        sockets.forEach(CuttableProxy::closeQuietly);
        sockets.clear();
    }

    @Override
    public void close() {
        cut();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
