package ai.kubiya.secretaudit.notify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny real SMTP server for what GreenMail cannot do: answer {@code 550} (or another refusal) to one
 * recipient and {@code 250} to the others. It speaks just enough SMTP for Jakarta Mail (greeting, EHLO/HELO, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT), several messages per connection, and keeps what it accepted. Every loop is bounded, every
 * read times out, and {@link #close()} ends every thread.
 */
final class RejectingSmtpServer implements AutoCloseable {

    record Accepted(List<String> recipients, String data) {

        private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(\\S+)");

        String messageId() {
            Matcher id = MESSAGE_ID.matcher(data);
            return id.find() ? id.group(1) : null;
        }
    }

    private static final int MAX_CONNECTIONS = 100;
    private static final int MAX_COMMANDS = 10_000;
    private static final int MAX_LINE = 8_192;
    private static final int MAX_MESSAGE = 20 << 20;
    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

    private final ServerSocket server;
    private final String rejectedRecipient;
    private final String refusal;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    RejectingSmtpServer(String rejectedRecipient) throws IOException {
        this(rejectedRecipient, "550 5.1.1 <%s>: Recipient address rejected: User unknown");
    }

    /** @param refusal the reply to RCPT TO of that recipient; {@code %s} is the address */
    RejectingSmtpServer(String rejectedRecipient, String refusal) throws IOException {
        this.rejectedRecipient = rejectedRecipient;
        this.refusal = refusal;
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptConnections, "rejecting-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket connection : connections) {
            connection.close();
        }
    }

    private void acceptConnections() {
        for (int i = 0; i < MAX_CONNECTIONS && !server.isClosed(); i++) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                Thread session = new Thread(() -> serve(connection), "rejecting-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
            connection.setSoTimeout(10_000);
            reply(out, "220 localhost ESMTP rejecting test server");
            List<String> recipients = new ArrayList<>();
            for (int i = 0; i < MAX_COMMANDS; i++) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String verb = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO", "NOOP" -> reply(out, "250 localhost");
                    case "MAIL", "RSET" -> {
                        recipients.clear();
                        reply(out, "250 2.0.0 OK");
                    }
                    case "RCPT" -> recipient(out, line, recipients);
                    case "DATA" -> data(in, out, recipients);
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 Command not recognized");
                }
            }
        } catch (IOException e) {
            // the client went away, timed out, or the server is closing
        }
    }

    private void recipient(OutputStream out, String line, List<String> recipients) throws IOException {
        Matcher address = ADDRESS.matcher(line);
        String recipient = address.find() ? address.group(1) : "";
        if (recipient.equalsIgnoreCase(rejectedRecipient)) {
            reply(out, String.format(refusal, recipient));
        } else {
            recipients.add(recipient);
            reply(out, "250 2.1.5 OK");
        }
    }

    private void data(InputStream in, OutputStream out, List<String> recipients) throws IOException {
        if (recipients.isEmpty()) {
            reply(out, "554 5.5.1 No valid recipients");
            return;
        }
        reply(out, "354 End data with <CR><LF>.<CR><LF>");
        StringBuilder data = new StringBuilder();
        for (String line = readLine(in); !".".equals(line); line = readLine(in)) {
            if (line == null || data.length() > MAX_MESSAGE) {
                throw new IOException("message cut off or too large");
            }
            data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        accepted.add(new Accepted(List.copyOf(recipients), data.toString()));
        recipients.clear();
        reply(out, "250 2.0.0 OK queued");
    }

    /** One line without its CRLF, or null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        for (int i = 0; i < MAX_LINE; i++) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        throw new IOException("line longer than " + MAX_LINE + " bytes");
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
