package ai.kubiya.secretaudit.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Reads messages received by a test SMTP server the way a mail client would. */
public final class ReceivedMail {

    private ReceivedMail() {
    }

    /** The copies delivered to one mailbox (GreenMail keeps one copy per RCPT TO address). */
    public static List<MimeMessage> deliveredTo(GreenMail smtp, String address) {
        return smtp.findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true).toList();
    }

    public static MimeMessage onlyOneDeliveredTo(GreenMail smtp, String address) {
        List<MimeMessage> messages = deliveredTo(smtp, address);
        if (messages.size() != 1) {
            throw new AssertionError(address + " received " + messages.size() + " message(s), expected one");
        }
        return messages.get(0);
    }

    public static List<String> addresses(MimeMessage message, RecipientType type) throws Exception {
        Address[] addresses = message.getRecipients(type);
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    public static String raw(MimeMessage message) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The header block of the message as sent: everything before the first empty line. */
    public static String headerBlock(MimeMessage message) throws Exception {
        String raw = raw(message);
        int end = raw.indexOf("\r\n\r\n");
        return end < 0 ? raw : raw.substring(0, end);
    }

    /** The decoded text of the first body part of this MIME type, e.g. {@code text/html}. */
    public static String text(MimeMessage message, String mimeType) throws Exception {
        for (Part part : parts(message)) {
            if (part.isMimeType(mimeType) && part.getFileName() == null) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no " + mimeType + " part");
    }

    public static List<String> mimeTypes(MimeMessage message) throws Exception {
        List<String> types = new ArrayList<>();
        for (Part part : parts(message)) {
            types.add(part.getContentType().split(";")[0].strip().toLowerCase(Locale.ROOT));
        }
        return types;
    }

    public static List<String> attachmentNames(MimeMessage message) throws Exception {
        List<String> names = new ArrayList<>();
        for (Part part : parts(message)) {
            if (part.getFileName() != null) {
                names.add(part.getFileName());
            }
        }
        return names;
    }

    public static byte[] attachment(MimeMessage message, String fileName) throws Exception {
        for (Part part : parts(message)) {
            if (fileName.equals(part.getFileName())) {
                try (InputStream in = part.getInputStream()) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no attachment " + fileName);
    }

    private static List<Part> parts(MimeMessage message) throws Exception {
        List<Part> parts = new ArrayList<>();
        if (message.getContent() instanceof Multipart multipart) {
            collect(multipart, parts);
        } else {
            parts.add(message);
        }
        return parts;
    }

    private static void collect(Multipart multipart, List<Part> parts) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Part part = multipart.getBodyPart(i);
            parts.add(part);
            if (part.getContent() instanceof Multipart nested) {
                collect(nested, parts);
            }
        }
    }
}
