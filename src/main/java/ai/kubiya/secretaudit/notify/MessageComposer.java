package ai.kubiya.secretaudit.notify;

import jakarta.activation.FileTypeMap;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.ConfigurableMimeFileTypeMap;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Builds the MIME bytes stored in the outbox: multipart with an HTML body, a plain-text alternative and
 * one attachment, under a Message-ID fixed before the first send attempt so that a resend after a crash
 * is recognisable as the same message. Not final: a test replaces it to show that one email that cannot be
 * composed costs only that email.
 */
@Component
class MessageComposer {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final Session SESSION = Session.getInstance(new Properties());

    private final MailProperties properties;

    MessageComposer(MailProperties properties) {
        this.properties = properties;
    }

    /** Recipients come parsed (see {@code EmailAddresses}): composing never parses, so never fails, on them. */
    record Content(InternetAddress to, List<InternetAddress> cc, String subject, String text, String html,
                   String attachmentName, byte[] attachment) {
    }

    byte[] compose(String messageId, Content content) {
        try {
            MimeMessage message = new FixedIdMimeMessage(messageId);
            MimeMessageHelper helper = new SharedTypeMapHelper(message);
            helper.setFrom(headerSafe(properties.from()));
            if (properties.replyTo() != null) {
                helper.setReplyTo(MailProperties.address(properties.replyTo()));
            }
            helper.setTo(content.to());
            for (InternetAddress cc : content.cc()) {
                helper.addCc(cc);
            }
            helper.setSubject(headerSafe(content.subject()));
            helper.setText(content.text(), content.html());
            // RFC 3834: out-of-office and other auto-responders do not answer it, and mail systems may file it
            message.setHeader("Auto-Submitted", "auto-generated");
            if (content.attachment() != null) {
                helper.addAttachment(content.attachmentName(), new ByteArrayResource(content.attachment()), XLSX);
            }
            message.saveChanges();
            MimeBuffer bytes = new MimeBuffer(
                    (content.attachment() == null ? 0 : content.attachment().length * 2) + 4096);
            message.writeTo(bytes);
            return bytes.toByteArray();
        } catch (MessagingException e) {
            // the exception's text may quote a header value: the class names the failure well enough
            throw new IllegalStateException("cannot compose the message (" + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over the stored bytes themselves: from any other stream, the message would copy them first. */
    static MimeMessage parse(byte[] mime) {
        return parse(mime, () -> { });
    }

    /**
     * @param beforeEnd runs when the whole message has been written to a transport, before the transport ends it
     *                  (SMTP's final {@code .}, after which the server has accepted it); what it throws aborts it
     */
    static MimeMessage parse(byte[] mime, Runnable beforeEnd) {
        try {
            return new MimeMessage(SESSION, new SharedByteArrayInputStream(mime)) {
                @Override
                public void writeTo(OutputStream os, String[] ignoreList) throws IOException, MessagingException {
                    super.writeTo(os, ignoreList);
                    try {
                        beforeEnd.run();
                    } catch (RuntimeException e) {
                        throw new IOException("the message before this one could not be marked SENT", e);
                    }
                }
            };
        } catch (MessagingException e) {
            throw new IllegalStateException("stored message cannot be read back", e);
        }
    }

    /** Header values never carry CR or LF: data must not be able to add headers. */
    static String headerSafe(String value) {
        return value.replaceAll("[\\r\\n\\t\\x00-\\x1f\\x7f]+", " ").strip();
    }

    static String html(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /**
     * Spring's helper builds a file-type map (a classpath scan for {@code mime.types}) for every message unless
     * told otherwise; the attachment's type is given, so one map serves every message.
     */
    private static final class SharedTypeMapHelper extends MimeMessageHelper {

        private static final FileTypeMap TYPES = types();

        SharedTypeMapHelper(MimeMessage message) throws MessagingException {
            super(message, true, "UTF-8");
        }

        @Override
        protected FileTypeMap getDefaultFileTypeMap(MimeMessage message) {
            return TYPES;
        }

        private static FileTypeMap types() {
            ConfigurableMimeFileTypeMap types = new ConfigurableMimeFileTypeMap();
            types.afterPropertiesSet();
            return types;
        }
    }

    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(String messageId) {
            super(SESSION);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
