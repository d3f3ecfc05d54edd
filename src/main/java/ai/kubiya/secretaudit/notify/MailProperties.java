package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.policy.EmailAddresses;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code audit.mail.*}.
 *
 * @param fallbackRecipient receives the findings of owners that cannot be mailed; unset → they are listed as unroutable
 * @param allowedDomains    recipient domains that may be mailed; empty → all
 * @param remindEvery       an unchanged reminder is sent again after this long (measured in as-of time)
 * @param escalateAfter     findings overdue or expired this long past their due date copy {@code escalationCc}
 * @param auditorAttachmentMaxSize a larger auditor workbook is not attached; its email says how to export it
 * @param maxAttempts       delivery attempts (one per run) before a temporarily failing email is given up
 */
@Validated
@ConfigurationProperties(prefix = "audit.mail")
public record MailProperties(
        @NotBlank String from,
        String replyTo,
        List<String> auditors,
        String fallbackRecipient,
        List<String> allowedDomains,
        @NotNull Duration remindEvery,
        @NotNull Duration escalateAfter,
        List<String> escalationCc,
        @Positive int maxAttempts,
        @NotNull DataSize auditorAttachmentMaxSize) {

    public MailProperties {
        auditors = clean(auditors, "audit.mail.auditors");
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        escalationCc = clean(escalationCc, "audit.mail.escalation-cc");
        checkFrom(from);
        replyTo = cleanOne(replyTo, "audit.mail.reply-to");
        fallbackRecipient = cleanOne(fallbackRecipient, "audit.mail.fallback-recipient");
    }

    /** A configured address, checked at start-up, as composition puts it on a message. */
    static InternetAddress address(String configured) {
        EmailAddresses.Parsed parsed = EmailAddresses.parse(configured);
        if (!parsed.isValid()) {
            throw new IllegalStateException("a configured address was not checked at start-up: " + parsed.problem());
        }
        return parsed.address();
    }

    /**
     * {@code from} may carry a display name ({@code Secret Audit <audit@acme.example>}) and its default,
     * {@code secret-audit@localhost}, has no dotted domain: a fine sender on a local relay. It must still be
     * one mailbox that Jakarta Mail reads, or no message could be composed at all.
     */
    private static void checkFrom(String from) {
        if (from == null || from.isBlank()) {
            return; // @NotBlank reports it, naming the key
        }
        try {
            if (new InternetAddress(from.strip(), true).isGroup()) {
                throw new IllegalArgumentException("audit.mail.from: '" + from + "' is an address group, not one"
                        + " mailbox");
            }
        } catch (AddressException e) {
            // not chained: the start-up error shows the deepest cause's message, and this one names the key
            throw new IllegalArgumentException("audit.mail.from: '" + from + "' is not a valid email address ("
                    + e.getMessage() + ")");
        }
    }

    private static String cleanOne(String address, String key) {
        if (address == null || address.isBlank()) {
            return null;
        }
        check(address.strip(), key);
        return address.strip();
    }

    private static List<String> clean(List<String> addresses, String key) {
        if (addresses == null) {
            return List.of();
        }
        List<String> cleaned = addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        cleaned.forEach(address -> check(address, key));
        return cleaned;
    }

    private static void check(String address, String key) {
        EmailAddresses.Parsed parsed = EmailAddresses.parse(address);
        if (!parsed.isValid()) {
            throw new IllegalArgumentException(key + ": '" + address + "' is not a valid email address ("
                    + parsed.problem() + ")");
        }
    }
}
