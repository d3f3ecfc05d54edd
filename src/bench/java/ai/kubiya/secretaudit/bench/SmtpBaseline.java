package ai.kubiya.secretaudit.bench;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * Baseline (d): the very owner emails the job stored in its outbox, parsed before the clock starts, sent
 * over one SMTP connection (TCP_NODELAY) to the same local server — what delivery costs with nothing
 * else to do.
 */
final class SmtpBaseline {

    record Sent(long nanos, int messages, long bytes) {
    }

    private SmtpBaseline() {
    }

    static Sent send(String jdbcUrl, long runId, int port) throws Exception {
        Session session = noDelaySession();
        List<MimeMessage> messages = new ArrayList<>();
        long bytes = 0;
        try (Connection connection = PersistenceBaselines.SingleConnection.open(jdbcUrl);
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT mime FROM mail_outbox WHERE run_id = ? AND kind = 'OWNER_REMINDER' ORDER BY id")) {
            statement.setLong(1, runId);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    byte[] mime = rs.getBytes(1);
                    bytes += mime.length;
                    messages.add(new MimeMessage(session, new ByteArrayInputStream(mime)));
                }
            }
        }
        long start = System.nanoTime();
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", port, null, null);
            for (MimeMessage message : messages) {
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
        return new Sent(System.nanoTime() - start, messages.size(), bytes);
    }

    /**
     * Brings a fresh server's JIT up to speed before it is measured, as a running mail server would be:
     * {@code count} messages with a 16 KB attachment, over one connection.
     */
    static void warmUp(int port, int count) throws Exception {
        Session session = noDelaySession();
        byte[] attachment = new byte[16 * 1024];
        new java.util.Random(1).nextBytes(attachment);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect("127.0.0.1", port, null, null);
            for (int i = 0; i < count; i++) {
                MimeMessage message = new MimeMessage(session);
                message.setFrom("warm-up@localhost");
                message.setRecipients(MimeMessage.RecipientType.TO, "warm-up" + i + "@acme.example");
                message.setSubject("warm-up " + i);
                jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
                jakarta.mail.internet.MimeBodyPart text = new jakarta.mail.internet.MimeBodyPart();
                text.setText("warm-up");
                jakarta.mail.internet.MimeBodyPart file = new jakarta.mail.internet.MimeBodyPart();
                file.setDataHandler(new jakarta.activation.DataHandler(
                        new jakarta.mail.util.ByteArrayDataSource(attachment, "application/octet-stream")));
                file.setFileName("warm-up.bin");
                parts.addBodyPart(text);
                parts.addBodyPart(file);
                message.setContent(parts);
                message.saveChanges();
                transport.sendMessage(message, message.getAllRecipients());
            }
        }
    }

    private static Session noDelaySession() {
        Properties properties = new Properties();
        properties.put("mail.smtp.socketFactory", new NoDelay()); // as the job's transport does: no Nagle stall
        return Session.getInstance(properties);
    }

    private static final class NoDelay extends SocketFactory {

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) {
            throw new UnsupportedOperationException("Angus Mail connects the socket itself");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("Angus Mail connects the socket itself");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) {
            throw new UnsupportedOperationException("Angus Mail connects the socket itself");
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
            throw new UnsupportedOperationException("Angus Mail connects the socket itself");
        }
    }
}
