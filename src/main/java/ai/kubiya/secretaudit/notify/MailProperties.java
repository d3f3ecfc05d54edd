package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.policy.EmailAddresses;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.mail.*}.
 *
 * @param fallbackRecipient receives the findings of owners that cannot be mailed; unset → they are listed as unroutable
 * @param allowedDomains    recipient domains that may be mailed; empty → all
 * @param remindEvery       an unchanged reminder is sent again after this long (measured in as-of time)
 * @param escalateAfter     findings overdue or expired this long past their due date copy {@code escalationCc}
 * @param auditorAttachmentMaxSize a larger auditor workbook is not attached; its email says how to export it
 * @param maxAttempts       delivery attempts (one per run) before a temporarily failing email is given up
 * @param guidance          {@code audit.mail.guidance.<type|rule>}: what owners are told to do ({@link GuidanceProperties})
 * @param waiverRequest     where owners ask for a waiver: a link, or an email address
 * @param templatesDir      a directory whose {@code owner-reminder.subject.txt}, {@code owner-reminder.html} and
 *                          {@code owner-reminder.txt} replace the built-in templates of the same name
 *                          (docs/owners.md#your-own-templates); unset → the built-in templates
 */
@ConfigurationProperties(prefix = "audit.mail")
public record MailProperties(
        String from,
        String replyTo,
        List<String> auditors,
        String fallbackRecipient,
        List<String> allowedDomains,
        Duration remindEvery,
        Duration escalateAfter,
        List<String> escalationCc,
        int maxAttempts,
        DataSize auditorAttachmentMaxSize,
        Map<String, GuidanceProperties.Guidance> guidance,
        String waiverRequest,
        Path templatesDir) {

    public MailProperties {
        auditors = clean(auditors, "audit.mail.auditors");
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        escalationCc = clean(escalationCc, "audit.mail.escalation-cc");
        checkFrom(from);
        replyTo = cleanOne(replyTo, "audit.mail.reply-to");
        fallbackRecipient = cleanOne(fallbackRecipient, "audit.mail.fallback-recipient");
        requireSet("audit.mail.remind-every", remindEvery, "a duration, e.g. 7d");
        requireSet("audit.mail.escalate-after", escalateAfter, "a duration, e.g. 14d");
        requireSet("audit.mail.auditor-attachment-max-size", auditorAttachmentMaxSize, "a size, e.g. 20MB");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("audit.mail.max-attempts must be at least 1 (was " + maxAttempts + ")");
        }
        GuidanceProperties checked = new GuidanceProperties(guidance, waiverRequest); // throws naming the key
        guidance = checked.guidance();
        waiverRequest = checked.waiverRequest();
    }

    /** What owners are told to do and where they ask for a waiver, checked when this record was bound. */
    GuidanceProperties advice() {
        return new GuidanceProperties(guidance, waiverRequest);
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
            throw new IllegalArgumentException("audit.mail.from must be an email address (was "
                    + (from == null ? "not set" : "empty") + ")");
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

    private static void requireSet(String key, Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(key + " must be " + what + " (was not set)");
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
