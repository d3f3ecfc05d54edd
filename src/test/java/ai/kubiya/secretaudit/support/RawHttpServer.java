package ai.kubiya.secretaudit.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on a raw socket, for bodies no library serves: {@code [} and then whitespace for ever, or one
 * byte at a time, each sooner than the client's read timeout. Every request gets the answer of the current mode;
 * {@link #serve(String)} switches to a well-formed body (for the run that resumes).
 */
public final class RawHttpServer implements AutoCloseable {

    /** What every request gets. */
    public enum Mode { ENDLESS_WHITESPACE, DRIP, BODY }

    private final ServerSocket listener;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private volatile Mode mode;
    private volatile byte[] body = "[]".getBytes(StandardCharsets.US_ASCII);

    public RawHttpServer(Mode mode) throws IOException {
        this.mode = mode;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "raw-http-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** From now on, every request gets this JSON body, whole. */
    public void serve(String json) {
        body = json.getBytes(StandardCharsets.UTF_8);
        mode = Mode.BODY;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                connections.add(socket);
                Thread handler = new Thread(() -> answer(socket), "raw-http-answer");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            skipRequest(in);
            Mode answer = mode;
            if (answer == Mode.BODY) {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                return;
            }
            // no length: the body ends when the connection does, that is never
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[".getBytes(
                    StandardCharsets.US_ASCII));
            out.flush();
            byte[] whitespace = (answer == Mode.DRIP ? " " : " \n\t\r".repeat(1024))
                    .getBytes(StandardCharsets.US_ASCII);
            while (!socket.isClosed()) {
                out.write(whitespace);
                out.flush();
                Thread.sleep(answer == Mode.DRIP ? 100 : 10); // some 400 KB/s of whitespace, or 10 bytes/s
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: what an aborted read looks like from here
        } finally {
            connections.remove(socket);
        }
    }

    private static void skipRequest(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int next = in.read(); next >= 0; next = in.read()) {
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
            if (matched == end.length) {
                return;
            }
        }
    }

    /** Whether a client is connected right now (a read in progress). */
    public boolean serving() {
        return !connections.isEmpty();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : connections) {
            socket.close();
        }
    }
}
